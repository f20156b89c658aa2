# The alternative for a NEW column that must be NOT NULL from the start
# (Django 5.0+: db_default). models.py would say:
#     status = models.CharField(max_length=20, db_default="active")
# and this AddField emits
#     ALTER TABLE "large_user" ADD COLUMN "status" varchar(20) DEFAULT 'active' NOT NULL;
# On PostgreSQL 11+ that is catalog-only, like the nullable column of this
# lesson: no UPDATE, no scan, no lessons 3 and 5 needed. Before 11 it rewrites
# the whole table under ACCESS EXCLUSIVE.
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("demoapp", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="largeuser",
            name="status",
            field=models.CharField(db_default="active", max_length=20),
        ),
    ]
