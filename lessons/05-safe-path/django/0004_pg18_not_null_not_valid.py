# PostgreSQL 18+ only: a NOT NULL constraint can itself be NOT VALID, so the
# CHECK detour (and step 5's SET NOT NULL + DROP CONSTRAINT) is not needed.
# Django has no operation for it: RunSQL inside SeparateDatabaseAndState.
# 0005 stays ValidateConstraint (or RunSQL VALIDATE CONSTRAINT); once it is
# validated the column is NOT NULL, and 0005's state_operations would
# carry the AlterField to null=False.
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0003_backfill_status"),
    ]

    operations = [
        migrations.RunSQL("SET LOCAL lock_timeout = '500ms'", migrations.RunSQL.noop),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE large_user ADD CONSTRAINT large_user_status_not_null "
                    "NOT NULL status NOT VALID",
                    reverse_sql="ALTER TABLE large_user DROP CONSTRAINT large_user_status_not_null",
                ),
            ],
            state_operations=[],
        ),
    ]
