"""Debt recovery's reads, for the rest of the system (the ``domain-boundaries`` contract)."""

from debt_recovery.accounts.selectors import (
    BANDS,
    access_debtor_account,
    aged_balances,
    client_debtor_accounts,
    debtor_accounts_visible_to,
    with_aged_balances,
)

__all__ = ["BANDS", "access_debtor_account", "aged_balances", "client_debtor_accounts",
           "debtor_accounts_visible_to", "with_aged_balances"]
