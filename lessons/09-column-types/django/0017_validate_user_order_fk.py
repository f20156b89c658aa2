from django.contrib.postgres.operations import ValidateConstraint
from django.db import migrations


class Migration(migrations.Migration):

    # The validation commits on its own; its locks end with it.
    atomic = False

    dependencies = [
        ("demoapp", "0016_id_swap"),
    ]

    operations = [
        ValidateConstraint(model_name="userorder", name="user_order_user_id_fk_large_user_id"),
    ]
