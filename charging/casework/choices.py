"""Choices for top-ups, appeals and complaints, deprivation decisions and referrals out."""

from django.db import models


class TopUpPayerKind(models.TextChoices):
    """Who pays the top-up: a third party (usually a relative), or in limited cases the resident."""

    THIRD_PARTY = "third_party", "A third party (such as a relative)"
    RESIDENT = "resident", "The resident (first-party top-up)"


class FirstPartyCase(models.TextChoices):
    """The only cases in which the resident may pay their own top-up (Charging Regulations reg 5)."""

    NONE = "", "Not a first-party top-up"
    PROPERTY_DISREGARD = "property_disregard", "During the 12-week property disregard"
    DEFERRED_PAYMENT = "deferred_payment", "Under a deferred payment agreement"


class TopUpStatus(models.TextChoices):
    """Waiting for the signed written agreement, in force, or ended."""

    AWAITING_AGREEMENT = "awaiting", "Waiting for the signed agreement"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class TopUpInvoiceStatus(models.TextChoices):
    """Raised and not yet paid, paid, or missed (unpaid and being followed up)."""

    DUE = "due", "Due"
    PAID = "paid", "Paid"
    MISSED = "missed", "Missed"


class AppealKind(models.TextChoices):
    REVIEW = "review", "Review request or appeal"
    COMPLAINT = "complaint", "Formal complaint"
    OMBUDSMAN = "ombudsman", "Ombudsman enquiry"


class AppealOutcome(models.TextChoices):
    NONE = "", "Not decided yet"
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ReferralTo(models.TextChoices):
    """Where a charging officer refers a person on to."""

    WELFARE_BENEFITS = "welfare_benefits", "Welfare benefits advice"
    SAFEGUARDING = "safeguarding", "Safeguarding (suspected financial abuse)"
    CLIENT_AFFAIRS = "client_affairs", "Client affairs (cannot manage their money)"
