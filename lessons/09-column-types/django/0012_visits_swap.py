from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0011_visits_backfill"),
    ]

    operations = [
        migrations.RunSQL("SET LOCAL lock_timeout = '500ms'", migrations.RunSQL.noop),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    [
                        "DROP TRIGGER large_user_visits_sync ON large_user",
                        "DROP FUNCTION large_user_visits_sync()",
                        "ALTER TABLE large_user RENAME COLUMN visits TO visits_old",
                        "ALTER TABLE large_user RENAME COLUMN visits_new TO visits",
                    ],
                ),
            ],
            # What Django believes: the field changed its type, nothing else.
            state_operations=[
                migrations.AlterField(
                    model_name="largeuser",
                    name="visits",
                    field=models.BigIntegerField(null=True),
                ),
            ],
        ),
    ]
