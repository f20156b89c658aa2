from django.contrib.postgres.operations import RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):

    # DROP INDEX CONCURRENTLY cannot run inside a transaction block.
    atomic = False

    dependencies = [
        ("demoapp", "0007_large_user_name_index"),
    ]

    operations = [
        RemoveIndexConcurrently(model_name="largeuser", name="large_user_name_idx"),
    ]
