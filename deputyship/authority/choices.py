from django.db import models


class AuthorityKind(models.TextChoices):
    APPOINTEE = "appointee", "DWP appointee"
    DEPUTY = "deputy", "Property and affairs deputy (Court of Protection)"


class Action(models.TextChoices):
    """What a legal authority must cover before the council does it for the client."""

    SELL_PROPERTY = "sell_property", "Sell or let property"
    GIFT = "gift", "Make a gift"
    PAYMENT = "payment", "Make a payment"
    CHARGE_LATE_FEE = "charge_late_fee", "Charge a deputyship fee more than a year late"
