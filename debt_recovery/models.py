"""Debt recovery's tables, gathered for Django from the sub-packages that own them."""

from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.holds.models import Hold  # noqa: F401
from debt_recovery.ladder.models import LadderAction, LadderPosition, LadderStep  # noqa: F401

__all__ = ["DebtorAccount"]
from debt_recovery.payments.models import Allocation, AllocationPolicy, Payment, PaymentFile, Refund, SuspenseReceipt  # noqa: E402,F401,E501
from debt_recovery.directdebits.models import BacsFile, Collection, CollectionRun, Mandate, MandateInstruction  # noqa: E402,F401,I001
from debt_recovery.plans.models import IncomeExpenditure, IncomeExpenditureLine, Instalment, PaymentPlan  # noqa: E402,F401
from debt_recovery.bacs_reports.models import BacsReport, BacsReportItem  # noqa: E402,F401
