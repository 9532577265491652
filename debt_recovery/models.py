"""Debt recovery's tables, gathered for Django from the sub-packages that own them."""

from debt_recovery.accounts.models import DebtorAccount

__all__ = ["DebtorAccount"]
from debt_recovery.payments.models import Allocation, AllocationPolicy, Payment, Refund, SuspenseReceipt  # noqa: E402,F401
