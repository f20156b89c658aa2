from django.db import migrations

SYNC_FUNCTION = (
    "CREATE FUNCTION large_user_visits_sync() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN NEW.visits_new := NEW.visits; RETURN NEW; END $$"
)


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0009_name_varchar_200"),
    ]

    operations = [
        migrations.RunSQL("SET LOCAL lock_timeout = '500ms'", migrations.RunSQL.noop),
        # The model does not know visits_new: database operations only.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE large_user ADD COLUMN visits_new bigint",
                    "ALTER TABLE large_user DROP COLUMN IF EXISTS visits_new",
                ),
                migrations.RunSQL(SYNC_FUNCTION, "DROP FUNCTION IF EXISTS large_user_visits_sync()"),
                migrations.RunSQL(
                    "CREATE TRIGGER large_user_visits_sync BEFORE INSERT OR UPDATE OF visits ON large_user "
                    "FOR EACH ROW EXECUTE FUNCTION large_user_visits_sync()",
                    "DROP TRIGGER IF EXISTS large_user_visits_sync ON large_user",
                ),
            ],
        ),
    ]
