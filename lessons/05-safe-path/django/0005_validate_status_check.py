from django.contrib.postgres.operations import ValidateConstraint
from django.db import migrations


class Migration(migrations.Migration):

    # Not atomic: VALIDATE commits on its own, so its SHARE UPDATE EXCLUSIVE
    # lock is not kept by a longer transaction around it.
    atomic = False

    dependencies = [
        ("demoapp", "0004_status_check_not_valid"),
    ]

    operations = [
        ValidateConstraint(model_name="largeuser", name="large_user_status_not_null"),
    ]
