from django.db import migrations


class Migration(migrations.Migration):

    # CREATE INDEX CONCURRENTLY cannot run in a transaction block; VALIDATE
    # commits on its own, so its lock ends with it.
    atomic = False

    dependencies = [
        ("demoapp", "0014_id_backfill"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'CREATE UNIQUE INDEX CONCURRENTLY "large_user_id_new_key" ON "large_user" ("id_new")',
                    'DROP INDEX CONCURRENTLY IF EXISTS "large_user_id_new_key"',
                ),
                # After the build: lock_timeout would also cut short the
                # build's waits for older transactions (an INVALID index).
                migrations.RunSQL("SET lock_timeout = '500ms'", "RESET lock_timeout"),
                migrations.RunSQL(
                    'ALTER TABLE "large_user" ADD CONSTRAINT "large_user_id_new_not_null" '
                    'CHECK ("id_new" IS NOT NULL) NOT VALID',
                    'ALTER TABLE "large_user" DROP CONSTRAINT IF EXISTS "large_user_id_new_not_null"',
                ),
                migrations.RunSQL(
                    'ALTER TABLE "large_user" VALIDATE CONSTRAINT "large_user_id_new_not_null"',
                    migrations.RunSQL.noop,
                ),
                migrations.RunSQL("RESET lock_timeout", "SET lock_timeout = '500ms'"),
            ],
        ),
    ]
