from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="largeuser",
            index=models.Index(fields=["name"], name="large_user_name_idx"),
        ),
    ]
