"""Choices for payments, allocations, suspense receipts and refunds (each backed by a CHECK constraint)."""

from django.db import models


class Method(models.TextChoices):
    """How the money came in (the ways a council takes payment for care charges)."""

    DIRECT_DEBIT = "direct_debit", "Direct debit"
    CARD = "card", "Debit or credit card"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    CHEQUE = "cheque", "Cheque"
    CASH = "cash", "Cash at a council office"
    PAYPOINT = "paypoint", "Cash or card at a PayPoint, Post Office or AllPay outlet"


class AllocationRule(models.TextChoices):
    """How a payment is set against a debtor's open charges."""

    OLDEST_FIRST = "oldest_first", "Oldest charge first"
    CURRENT_FIRST = "current_first", "Current (latest) charge first, then the oldest"


class SuspenseStatus(models.TextChoices):
    UNALLOCATED = "unallocated", "Waiting to be allocated"
    ALLOCATED = "allocated", "Allocated to a debtor"


class RefundStatus(models.TextChoices):
    REQUESTED = "requested", "Awaiting approval"
    APPROVED = "approved", "Approved, to be paid"
    PAID = "paid", "Paid"
    REJECTED = "rejected", "Rejected"
