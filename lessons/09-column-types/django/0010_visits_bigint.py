from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0009_name_varchar_200"),
    ]

    operations = [
        migrations.AlterField(
            model_name="largeuser",
            name="visits",
            field=models.BigIntegerField(null=True),
        ),
    ]
