from django.db import models


class LargeUser(models.Model):
    name = models.CharField(max_length=100)
    nickname = models.CharField(max_length=50, null=True)

    class Meta:
        db_table = "large_user"
