from django.db import models


class LargeUser(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        db_table = "large_user"


class UserOrder(models.Model):
    # A reference without a database constraint and without an index yet.
    user = models.ForeignKey(LargeUser, on_delete=models.PROTECT, db_constraint=False, db_index=False)
    amount = models.IntegerField()

    class Meta:
        db_table = "user_order"
