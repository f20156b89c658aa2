from django.db import migrations, models

# AlterField would emit SET DEFAULT, UPDATE ... WHERE status IS NULL (a full
# scan under ACCESS EXCLUSIVE), SET NOT NULL, DROP DEFAULT. So the database
# part is written by hand, and AlterField/RemoveConstraint only update
# Django's idea of the schema.
SET_NOT_NULL = [
    "SET lock_timeout = '500ms'",
    "ALTER TABLE large_user ALTER COLUMN status SET NOT NULL",  # no scan: the validated check proves it (PostgreSQL 12+)
    "ALTER TABLE large_user DROP CONSTRAINT large_user_status_not_null",
    "ALTER TABLE small_user ALTER COLUMN status SET NOT NULL",
    "RESET lock_timeout",
]

# The automatic reverse of RemoveConstraint would be a validated ADD
# CONSTRAINT: a full scan under ACCESS EXCLUSIVE. This one adds the check
# NOT VALID and validates it in its own transaction.
DROP_NOT_NULL = [
    "SET lock_timeout = '500ms'",
    "ALTER TABLE small_user ALTER COLUMN status DROP NOT NULL",
    "ALTER TABLE large_user DROP CONSTRAINT IF EXISTS large_user_status_not_null",
    "ALTER TABLE large_user ADD CONSTRAINT large_user_status_not_null CHECK (status IS NOT NULL) NOT VALID",
    "ALTER TABLE large_user VALIDATE CONSTRAINT large_user_status_not_null",
    "ALTER TABLE large_user ALTER COLUMN status DROP NOT NULL",
    "RESET lock_timeout",
]


class Migration(migrations.Migration):

    # Not atomic, so that the backward VALIDATE runs in its own transaction.
    # Forward, each statement then commits on its own: each is a moment of
    # ACCESS EXCLUSIVE for a catalog change.
    atomic = False

    dependencies = [
        ("demoapp", "0005_validate_status_check"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(SET_NOT_NULL, reverse_sql=DROP_NOT_NULL),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="largeuser",
                    name="status",
                    field=models.CharField(default="active", max_length=20),
                ),
                migrations.RemoveConstraint(
                    model_name="largeuser", name="large_user_status_not_null"
                ),
                migrations.AlterField(
                    model_name="smalluser",
                    name="status",
                    field=models.CharField(default="active", max_length=20),
                ),
            ],
        ),
    ]
