from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models
from django.db.models.functions import Upper


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ("demoapp", "0007_large_user_name_index_concurrently"),
    ]

    operations = [
        # A failed concurrent build left an INVALID index: drop it without
        # ACCESS EXCLUSIVE on the table, then build it again.
        migrations.RunSQL(
            "DROP INDEX CONCURRENTLY IF EXISTS large_user_name_upper_idx",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL("SET statement_timeout = 0", migrations.RunSQL.noop),
        AddIndexConcurrently(
            model_name="largeuser",
            index=models.Index(Upper("name"), name="large_user_name_upper_idx"),
        ),
    ]
