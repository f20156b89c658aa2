from django.db import migrations

SYNC_FUNCTION = (
    "CREATE FUNCTION large_user_id_sync() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN NEW.id_new := NEW.id; RETURN NEW; END $$"
)


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0012_visits_swap"),
    ]

    operations = [
        migrations.RunSQL("SET LOCAL lock_timeout = '500ms'", migrations.RunSQL.noop),
        # The model does not know id_new: database operations only.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE large_user ADD COLUMN id_new bigint",
                    "ALTER TABLE large_user DROP COLUMN IF EXISTS id_new",
                ),
                migrations.RunSQL(SYNC_FUNCTION, "DROP FUNCTION IF EXISTS large_user_id_sync()"),
                migrations.RunSQL(
                    "CREATE TRIGGER large_user_id_sync BEFORE INSERT OR UPDATE OF id ON large_user "
                    "FOR EACH ROW EXECUTE FUNCTION large_user_id_sync()",
                    "DROP TRIGGER IF EXISTS large_user_id_sync ON large_user",
                ),
            ],
        ),
    ]
