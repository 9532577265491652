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


#: Care Act 2014 s.69(2), https://www.legislation.gov.uk/ukpga/2014/23/section/69: a sum due under Part 1 is not
#: recoverable as a debt (s.69(1), so not in the county court) where a deferred payment agreement could be
#: entered into under s.34(1), unless the council has sought to enter into one with the adult and the adult refused.
S69_2 = "Care Act 2014, section 69(2)"


def court_recovery_bar(*, client) -> str | None:
    """Why the council may not take ``client``'s debt to the county court, from the deferred payments record,
    or None when the record shows nothing that stops it (the officer still answers for a case with no record).

    An agreement being applied for, offered or set up, or one in force or ending, is one the adult has not
    refused, so s.69(2) stops the claim. An application the council refused (not eligible) or the person
    withdrew, or an agreement settled, does not. One query."""
    from deferred_payments.agreements.choices import AgreementStatus
    from deferred_payments.agreements.models import Agreement

    agreement = (Agreement.objects.filter(client=client).exclude(
        status__in=[AgreementStatus.SETTLED, AgreementStatus.WITHDRAWN, AgreementStatus.REFUSED])
        .order_by("-id").first())
    if agreement is None:
        return None
    if agreement.status in (AgreementStatus.ACTIVE, AgreementStatus.ENDING):
        why = (f"deferred payment agreement {agreement.reference} is in force ({agreement.get_status_display()}): "
               "the person did not refuse it, and what is deferred under it is repaid under the agreement")
    else:
        why = (f"deferred payment agreement {agreement.reference} is being offered or set up "
               f"({agreement.get_status_display()}) and the person has not refused it")
    return (f"The council cannot take this debt to the county court: {why} ({S69_2}: a debt cannot be recovered "
            "in court where a deferred payment agreement could be entered into, unless the council sought one "
            "and the person refused).")
