from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):

    # CREATE INDEX CONCURRENTLY cannot run inside a transaction block.
    atomic = False

    dependencies = [
        ("demoapp", "0001_initial"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="largeuser",
            index=models.Index(fields=["name"], name="large_user_name_idx"),
        ),
    ]
