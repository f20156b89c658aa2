from django.db import models


class LargeUser(models.Model):
    name = models.CharField(max_length=200)  # was 100
    visits = models.IntegerField(null=True)

    class Meta:
        db_table = "large_user"
