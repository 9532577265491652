"""Debt recovery's writes, for the rest of the system (the ``domain-boundaries`` contract)."""

from debt_recovery.accounts.services import debtor_account_open, debtor_account_update
from debt_recovery.holds.services import (  # noqa: F401
    HoldError,
    hold_place,
    hold_place_or_ask,
    hold_release,
    hold_release_or_ask,
    recovery_officer_for,
    recovery_worker_for,
)

__all__ = ["HoldError", "debtor_account_open", "debtor_account_update", "hold_place", "hold_release",
           "recovery_officer_for"]
