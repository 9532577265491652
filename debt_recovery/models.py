"""Debt recovery's tables, gathered for Django from the sub-packages that own them."""

from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.bacs_reports.models import BacsReport, BacsReportItem
from debt_recovery.court.models import CourtClaim, Enforcement, EstateCase, LimitationWarning
from debt_recovery.directdebits.models import BacsFile, Collection, CollectionRun, Mandate, MandateInstruction
from debt_recovery.holds.models import Hold
from debt_recovery.ladder.models import LadderAction, LadderPosition, LadderStep
from debt_recovery.panel.models import PanelAction, PanelCase
from debt_recovery.payments.models import (
    Allocation, AllocationPolicy, Payment, PaymentFile, Refund, SuspenseReceipt,
)
from debt_recovery.plans.models import IncomeExpenditure, IncomeExpenditureLine, Instalment, PaymentPlan
from debt_recovery.statements.models import Statement, StatementRun
from debt_recovery.writeoffs.models import AuthorityBand, DelegatedAuthority, WriteOff

__all__ = [
    "Allocation", "AllocationPolicy", "AuthorityBand", "BacsFile", "BacsReport", "BacsReportItem", "Collection",
    "CollectionRun", "CourtClaim", "DebtorAccount", "DelegatedAuthority", "Enforcement", "EstateCase", "Hold",
    "IncomeExpenditure", "IncomeExpenditureLine", "Instalment", "LadderAction", "LadderPosition", "LadderStep",
    "LimitationWarning", "Mandate", "MandateInstruction", "PanelAction", "PanelCase", "Payment", "PaymentFile",
    "PaymentPlan", "Refund", "Statement", "StatementRun", "SuspenseReceipt", "WriteOff",
]
