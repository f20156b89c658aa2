from django.contrib.postgres.operations import ValidateConstraint
from django.db import migrations


class Migration(migrations.Migration):

    # The validation commits on its own; its locks end with it.
    atomic = False

    dependencies = [
        ("demoapp", "0009_user_order_user_fk_not_valid"),
    ]

    operations = [
        ValidateConstraint(model_name="userorder", name="user_order_user_id_fk_large_user_id"),
    ]
