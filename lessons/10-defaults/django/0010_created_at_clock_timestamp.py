from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE large_user ADD COLUMN created_at timestamptz DEFAULT clock_timestamp()",
                    "ALTER TABLE large_user DROP COLUMN created_at",
                ),
            ],
            state_operations=[
                migrations.AddField(
                    model_name="largeuser",
                    name="created_at",
                    field=models.DateTimeField(null=True),
                ),
            ],
        ),
    ]
