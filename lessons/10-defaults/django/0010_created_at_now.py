import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL("SET LOCAL lock_timeout = '500ms'", migrations.RunSQL.noop),
        migrations.SeparateDatabaseAndState(
            # This step's statement; Django's own AddField would write
            # DEFAULT (STATEMENT_TIMESTAMP()), equally stable.
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE large_user ADD COLUMN created_at timestamptz DEFAULT now()",
                    "ALTER TABLE large_user DROP COLUMN created_at",
                ),
            ],
            state_operations=[
                migrations.AddField(
                    model_name="largeuser",
                    name="created_at",
                    field=models.DateTimeField(db_default=django.db.models.functions.datetime.Now(), null=True),
                ),
            ],
        ),
    ]
