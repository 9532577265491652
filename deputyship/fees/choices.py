"""Choices for deputyship and appointeeship fees, each backed by a CHECK constraint."""

from django.db import models


class FeeKind(models.TextChoices):
    """What a rate in the fee table is for.

    The Court of Protection's Practice Direction 19B fixed costs for public authority deputies, the
    Office of the Public Guardian's supervision fees, the council's own appointeeship fees, and the
    two figures of the low-asset cap (a percentage of net assets, applied below a threshold)."""

    # Practice Direction 19B, public authority deputies (charged to the client by the council).
    ORDER_WORK = "order_work", "Work up to and including the date of the order (PD 19B)"
    ANNUAL_MANAGEMENT_FIRST = "annual_management_first", "Annual management fee, first year (PD 19B)"
    ANNUAL_MANAGEMENT_LATER = "annual_management_later", "Annual management fee, second and later years (PD 19B)"
    PROPERTY_MANAGEMENT = "property_management", "Annual property management fee (PD 19B)"
    OPG_REPORT = "opg_report", "Preparing and lodging the annual report to the Public Guardian (PD 19B)"
    TAX_RETURN = "tax_return", "Preparing an HMRC income tax return (PD 19B)"
    TRAVEL = "travel", "Travel (PD 19B)"
    LOW_ASSET_CAP_PERCENT = "low_asset_cap_percent", "Low-asset cap: percentage of net assets (PD 19B)"
    LOW_ASSET_THRESHOLD = "low_asset_threshold", "Low-asset cap: net assets below which it applies (PD 19B)"
    # The Office of the Public Guardian's fees (paid to the OPG from the client's money).
    OPG_ASSESSMENT = "opg_assessment", "OPG deputy assessment fee"
    OPG_GENERAL_SUPERVISION = "opg_general_supervision", "OPG general supervision fee (a year)"
    OPG_MINIMAL_SUPERVISION = "opg_minimal_supervision", "OPG minimal supervision fee (a year)"
    OPG_REMISSION_INCOME = "opg_remission_income", "OPG fee remission: yearly income below which 50% is remitted"
    # The council's appointeeship fees (its own charging policy).
    APPOINTEESHIP_COMMUNITY = "appointeeship_community", "Appointeeship fee, living in the community (a year)"
    APPOINTEESHIP_RESIDENTIAL = "appointeeship_residential", "Appointeeship fee, living in a care home (a year)"


#: Kinds whose rate is a percentage, not an amount of money.
PERCENT_KINDS = (FeeKind.LOW_ASSET_CAP_PERCENT,)

#: Kinds the council charges to a client's funds and takes as its deputyship fee income.
CHARGEABLE_KINDS = (
    FeeKind.ORDER_WORK, FeeKind.ANNUAL_MANAGEMENT_FIRST, FeeKind.ANNUAL_MANAGEMENT_LATER,
    FeeKind.PROPERTY_MANAGEMENT, FeeKind.OPG_REPORT, FeeKind.TAX_RETURN, FeeKind.TRAVEL,
    FeeKind.APPOINTEESHIP_COMMUNITY, FeeKind.APPOINTEESHIP_RESIDENTIAL,
)

#: Charged by the daily job on the order's date or anniversary; the others an officer charges when the
#: work is done (a property managed, a tax return made, a journey).
SCHEDULED_KINDS = (
    FeeKind.ORDER_WORK, FeeKind.ANNUAL_MANAGEMENT_FIRST, FeeKind.ANNUAL_MANAGEMENT_LATER,
    FeeKind.APPOINTEESHIP_COMMUNITY, FeeKind.APPOINTEESHIP_RESIDENTIAL,
)

#: Kinds an officer charges by hand for a year of the order.
MANUAL_KINDS = (FeeKind.PROPERTY_MANAGEMENT, FeeKind.OPG_REPORT, FeeKind.TAX_RETURN, FeeKind.TRAVEL)


class FeeStatus(models.TextChoices):
    CHARGED = "charged", "Charged"
    REVERSED = "reversed", "Reversed"


class OpgSupervision(models.TextChoices):
    GENERAL = "general", "General supervision"
    MINIMAL = "minimal", "Minimal supervision"
