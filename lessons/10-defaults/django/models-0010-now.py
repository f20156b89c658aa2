from django.db import models
from django.db.models.functions import Now


class LargeUser(models.Model):
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(db_default=Now(), null=True)

    class Meta:
        db_table = "large_user"
