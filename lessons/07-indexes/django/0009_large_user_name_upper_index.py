from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models
from django.db.models.functions import Upper


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ("demoapp", "0007_large_user_name_index_concurrently"),
    ]

    operations = [
        # The migration's connection must not inherit a short
        # statement_timeout from the application's role: a concurrent
        # build cut short leaves an INVALID index.
        migrations.RunSQL("SET statement_timeout = 0", migrations.RunSQL.noop),
        AddIndexConcurrently(
            model_name="largeuser",
            index=models.Index(Upper("name"), name="large_user_name_upper_idx"),
        ),
    ]
