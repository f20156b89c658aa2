from django.db import migrations, transaction

BATCH_SIZE = 10_000


def backfill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM large_user")
        first, last = cursor.fetchone()
        if first is None:
            return
        for start in range(first, last + 1, BATCH_SIZE):
            # One batch, one transaction: row locks last one batch.
            with transaction.atomic():
                cursor.execute(
                    "UPDATE large_user SET id_new = id "
                    "WHERE id BETWEEN %s AND %s AND id_new IS DISTINCT FROM id",
                    [start, start + BATCH_SIZE - 1],
                )


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ("demoapp", "0013_id_expand"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
