from django.db import models


class LargeUser(models.Model):
    id = models.BigAutoField(primary_key=True)  # was the implicit AutoField
    name = models.CharField(max_length=200)
    visits = models.BigIntegerField(null=True)

    class Meta:
        db_table = "large_user"


class UserOrder(models.Model):
    user = models.ForeignKey(LargeUser, on_delete=models.CASCADE)
    amount = models.IntegerField()

    class Meta:
        db_table = "user_order"
