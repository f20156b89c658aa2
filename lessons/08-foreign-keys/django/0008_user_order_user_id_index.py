from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ("demoapp", "0007_userorder"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="userorder",
            index=models.Index(fields=["user"], name="user_order_user_id_idx"),
        ),
    ]
