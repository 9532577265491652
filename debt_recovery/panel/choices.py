"""The fixed lists of the debt panel (each backed by a CHECK constraint)."""

from django.db import models


class PanelStatus(models.TextChoices):
    PREPARED = "prepared", "Waiting for the panel"
    DECIDED = "decided", "Decided"


class PanelOutcome(models.TextChoices):
    """What the officer recommends and what the panel decides."""

    PAYMENT_PLAN = "payment_plan", "Agree an affordable payment plan"
    DEFERRED_PAYMENT = "deferred_payment", "Offer a deferred payment agreement"
    COURT = "court", "Take county court action"
    CHARGING_ORDER = "charging_order", "Apply for a charging order on property"
    WRITE_OFF = "write_off", "Write the debt off"
    SAFEGUARDING = "safeguarding", "Refer for safeguarding (possible financial abuse)"
    DEPRIVATION = "deprivation", "Investigate deprivation of assets (Care Act s.70)"
    HOLD = "hold", "Pause recovery and review"
    ADJOURN = "adjourn", "Adjourn: more information needed"
