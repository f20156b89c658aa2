from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0002_largeuser_status_smalluser_status"),
    ]

    # atomic = True (the default): the eight statements and the record in
    # django_migrations run in ONE transaction, so the first ALTER TABLE's
    # ACCESS EXCLUSIVE lock on large_user lasts until COMMIT.
    operations = [
        migrations.AlterField(
            model_name="largeuser",
            name="status",
            field=models.CharField(default="active", max_length=20),
        ),
        migrations.AlterField(
            model_name="smalluser",
            name="status",
            field=models.CharField(default="active", max_length=20),
        ),
    ]
