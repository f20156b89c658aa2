# PostgreSQL 18+ only: validate the NOT NULL constraint added NOT VALID by
# 0004_status_not_null_not_valid. Once it is validated the column is NOT
# NULL, so the model state changes to null=False here.
from django.db import migrations, models


class Migration(migrations.Migration):

    # Not atomic: VALIDATE commits on its own, so its SHARE UPDATE EXCLUSIVE
    # lock is not kept by a longer transaction around it.
    atomic = False

    dependencies = [
        ("demoapp", "0004_status_not_null_not_valid"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE large_user VALIDATE CONSTRAINT large_user_status_not_null",
                    reverse_sql=migrations.RunSQL.noop,
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="largeuser",
                    name="status",
                    field=models.CharField(max_length=20, default="active"),
                ),
            ],
        ),
    ]
