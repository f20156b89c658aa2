from django.db import models


class SmallUser(models.Model):
    name = models.CharField(max_length=100)
    status = models.CharField(max_length=20, default="active")

    class Meta:
        db_table = "small_user"


class LargeUser(models.Model):
    name = models.CharField(max_length=100)
    status = models.CharField(max_length=20, default="active")  # NOT NULL now

    class Meta:
        db_table = "large_user"
        # the check constraint is gone: NOT NULL says the same
