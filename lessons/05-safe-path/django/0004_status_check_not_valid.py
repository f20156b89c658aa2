from django.contrib.postgres.operations import AddConstraintNotValid
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0003_backfill_status"),
    ]

    operations = [
        # SET LOCAL: the timeout ends with this migration's transaction.
        # Django does not retry: the deploy script reruns `migrate` a few
        # times, with a pause, when it fails with "lock timeout".
        migrations.RunSQL("SET LOCAL lock_timeout = '500ms'", migrations.RunSQL.noop),
        AddConstraintNotValid(
            model_name="largeuser",
            constraint=models.CheckConstraint(
                check=models.Q(status__isnull=False), name="large_user_status_not_null"
            ),
        ),
    ]
