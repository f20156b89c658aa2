from django.db import models


class LargeUser(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, null=True)

    class Meta:
        db_table = "large_user"
