from django.db import models


class SmallUser(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        db_table = "small_user"


class LargeUser(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        db_table = "large_user"
