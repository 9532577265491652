"""Deferred payment agreements: the reads other apps may call (the domain boundary; see docs/architecture.md)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from deferred_payments.agreements.selectors import (  # noqa: F401
    access_agreement,
    agreements_visible_to,
    client_agreements,
    policy_in_force,
)
from deferred_payments.ending.settlement import SettlementError, settlement_figure  # noqa: F401


@dataclass(frozen=True)
class DeferredDebt:
    """One agreement's debt, for debt recovery's one view of what a person owes."""

    reference: str
    status: str
    balance: Decimal  # the debt account's balance today (interest posted so far)
    agreement_id: int


def client_deferred_debts(*, client) -> list[DeferredDebt]:
    """The client's deferred payment debts (agreements approved and not yet settled): secured on the home and
    repaid on sale or within 90 days after death, so never chased by the recovery ladder. Two queries."""
    from deferred_payments.agreements.choices import AgreementStatus
    from deferred_payments.agreements.models import Agreement
    from ledger.selectors import account_balance

    found = Agreement.objects.filter(client=client, debt_account__isnull=False).exclude(
        status__in=[AgreementStatus.SETTLED, AgreementStatus.WITHDRAWN, AgreementStatus.REFUSED]
    ).select_related("debt_account").order_by("reference")
    return [DeferredDebt(a.reference, a.get_status_display(), account_balance(account=a.debt_account), a.pk)
            for a in found]


def agreements_secured_on(*, home):
    """The deferred payment agreements a property secures (``Agreement.home``), oldest first."""
    from deferred_payments.agreements.models import Agreement

    return Agreement.objects.filter(home=home).order_by("id")
