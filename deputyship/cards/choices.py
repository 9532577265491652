from django.db import models


class CardHolder(models.TextChoices):
    """Who keeps the card day to day."""

    CLIENT = "client", "The client"
    CARER = "carer", "A carer"
    CARE_PROVIDER = "care_provider", "A care provider"


class TopUpStatus(models.TextChoices):
    PAID = "paid", "Paid"
    HELD = "held", "Held for a second officer"
    NOT_NEEDED = "not_needed", "Not needed (the card was at the agreed level)"
    REFUSED = "refused", "Refused (see the reason)"
