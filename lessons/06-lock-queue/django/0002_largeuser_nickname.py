from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="largeuser",
            name="nickname",
            field=models.CharField(max_length=50, null=True),
        ),
    ]
