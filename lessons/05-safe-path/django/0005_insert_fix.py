# Steps 7 and 9 are not migrations. Step 7 is what an application server
# still running the old code does:
#
#     LargeUser.objects.create(name="signed_up_during_deploy")   # status stays NULL
#
# Step 9, the fix before running `migrate` again (0005 is not applied, so
# `migrate` retries it):
#
#     LargeUser.objects.filter(status__isnull=True).update(status="active")
#
# which emits
#     UPDATE "large_user" SET "status" = 'active' WHERE "large_user"."status" IS NULL
# With many rows, use the batched function of 0003_backfill_status instead.
