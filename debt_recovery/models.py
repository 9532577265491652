"""Debt recovery's tables, gathered for Django from the sub-packages that own them."""

from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.directdebits.models import BacsFile, Collection, CollectionRun, Mandate, MandateInstruction

__all__ = ["DebtorAccount"]
__all__ += ["BacsFile", "Collection", "CollectionRun", "Mandate", "MandateInstruction"]
