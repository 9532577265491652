"""Choices for income and bills on schedule, each backed by a CHECK constraint on its column."""

from django.db import models

from ledger.choices import MoneyInCategory, MoneyOutCategory


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    FOUR_WEEKLY = "four_weekly", "Every four weeks"
    MONTHLY = "monthly", "Monthly"
    YEARLY = "yearly", "Yearly"


class IncomeKind(models.TextChoices):
    """What the expected money is. Each has the OPG money-in category it is reported under by default."""

    STATE_PENSION = "state_pension", "State Pension"
    PRIVATE_PENSION = "private_pension", "Private or workplace pension"
    ATTENDANCE_ALLOWANCE = "attendance_allowance", "Attendance Allowance"
    PIP = "pip", "Personal Independence Payment"
    DLA = "dla", "Disability Living Allowance"
    PENSION_CREDIT = "pension_credit", "Pension Credit"
    ESA = "esa", "Employment and Support Allowance"
    UNIVERSAL_CREDIT = "universal_credit", "Universal Credit"
    HOUSING_BENEFIT = "housing_benefit", "Housing Benefit"
    INCOME_SUPPORT = "income_support", "Income Support"
    OTHER_BENEFIT = "other_benefit", "Other benefit"
    RENT = "rent", "Rent from a tenant"
    ANNUITY = "annuity", "Annuity"
    INTEREST = "interest", "Interest or dividends"
    OTHER = "other", "Other income"


#: The category an income of each kind is reported under unless the officer chooses another.
INCOME_CATEGORY = {
    IncomeKind.STATE_PENSION: MoneyInCategory.STATE_PENSION,
    IncomeKind.PRIVATE_PENSION: MoneyInCategory.PERSONAL_PENSION,
    IncomeKind.ATTENDANCE_ALLOWANCE: MoneyInCategory.ATTENDANCE_ALLOWANCE,
    IncomeKind.PIP: MoneyInCategory.PERSONAL_INDEPENDENCE_PAYMENT,
    IncomeKind.DLA: MoneyInCategory.DISABILITY_LIVING_ALLOWANCE,
    IncomeKind.PENSION_CREDIT: MoneyInCategory.PENSION_CREDIT,
    IncomeKind.ESA: MoneyInCategory.EMPLOYMENT_SUPPORT_ALLOWANCE,
    IncomeKind.UNIVERSAL_CREDIT: MoneyInCategory.UNIVERSAL_CREDIT,
    IncomeKind.HOUSING_BENEFIT: MoneyInCategory.HOUSING_BENEFIT,
    IncomeKind.INCOME_SUPPORT: MoneyInCategory.INCOME_SUPPORT,
    IncomeKind.OTHER_BENEFIT: MoneyInCategory.OTHER_BENEFITS,
    IncomeKind.RENT: MoneyInCategory.RENTAL_INCOME,
    IncomeKind.ANNUITY: MoneyInCategory.PERSONAL_PENSION,
    IncomeKind.INTEREST: MoneyInCategory.ACCOUNT_INTEREST,
    IncomeKind.OTHER: MoneyInCategory.OTHER_INCOME,
}


class BillKind(models.TextChoices):
    CARE_CHARGE = "care_charge", "Care charge"
    CARE_FEES = "care_fees", "Care home fees"
    UTILITY = "utility", "Utility bill"
    INSURANCE = "insurance", "Insurance"
    RENT = "rent", "Rent"
    PERSONAL_ALLOWANCE = "personal_allowance", "Personal allowance"
    OTHER = "other", "Other bill"


BILL_CATEGORY = {
    BillKind.CARE_CHARGE: MoneyOutCategory.LOCAL_AUTHORITY_CHARGES,
    BillKind.CARE_FEES: MoneyOutCategory.CARE_FEES,
    BillKind.UTILITY: MoneyOutCategory.ELECTRICITY_AND_GAS,
    BillKind.INSURANCE: MoneyOutCategory.INSURANCE,
    BillKind.RENT: MoneyOutCategory.RENT,
    BillKind.PERSONAL_ALLOWANCE: MoneyOutCategory.PERSONAL_ALLOWANCE,
    BillKind.OTHER: MoneyOutCategory.OTHER_SPENDING,
}


class IncomeCheckOutcome(models.TextChoices):
    RECEIVED = "received", "Received"
    DIFFERS = "differs", "Received, different amount"
    MISSED = "missed", "Not received"


class RequestStatus(models.TextChoices):
    """Where a payment request stands: waiting for a second person, approved for the next run, in a run,
    paid (posted with the run), or cancelled."""

    AWAITING_APPROVAL = "awaiting_approval", "Waiting for a second person"
    APPROVED = "approved", "Approved for payment"
    IN_RUN = "in_run", "In a payment run"
    PAID = "paid", "Paid"
    CANCELLED = "cancelled", "Cancelled"
