from django.db import models


class LargeUser(models.Model):
    name = models.CharField(max_length=100)
    status = models.CharField(max_length=20, null=True, blank=True)  # still nullable

    class Meta:
        db_table = "large_user"
        constraints = [
            # Django 5.1+: condition=...; check= is removed in Django 6.0.
            models.CheckConstraint(
                check=models.Q(status__isnull=False), name="large_user_status_not_null"
            ),
        ]
