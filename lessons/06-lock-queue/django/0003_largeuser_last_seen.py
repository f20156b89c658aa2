from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0002_largeuser_nickname"),
    ]

    operations = [
        # SET LOCAL: the timeout ends with this migration's transaction.
        migrations.RunSQL("SET LOCAL lock_timeout = '200ms'", migrations.RunSQL.noop),
        migrations.AddField(
            model_name="largeuser",
            name="last_seen",
            field=models.DateTimeField(null=True),
        ),
    ]
