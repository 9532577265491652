"""Reads of payments, suspense receipts and refunds."""

from __future__ import annotations

from django.db.models import QuerySet

from debt_recovery.payments.choices import RefundStatus, SuspenseStatus
from debt_recovery.payments.models import Payment, Refund, SuspenseReceipt


def refunds_awaiting_approval() -> QuerySet[Refund]:
    return Refund.objects.filter(status=RefundStatus.REQUESTED).select_related("debtor", "requested_by")


def suspense_to_allocate() -> QuerySet[SuspenseReceipt]:
    return SuspenseReceipt.objects.filter(status=SuspenseStatus.UNALLOCATED)


def debtor_payments(*, debtor) -> QuerySet[Payment]:
    return Payment.objects.filter(debtor=debtor).prefetch_related("allocations")
