"""Why a debt is held off the recovery ladder (each backed by a CHECK constraint)."""

from django.db import models


class HoldReason(models.TextChoices):
    """The reasons the recovery ladder must not act on a debt (issue 13; Care Act 2014 s.69(2) for a
    deferred payment agreement being offered)."""

    PAYMENT_PLAN = "payment_plan", "A payment plan is in force"
    DISPUTE = "dispute", "The debt is disputed"
    APPEAL = "appeal", "An appeal or review of the charge is under way"
    SAFEGUARDING = "safeguarding", "Safeguarding concern"
    AWAITING_PROBATE = "awaiting_probate", "Awaiting probate"
    DEFERRED_PAYMENT = "deferred_payment", "A deferred payment agreement is being offered or set up"
    DEPUTYSHIP_PENDING = "deputyship_pending", "A deputyship application is pending"
    DEBT_PANEL = "debt_panel", "Referred to the debt panel"
    OTHER = "other", "Other (say why in the note)"
