from django.db import models


class LargeUser(models.Model):
    # No id field: Django adds the implicit AutoField (integer), as projects
    # from before 3.2 (without DEFAULT_AUTO_FIELD) have it.
    name = models.CharField(max_length=100)
    visits = models.IntegerField(null=True)

    class Meta:
        db_table = "large_user"


class UserOrder(models.Model):
    user = models.ForeignKey(LargeUser, on_delete=models.CASCADE)
    amount = models.IntegerField()

    class Meta:
        db_table = "user_order"
