from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="largeuser",
            name="plan",
            field=models.CharField(default="free", max_length=20),
        ),
    ]
