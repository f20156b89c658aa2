import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0008_user_order_user_id_index"),
    ]

    operations = [
        migrations.RunSQL("SET LOCAL lock_timeout = '500ms'", migrations.RunSQL.noop),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'ALTER TABLE "user_order" ADD CONSTRAINT "user_order_user_id_fk_large_user_id" '
                    'FOREIGN KEY ("user_id") REFERENCES "large_user" ("id") '
                    "DEFERRABLE INITIALLY DEFERRED NOT VALID",
                    'ALTER TABLE "user_order" DROP CONSTRAINT IF EXISTS "user_order_user_id_fk_large_user_id"',
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="userorder",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False, on_delete=django.db.models.deletion.PROTECT, to="demoapp.largeuser"
                    ),
                ),
            ],
        ),
    ]
