from django.db import models


class PolicyStatus(models.TextChoices):
    LIVE = "live", "Live"
    CANCELLED = "cancelled", "Cancelled"
