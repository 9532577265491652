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
from debt_recovery.payments.models import Allocation, AllocationPolicy, Payment, PaymentFile, Refund, SuspenseReceipt  # noqa: E402,F401,E501
from debt_recovery.plans.models import IncomeExpenditure, IncomeExpenditureLine, Instalment, PaymentPlan  # noqa: E402,F401
from debt_recovery.directdebits.models import BacsFile, Collection, CollectionRun, Mandate, MandateInstruction  # noqa: E402,F401,I001
