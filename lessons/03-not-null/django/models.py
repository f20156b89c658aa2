from django.db import models


class SmallUser(models.Model):
    name = models.CharField(max_length=100)
    status = models.CharField(max_length=20, default="active")  # was: null=True, blank=True

    class Meta:
        db_table = "small_user"


class LargeUser(models.Model):
    name = models.CharField(max_length=100)
    status = models.CharField(max_length=20, default="active")  # was: null=True, blank=True

    class Meta:
        db_table = "large_user"
