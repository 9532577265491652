from django.db import models


class ReferralSource(models.TextChoices):
    CARE_MANAGEMENT = "care_management", "Care management (social worker)"
    DWP_VISITING_OFFICER = "dwp_visiting_officer", "DWP visiting officer"
    OTHER = "other", "Someone else (health, provider, family)"


class Urgency(models.TextChoices):
    URGENT = "urgent", "Urgent"
    ROUTINE = "routine", "Routine"


class AuthoritySought(models.TextChoices):
    APPOINTEESHIP = "appointeeship", "DWP appointeeship"
    DEPUTYSHIP = "deputyship", "Property and affairs deputyship (Court of Protection)"


class ThresholdBasis(models.TextChoices):
    """What the council's threshold is measured against."""

    OTHER_ASSETS = "other_assets", "Income other than benefits, or property and assets"
    SAVINGS = "savings", "Savings"


class CourtForm(models.TextChoices):
    """The Court of Protection forms a property and affairs deputyship application is made with
    (gov.uk, "Apply to be a deputy", https://www.gov.uk/become-deputy/apply-deputy): COP1 the application,
    COP1A its supporting information for property and affairs, COP3 the assessment of capacity (the court
    may not accept an application without it), COP4 the deputy's declaration, and COP24 the witness
    statement made when a capacity assessment cannot be had."""

    COP1 = "COP1", "COP1 Application form"
    COP1A = "COP1A", "COP1A Supporting information for property and affairs"
    COP3 = "COP3", "COP3 Assessment of capacity"
    COP4 = "COP4", "COP4 Deputy's declaration"
    COP24 = "COP24", "COP24 Witness statement"
    OTHER = "other", "Other document"


class AssetKind(models.TextChoices):
    ASSET = "asset", "Asset"
    LIABILITY = "liability", "Liability (debt)"


class AssetType(models.TextChoices):
    BANK = "bank", "Bank or building society account"
    PROPERTY = "property", "Property"
    INVESTMENT = "investment", "Investment or shares"
    PENSION = "pension", "Pension or annuity"
    BENEFIT = "benefit", "Benefit (weekly amount)"
    POSSESSIONS = "possessions", "Valuable possessions"
    DEBT = "debt", "Debt or arrears"
    OTHER = "other", "Other"
