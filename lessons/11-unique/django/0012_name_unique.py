from django.db import migrations


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ("demoapp", "0011_email_unique_safe"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE UNIQUE INDEX CONCURRENTLY large_user_name_key ON large_user (name)",
            "DROP INDEX CONCURRENTLY IF EXISTS large_user_name_key",
        ),
    ]
