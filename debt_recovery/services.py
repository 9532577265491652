"""Debt recovery's writes, for the rest of the system (the ``domain-boundaries`` contract)."""

from debt_recovery.accounts.services import debtor_account_open, debtor_account_update

__all__ = ["debtor_account_open", "debtor_account_update"]
