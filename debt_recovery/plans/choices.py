"""Choices for income and expenditure statements and payment plans (each backed by a CHECK constraint)."""

from django.db import models


class Heading(models.TextChoices):
    """The Standard Financial Statement's headings for a household's monthly income and spending.

    Source: the Standard Financial Statement (SFS), the single income and expenditure format of the UK
    debt advice sector and creditors, published by the Money and Pensions Service at
    https://sfs.moneyadviceservice.org.uk/ (its spending guidelines, "trigger figures", are given for the
    flexible headings: communications and leisure, food and housekeeping, personal costs; see
    https://sfs.moneyadviceservice.org.uk/en/news/2019-spending-guidelines). The income headings, the
    fixed-cost headings, the flexible-cost headings and savings follow the published form; see
    docs/decisions.md, "Payment plans", for what could and could not be checked against the source.
    """

    # Income
    EARNINGS = "earnings", "Earnings from employment or self-employment"
    BENEFITS = "benefits", "Benefits and tax credits"
    PENSIONS = "pensions", "Pensions"
    OTHER_INCOME = "other_income", "Other income"
    # Fixed costs
    HOME_AND_CONTENTS = "home_and_contents", "Home and contents"
    UTILITIES = "utilities", "Utilities"
    CARE_AND_HEALTH = "care_and_health", "Care and health costs"
    TRANSPORT_AND_TRAVEL = "transport_and_travel", "Transport and travel"
    SCHOOL_COSTS = "school_costs", "School costs"
    PENSIONS_AND_INSURANCES = "pensions_and_insurances", "Pensions and insurances"
    PROFESSIONAL_COSTS = "professional_costs", "Professional costs"
    OTHER_ESSENTIAL_COSTS = "other_essential_costs", "Other essential costs"
    # Flexible costs
    COMMUNICATIONS_AND_LEISURE = "communications_and_leisure", "Communications and leisure"
    FOOD_AND_HOUSEKEEPING = "food_and_housekeeping", "Food and housekeeping"
    PERSONAL_COSTS = "personal_costs", "Personal costs"
    # Savings and other debts
    SAVINGS = "savings", "Savings contributions"
    PRIORITY_DEBTS = "priority_debts", "Payments to priority debts"
    NON_PRIORITY_DEBTS = "non_priority_debts", "Payments to other (non-priority) debts"


INCOME_HEADINGS = (Heading.EARNINGS, Heading.BENEFITS, Heading.PENSIONS, Heading.OTHER_INCOME)
FIXED_COSTS = (Heading.HOME_AND_CONTENTS, Heading.UTILITIES, Heading.CARE_AND_HEALTH, Heading.TRANSPORT_AND_TRAVEL,
               Heading.SCHOOL_COSTS, Heading.PENSIONS_AND_INSURANCES, Heading.PROFESSIONAL_COSTS,
               Heading.OTHER_ESSENTIAL_COSTS)
FLEXIBLE_COSTS = (Heading.COMMUNICATIONS_AND_LEISURE, Heading.FOOD_AND_HOUSEKEEPING, Heading.PERSONAL_COSTS)
OTHER_OUTGOINGS = (Heading.SAVINGS, Heading.PRIORITY_DEBTS, Heading.NON_PRIORITY_DEBTS)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    FOUR_WEEKLY = "four_weekly", "Every four weeks"
    MONTHLY = "monthly", "Monthly"


#: Instalments a month for each frequency (to compare a plan with a monthly statement): 52/12, 26/12, 13/12, 1.
PER_MONTH = {Frequency.WEEKLY: ("52", "12"), Frequency.FORTNIGHTLY: ("26", "12"),
             Frequency.FOUR_WEEKLY: ("13", "12"), Frequency.MONTHLY: ("1", "1")}


class PlanStatus(models.TextChoices):
    IN_FORCE = "in_force", "In force"
    COMPLETED = "completed", "Paid in full"
    BROKEN = "broken", "Broken"
