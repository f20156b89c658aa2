from django.db import migrations, models


class Migration(migrations.Migration):

    # The concurrent build cannot run inside a transaction block.
    atomic = False

    dependencies = [
        ("demoapp", "0010_largeuser_email"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'CREATE UNIQUE INDEX CONCURRENTLY "large_user_email_key" ON "large_user" ("email")',
                    'DROP INDEX CONCURRENTLY IF EXISTS "large_user_email_key"',
                ),
                # Not atomic: each RunSQL is its own transaction, so SET LOCAL
                # would end at once; the lock_timeout goes in the same string.
                migrations.RunSQL(
                    "SET lock_timeout = '500ms'; "
                    'ALTER TABLE "large_user" ADD CONSTRAINT "large_user_email_key" '
                    'UNIQUE USING INDEX "large_user_email_key"; '
                    "RESET lock_timeout",
                    'ALTER TABLE "large_user" DROP CONSTRAINT IF EXISTS "large_user_email_key"',
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="largeuser",
                    name="email",
                    field=models.EmailField(max_length=254, null=True, unique=True),
                ),
            ],
        ),
    ]
