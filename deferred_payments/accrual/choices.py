from django.db import models


class AccrualKind(models.TextChoices):
    """What an accrual posting to an agreement's debt account is."""

    DEFERRAL = "deferral", "Weekly deferred amount"
    FEE = "fee", "Administration fee"
    INTEREST = "interest", "Interest"


class FeeKind(models.TextChoices):
    """When an administration fee falls due."""

    SET_UP = "set_up", "Once, when the agreement starts"
    ANNUAL = "annual", "Each year, on the anniversary of the start"
