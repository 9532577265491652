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
