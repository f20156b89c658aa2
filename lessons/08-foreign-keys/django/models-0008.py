from django.db import models


class LargeUser(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        db_table = "large_user"


class UserOrder(models.Model):
    user = models.ForeignKey(LargeUser, on_delete=models.PROTECT, db_index=False)
    amount = models.IntegerField()

    class Meta:
        db_table = "user_order"
        indexes = [models.Index(fields=["user"], name="user_order_user_id_idx")]
