"""Debt recovery's reads, for the rest of the system (the ``domain-boundaries`` contract)."""

from debt_recovery.accounts.selectors import (
    BANDS,
    access_debtor_account,
    aged_balances,
    client_debtor_accounts,
    debtor_accounts_visible_to,
    with_aged_balances,
)
from debt_recovery.holds.choices import HoldReason
from debt_recovery.holds.selectors import holds_in_force

__all__ = ["BANDS", "HoldReason", "holds_in_force", "access_debtor_account", "aged_balances", "client_debtor_accounts",
           "debtor_accounts_visible_to", "with_aged_balances"]
