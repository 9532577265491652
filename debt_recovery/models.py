"""Debt recovery's tables, gathered for Django from the sub-packages that own them."""

from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.statements.models import Statement, StatementRun

__all__ = ["DebtorAccount", "Statement", "StatementRun"]
