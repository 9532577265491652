"""County court and estates in the demonstration: a claim that has reached judgment, and a deceased
debtor's estate found through the probate search and claimed against. Keyed on the debtor, so a second
run adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.court.choices import DeferredPaymentAnswer, ProbateResult
from debt_recovery.court.models import CourtClaim, EstateCase
from ledger.choices import TransactionKind
from ledger.receivables import charging_income_account
from ledger.services import PostingLine, transaction_post
from debt_recovery.court.services import (
    CourtError,
    claimable,
    court_claim_issue,
    court_claim_judgment,
    court_claim_prepare,
    estate_case_open,
    estate_case_update,
)


def _claim(officer, on: dt.date) -> int:
    if CourtClaim.objects.exists():
        return 0
    taken = DebtorAccount.objects.filter(write_offs__isnull=False)
    for debtor in (DebtorAccount.objects.filter(status="open", client__date_of_death__isnull=True, kind="person")
                   .exclude(pk__in=taken).order_by("-reference")):
        amount, _barred = claimable(debtor, on=on)
        if amount <= 0 or amount >= 100000:
            continue
        try:
            claim = _prepare(officer, debtor, amount, on)
        except CourtError:
            continue  # not ready for court (a letter before claim still within its reply period, say)
        claim = court_claim_issue(acting_user=officer, claim=claim, issued_on=on - dt.timedelta(days=40),
                                  claim_number=f"K{debtor.pk:02d}QZ{on:%y}41", court_fee=None)
        court_claim_judgment(acting_user=officer, claim=claim, judgment_on=on - dt.timedelta(days=9), amount=amount,
                             terms="Judgment in default: £60 a month")
        return 1
    return 0


def _prepare(officer, debtor, amount, on: dt.date):
    return court_claim_prepare(
        acting_user=officer, debtor=debtor, defendants=[debtor.name],
        particulars=(f"The Claimant local authority arranged care and support for the Defendant under the Care "
                     f"Act 2014. The Defendant owes £{amount:,} in care charges on account {debtor.reference}, "
                     "invoiced every four weeks and unpaid despite reminders and a letter before claim. The sum is "
                     "recoverable as a debt under section 69 of the Care Act 2014."),
        deferred_payment_answer=DeferredPaymentAnswer.NOT_POSSIBLE,
        deferred_payment_note="Lives in a rented flat: no property to secure an agreement on.",
        letter_sent_on=on - dt.timedelta(days=75), reply_received_on=None, reply_summary="")


def _deceased_debtor(officer, leader, on: dt.date):
    """A debtor whose person has died: one the demo already has, or else a charged person who has died,
    whose case the debt recovery team takes on to chase the estate (the team leader allocates it)."""
    from debt_recovery.accounts.choices import DebtorKind, PaymentMethod
    from debt_recovery.accounts.services import debtor_account_open
    from ledger.choices import Purpose
    from people.choices import Service
    from people.models import Client, Team
    from people.services import allocation_change

    debtor = DebtorAccount.objects.filter(kind="estate", client__date_of_death__isnull=False).order_by("reference").first()
    if debtor is not None:
        return debtor
    client = (Client.objects.filter(date_of_death__isnull=False, debtor_accounts__isnull=True)
              .exclude(ledger_accounts__purpose=Purpose.CARE_CHARGE_RECEIVABLE).order_by("council_reference").first())
    team = Team.objects.filter(service=Service.DEBT_RECOVERY, memberships__user=leader).first()
    if client is None or team is None:
        return None
    allocation_change(acting_user=leader, client=client, service=Service.DEBT_RECOVERY, team=team, officer=officer,
                      start_date=on, reason="Care charges are owed by the estate: debt recovery chases the estate")
    debtor = debtor_account_open(acting_user=officer, client=client, kind=DebtorKind.ESTATE,
                                 payment_method=PaymentMethod.BANK_TRANSFER,
                                 reason="Care charges owed by the estate: the person has died")
    # The residential charges of the last eight weeks before death, unpaid, brought over as the estate's debt.
    income = charging_income_account(acting_user=officer)
    owed = Decimal("1842.60")
    transaction_post(acting_user=officer, effective_date=client.date_of_death, kind=TransactionKind.CHARGE,
                     memo="Residential care charges to the date of death (eight weeks)",
                     postings=[PostingLine(debtor.ledger_account, owed), PostingLine(income, -owed)],
                     idempotency_key=f"demo-estate-charges:{client.pk}")
    return debtor


def _estate(officer, leader, on: dt.date) -> int:
    if EstateCase.objects.exists():
        return 0
    debtor = _deceased_debtor(officer, leader, on)
    if debtor is None:
        return 0
    case = estate_case_open(acting_user=officer, debtor=debtor, has_deferred_payment=False,
                            note="Death notified by the care home.")
    amount, _barred = claimable(debtor, on=on)
    claimed = {"claim_sent_on": on, "claim_amount": amount} if amount > 0 else {}
    estate_case_update(acting_user=officer, case=case, reason="Grant found; claim sent to the executor",
                       probate_result=ProbateResult.GRANT_FOUND, probate_searched_on=on - dt.timedelta(days=3),
                       grant_issued_on=on - dt.timedelta(days=20),
                       personal_representatives="Executor named on the grant of probate (see the probate record).",
                       **claimed)
    return 1


def seed_demo_step(run) -> dict[str, int]:
    officer = run.made["users"]["dev"]
    estates = _estate(officer, run.made["users"]["joan"], run.on)
    return {"court_claims": _claim(officer, run.on), "estate_cases": estates}
