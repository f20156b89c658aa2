from django.db import models


class LargeUser(models.Model):
    name = models.CharField(max_length=200)
    visits = models.BigIntegerField(null=True)  # was IntegerField

    class Meta:
        db_table = "large_user"
