from django.db import models


class AgreementStatus(models.TextChoices):
    ENQUIRY = "enquiry", "Enquiry"
    APPLIED = "applied", "Application received"
    OFFERED = "offered", "Agreement offered"
    SIGNED = "signed", "Signed, awaiting approval"
    APPROVED = "approved", "Approved, awaiting the legal charge"
    ACTIVE = "active", "Active"
    ENDING = "ending", "Ending (sale or death): awaiting repayment"
    SETTLED = "settled", "Settled"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REFUSED = "refused", "Refused"


class RateKind(models.TextChoices):
    """Which annual interest rate the agreement charges (DP Regulations reg 9)."""

    NATIONAL_MAXIMUM = "national_maximum", "The national maximum rate for each six-month period"
    FIXED = "fixed", "A lower rate set by the council"


class Compounding(models.TextChoices):
    SIMPLE = "simple", "Simple interest"
    DAILY = "daily", "Compounded daily"
    MONTHLY = "monthly", "Compounded monthly"
    SIX_MONTHLY = "six_monthly", "Compounded six-monthly"


class DayBasis(models.TextChoices):
    DAYS_365 = "365", "Actual days over 365"
    ACTUAL = "actual", "Actual days over the days in the year (365 or 366)"


class EndReason(models.TextChoices):
    SALE = "sale", "The home was sold"
    DEATH = "death", "The person died"
    REPAID = "repaid", "Repaid from other money"
    WITHDRAWN = "withdrawn", "Withdrawn before it started"


class Party(models.TextChoices):
    """Who signs the agreement: a contract between the council, the person or their representative, and
    where relevant the care home (../shared/domain/deferred_payments.md, "Process")."""

    COUNCIL = "council", "The council"
    PERSON = "person", "The person"
    REPRESENTATIVE = "representative", "The person's representative (attorney or deputy)"
    CARE_HOME = "care_home", "The care home"
