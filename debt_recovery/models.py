"""Debt recovery's tables, gathered for Django from the sub-packages that own them."""

from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.court.models import CourtClaim, Enforcement, EstateCase, LimitationWarning
from debt_recovery.holds.models import Hold
from debt_recovery.ladder.models import LadderAction, LadderPosition, LadderStep
from debt_recovery.panel.models import PanelAction, PanelCase
from debt_recovery.statements.models import Statement, StatementRun
from debt_recovery.writeoffs.models import AuthorityBand, DelegatedAuthority, WriteOff

__all__ = [
    "AuthorityBand", "CourtClaim", "DebtorAccount", "DelegatedAuthority", "Enforcement", "EstateCase", "Hold",
    "LadderAction", "LadderPosition", "LadderStep", "LimitationWarning", "PanelAction", "PanelCase", "Statement",
    "StatementRun", "WriteOff",
]
