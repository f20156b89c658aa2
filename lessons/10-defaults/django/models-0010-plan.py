from django.db import models


class LargeUser(models.Model):
    name = models.CharField(max_length=100)
    plan = models.CharField(max_length=20, default="free")

    class Meta:
        db_table = "large_user"
