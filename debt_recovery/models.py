"""Debt recovery's tables, gathered for Django from the sub-packages that own them."""

from debt_recovery.accounts.models import DebtorAccount

__all__ = ["DebtorAccount"]
from debt_recovery.writeoffs.models import AuthorityBand, DelegatedAuthority, WriteOff  # noqa: E402,F401
