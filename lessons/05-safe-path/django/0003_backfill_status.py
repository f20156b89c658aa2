from django.db import migrations, transaction

BATCH_SIZE = 10_000  # aim for batches well under a second each


def backfill(apps, schema_editor):
    LargeUser = apps.get_model("demoapp", "LargeUser")
    SmallUser = apps.get_model("demoapp", "SmallUser")
    ids = LargeUser.objects.order_by("id").values_list("id", flat=True)
    first, last = ids.first(), ids.last()
    if first is not None:
        for start in range(first, last + 1, BATCH_SIZE):
            # One batch, one transaction: row locks last one batch.
            with transaction.atomic():
                LargeUser.objects.filter(
                    id__range=(start, start + BATCH_SIZE - 1), status__isnull=True
                ).update(status="active")
    SmallUser.objects.filter(status__isnull=True).update(status="active")


class Migration(migrations.Migration):

    # Not atomic: otherwise all batches would share one transaction and
    # hold their row locks until the end, like lesson 3's UPDATE.
    atomic = False

    dependencies = [
        ("demoapp", "0002_largeuser_status_smalluser_status"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
