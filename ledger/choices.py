"""Choices for the ledger, each backed by a CHECK constraint on its column."""

from django.db import models


class AccountKind(models.TextChoices):
    """The four kinds of account. Assets and expenses carry debit balances; liabilities and income
    carry credit balances."""

    ASSET = "asset", "Asset"
    LIABILITY = "liability", "Liability"
    INCOME = "income", "Income"
    EXPENSE = "expense", "Expense"


#: Kinds whose natural balance is a debit (shown positive when postings sum positive).
DEBIT_NORMAL = frozenset({AccountKind.ASSET, AccountKind.EXPENSE})


class OwnerKind(models.TextChoices):
    """Whose account it is."""

    CLIENT = "client", "Client"
    DEBTOR = "debtor", "Debtor"
    AGREEMENT = "agreement", "Deferred payment agreement"
    COUNCIL = "council", "Council"


class Purpose(models.TextChoices):
    """What an account is for. The chart of accounts is built from these codes."""

    POOLED_BANK = "POOLED_BANK", "Pooled client bank account"
    CLIENT_FUNDS = "CLIENT_FUNDS", "Client's funds held by the council"
    CLIENT_INCOME = "CLIENT_INCOME", "Client's income (by category)"
    CLIENT_EXPENDITURE = "CLIENT_EXPENDITURE", "Client's expenditure (by category)"
    SUSPENSE = "SUSPENSE", "Unallocated receipts (suspense)"
    CARE_CHARGE_RECEIVABLE = "CARE_CHARGE_RECEIVABLE", "Care charges owed by a debtor"
    CHARGING_INCOME = "CHARGING_INCOME", "Care charging income"
    DEFERRED_DEBT = "DEFERRED_DEBT", "Deferred payment debt"
    INTEREST_INCOME = "INTEREST_INCOME", "Interest income"
    FEE_INCOME = "FEE_INCOME", "Fee income"
    DEPUTYSHIP_FEE_INCOME = "DEPUTYSHIP_FEE_INCOME", "Deputyship fee income"
    WRITE_OFF = "WRITE_OFF", "Debts written off"
    COUNCIL_BANK = "COUNCIL_BANK", "Council's own bank account"
    OPENING_BALANCES = "OPENING_BALANCES", "Opening balances brought forward"


class TransactionKind(models.TextChoices):
    RECEIPT = "receipt", "Receipt"
    PAYMENT = "payment", "Payment"
    TRANSFER = "transfer", "Transfer"
    CHARGE = "charge", "Charge"
    ADJUSTMENT = "adjustment", "Adjustment"
    REVERSAL = "reversal", "Reversal"
    OPENING_BALANCE = "opening_balance", "Opening balance"


# --- The Office of the Public Guardian's categories for the annual deputy report ------------------
# Source: ../shared/domain/deputyship.md, "The annual deputy report to the Office of the Public
# Guardian" (money in and money out by category, as the OPG's own reporting service,
# ministryofjustice/opg-digideps, groups them). Every client receipt carries a money-in category and
# every client payment a money-out category (Transaction.category), so the report's totals are sums.
# The codes of the two lists never overlap, so a code alone says which way the money went.


class MoneyInCategory(models.TextChoices):
    """Money in: what a receipt into a client's funds was."""

    SALARY = "salary", "Salary or wages"
    ACCOUNT_INTEREST = "account_interest", "Account interest"
    DIVIDENDS = "dividends", "Dividends"
    RENTAL_INCOME = "rental_income", "Rental income"
    PERSONAL_PENSION = "personal_pension", "Personal pension"
    STATE_PENSION = "state_pension", "State Pension"
    ATTENDANCE_ALLOWANCE = "attendance_allowance", "Attendance Allowance"
    DISABILITY_LIVING_ALLOWANCE = "disability_living_allowance", "Disability Living Allowance"
    EMPLOYMENT_SUPPORT_ALLOWANCE = "employment_support_allowance", "Employment and Support Allowance"
    HOUSING_BENEFIT = "housing_benefit", "Housing Benefit"
    INCOME_SUPPORT = "income_support", "Income Support"
    PENSION_CREDIT = "pension_credit", "Pension Credit"
    PERSONAL_INDEPENDENCE_PAYMENT = "personal_independence_payment", "Personal Independence Payment"
    UNIVERSAL_CREDIT = "universal_credit", "Universal Credit"
    WINTER_FUEL_PAYMENT = "winter_fuel_payment", "Winter Fuel Payment"
    OTHER_BENEFITS = "other_benefits", "Other benefits"
    COMPENSATION = "compensation", "Compensation or damages"
    BEQUEST = "bequest", "Bequest (inheritance)"
    GIFTS_RECEIVED = "gifts_received", "Gifts received"
    REFUNDS = "refunds", "Refunds"
    SALE_OF_ASSETS = "sale_of_assets", "Sale of assets"
    OTHER_INCOME = "other_income", "Other money in"


class MoneyOutCategory(models.TextChoices):
    """Money out: what a payment from a client's funds was for."""

    CARE_FEES = "care_fees", "Care fees"
    LOCAL_AUTHORITY_CHARGES = "local_authority_charges", "Local authority care charges"
    MEDICAL = "medical", "Medical expenses"
    BROADBAND = "broadband", "Broadband"
    COUNCIL_TAX = "council_tax", "Council Tax"
    ELECTRICITY_AND_GAS = "electricity_and_gas", "Electricity and gas (fuel)"
    FOOD = "food", "Food"
    INSURANCE = "insurance", "Insurance"
    HOME_MAINTENANCE = "home_maintenance", "Home maintenance"
    TV_LICENCE_AND_SERVICES = "tv", "TV licence and services"
    WATER = "water", "Water"
    RENT = "rent", "Rent"
    MORTGAGE = "mortgage", "Mortgage"
    SERVICE_CHARGE = "service_charge", "Service charge"
    PERSONAL_ALLOWANCE = "personal_allowance", "Personal allowance (including prepaid card top-ups)"
    CLOTHES = "clothes", "Clothes"
    TRIPS = "trips", "Trips"
    HOLIDAYS = "holidays", "Holidays"
    DEPUTY_FEES = "deputy_fees", "Deputy fees"
    OPG_FEES = "opg_fees", "Office of the Public Guardian fees"
    SECURITY_BOND = "security_bond", "Security bond"
    PROFESSIONAL_FEES = "professional_fees", "Professional fees"
    INVESTMENTS = "investments", "Investments"
    PURCHASES_OVER_1000 = "purchases_over_1000", "Purchases over £1,000"
    DEBTS = "debts", "Debt repayments"
    TAX_TO_HMRC = "tax_to_hmrc", "Tax paid to HMRC"
    CASH_WITHDRAWN = "cash_withdrawn", "Cash withdrawn"
    TRANSFERS_OUT = "transfers_out", "Transfers to other accounts"
    OTHER_SPENDING = "other_spending", "Other money out"


#: Every category code, for the CHECK on Transaction.category.
ALL_CATEGORIES = [*MoneyInCategory.values, *MoneyOutCategory.values]


class PaymentStatus(models.TextChoices):
    """Where a client payment stands. Only a held payment can still change."""

    POSTED = "posted", "Paid"
    HELD = "held", "Held as a possible duplicate"
    RELEASED = "released", "Released and paid"
    CANCELLED = "cancelled", "Cancelled"
