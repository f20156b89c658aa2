import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0007_userorder"),
    ]

    operations = [
        migrations.AlterField(
            model_name="userorder",
            name="user",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.PROTECT, to="demoapp.largeuser"
            ),
        ),
    ]
