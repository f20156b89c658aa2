from django.db import models


class LargeUser(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        db_table = "large_user"
        indexes = [models.Index(fields=["name"], name="large_user_name_idx")]
