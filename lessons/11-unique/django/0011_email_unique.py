from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0010_largeuser_email"),
    ]

    operations = [
        migrations.AlterField(
            model_name="largeuser",
            name="email",
            field=models.EmailField(max_length=254, null=True, unique=True),
        ),
    ]
