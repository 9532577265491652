"""Writes of county court claims, limitation warnings and estate cases.

A claim is refused, with a sentence and nothing written, where Care Act 2014 s.69(2) forbids it (a
deferred payment agreement could be entered into and has not been refused: the officer's answer, and the
deferred payments record through ``deferred_payments.selectors.court_recovery_bar``), where it does not fit Money
Claim Online, where the Pre-Action Protocol's 30 days since the letter before claim have not passed and
no reply has come, and for any part of the debt older than six years (s.69(1): only charges still within
their limitation date are claimed).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from core.context import current_actor, system_user
from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.accounts.selectors import open_charges
from debt_recovery.court.choices import (
    OPEN_STATUSES,
    ClaimStatus,
    DeferredPaymentAnswer,
    EnforcementKind,
    EstateStatus,
    ProbateResult,
)
from debt_recovery.court.models import CourtClaim, Enforcement, EstateCase, LimitationWarning
from debt_recovery.court.rules_of_court import limitation_date, mcol_problems
from debt_recovery.holds.services import recovery_officer_for
from deferred_payments.selectors import court_recovery_bar
from documents.models import Document
from people.choices import TaskStatus
from people.models import Task
from people.selectors import today

#: Pre-Action Protocol for Debt Claims: the debtor has 30 days to reply to the letter before claim.
REPLY_DAYS = 30
LETTER_BEFORE_CLAIM = "debt_recovery.letter_before_claim"
#: The limitation warning is given this many days before the limitation date passes.
WARN_DAYS_BEFORE = 90
#: Estates: the probate search is due within two weeks of the case opening, the claim within four.
PROBATE_SEARCH_DAYS = 14
ESTATE_CLAIM_DAYS = 28
#: A deferred payment agreement's debt is repaid on sale of the home or 90 days after death, whichever
#: is sooner (../shared/domain/deferred_payments.md, "Ending").
DEFERRED_PAYMENT_DAYS_AFTER_DEATH = 90


class CourtError(ApplicationError):
    code = "invalid"


def claimable(debtor: DebtorAccount, *, on: dt.date) -> tuple[Decimal, Decimal]:
    """(what may be claimed, what is statute-barred): the debtor's unpaid charges split by whether their
    six-year limitation date has passed on ``on``."""
    within = barred = Decimal("0.00")
    for charge in open_charges(ledger_account_id=debtor.ledger_account_id, as_at=on):
        if limitation_date(charge.date) >= on:
            within += charge.outstanding
        else:
            barred += charge.outstanding
    return within, barred


def latest_letter_before_claim(debtor: DebtorAccount) -> Document | None:
    """The newest letter before claim sent about the debtor's client (the recovery ladder makes them)."""
    return (Document.objects.filter(client_id=debtor.client_id, kind=LETTER_BEFORE_CLAIM)
            .order_by("-requested_at", "-id").first())


def court_claim_prepare(*, acting_user, debtor: DebtorAccount, defendants: list[str], particulars: str,
                        deferred_payment_answer: str, deferred_payment_note: str = "",
                        letter_sent_on: dt.date | None = None, reply_received_on: dt.date | None = None,
                        reply_summary: str = "") -> CourtClaim:
    """Prepare a claim pack for the debtor's debt. ``letter_sent_on`` is needed only when no letter before
    claim was made here (one sent before the system): the newest stored one is used otherwise."""
    require(acting_user, "debt_recovery.work_client", debtor)
    on = today()
    if deferred_payment_answer not in DeferredPaymentAnswer.values:
        raise CourtError("Answer the deferred payment question.", extra={
            "deferred_payment_answer": ["Say whether a deferred payment agreement could be entered into."]})
    if deferred_payment_answer == DeferredPaymentAnswer.NOT_REFUSED:
        raise CourtError(
            "The council cannot take this debt to the county court: a deferred payment agreement could be entered "
            "into and has not been refused (Care Act 2014, section 69(2)). Offer one first.", code="care_act_s69_2",
            extra={"deferred_payment_answer": ["A county court claim is not allowed while a deferred payment "
                                               "agreement could be entered into and has not been refused."]})
    bar = court_recovery_bar(client=debtor.client)
    if bar is not None:
        raise CourtError(bar, code="care_act_s69_2", extra={"deferred_payment_answer": [bar]})
    amount, barred = claimable(debtor, on=on)
    defendants = [d.strip() for d in defendants if d and d.strip()]
    problems = mcol_problems(amount=amount, defendants=defendants, particulars=particulars or "")
    if barred and "amount" in problems:
        problems["amount"].append(f"£{barred:,} is more than six years old and cannot be claimed (Care Act 2014 "
                                  "s.69(1)).")
    letter = latest_letter_before_claim(debtor)
    sent_on = letter.requested_at.date() if letter is not None else letter_sent_on
    if sent_on is None:
        problems["letter_sent_on"] = ["No letter before claim has been sent from here: give the date one was sent."]
    elif reply_received_on is None and sent_on + dt.timedelta(days=REPLY_DAYS) > on:
        problems["letter_sent_on"] = [f"The debtor has until {sent_on + dt.timedelta(days=REPLY_DAYS):%d %B %Y} to "
                                      "reply to the letter before claim (Pre-Action Protocol for Debt Claims)."]
    if reply_received_on is not None and reply_received_on > on:
        problems["reply_received_on"] = ["The reply cannot be received in the future."]
    if problems:
        raise CourtError("The claim cannot be prepared yet: check each point.", code="claim_not_ready", extra=problems)
    with transaction.atomic():
        debtor = DebtorAccount.objects.select_for_update().get(pk=debtor.pk)
        if CourtClaim.objects.filter(debtor=debtor, status__in=OPEN_STATUSES).exists():
            raise CourtError("This debtor already has a county court claim under way.", code="claim_open")
        claim = CourtClaim(debtor=debtor, amount=amount, defendants=defendants, particulars=particulars.strip(),
                           deferred_payment_answer=deferred_payment_answer, deferred_payment_note=deferred_payment_note,
                           letter_before_claim=letter, letter_before_claim_sent_on=sent_on,
                           reply_received_on=reply_received_on, reply_summary=reply_summary, prepared_by=acting_user)
        save_attributed(claim, user=acting_user, reason=f"County court claim pack prepared for £{amount:,}")
    return claim


def _locked_claim(acting_user, claim: CourtClaim, allowed: tuple[str, ...], doing: str) -> CourtClaim:
    require(acting_user, "debt_recovery.work_client", claim)
    claim = CourtClaim.objects.select_for_update(of=("self",)).select_related("debtor").get(pk=claim.pk)
    if claim.status not in allowed:
        raise CourtError(f"The claim is {claim.get_status_display().lower()}: it cannot be {doing} now.",
                         code="wrong_status")
    return claim


def _not_future(day: dt.date | None, field: str, what: str) -> dt.date:
    if day is None:
        raise CourtError(f"Give the date {what}.", extra={field: [f"Enter the date {what}."]})
    if day > today():
        raise CourtError(f"The date {what} cannot be in the future.", extra={field: ["Enter a date not in the future."]})
    return day


def court_claim_issue(*, acting_user, claim: CourtClaim, issued_on: dt.date, claim_number: str,
                      court_fee: Decimal | None = None) -> CourtClaim:
    """Record that the court issued the claim (its number and date)."""
    _not_future(issued_on, "issued_on", "the claim was issued")
    if not (claim_number or "").strip():
        raise CourtError("Give the claim number.", extra={"claim_number": ["Enter the court's claim number."]})
    with transaction.atomic():
        claim = _locked_claim(acting_user, claim, (ClaimStatus.PREPARED,), "issued")
        claim.status, claim.issued_on, claim.claim_number = ClaimStatus.ISSUED, issued_on, claim_number.strip()
        claim.court_fee = court_fee
        save_attributed(claim, user=acting_user, reason=f"Claim {claim.claim_number} issued on {issued_on:%d %B %Y}")
    return claim


def court_claim_judgment(*, acting_user, claim: CourtClaim, judgment_on: dt.date, amount: Decimal,
                         terms: str = "") -> CourtClaim:
    """Record the judgment: its date, the sum and how it is to be paid."""
    _not_future(judgment_on, "judgment_on", "of the judgment")
    if amount is None or amount <= 0:
        raise CourtError("Give the judgment sum.", extra={"amount": ["Enter the sum of the judgment."]})
    with transaction.atomic():
        claim = _locked_claim(acting_user, claim, (ClaimStatus.ISSUED,), "given judgment")
        if judgment_on < claim.issued_on:
            raise CourtError("Judgment comes after the claim is issued.",
                             extra={"judgment_on": ["Enter a date on or after the claim was issued."]})
        claim.status, claim.judgment_on, claim.judgment_amount = ClaimStatus.JUDGMENT, judgment_on, amount
        claim.judgment_terms = terms
        save_attributed(claim, user=acting_user, reason=f"Judgment for £{amount:,} on {judgment_on:%d %B %Y}")
    return claim


def enforcement_record(*, acting_user, claim: CourtClaim, kind: str, started_on: dt.date, note: str = "") -> Enforcement:
    """Record a step taken to enforce the judgment."""
    if kind not in EnforcementKind.values:
        raise CourtError("Choose how the judgment is enforced.", extra={"kind": ["Choose the kind of enforcement."]})
    _not_future(started_on, "started_on", "enforcement started")
    with transaction.atomic():
        claim = _locked_claim(acting_user, claim, (ClaimStatus.JUDGMENT, ClaimStatus.ENFORCEMENT), "enforced")
        if started_on < claim.judgment_on:
            raise CourtError("Enforcement follows the judgment.",
                             extra={"started_on": ["Enter a date on or after the judgment."]})
        step = Enforcement(claim=claim, kind=kind, started_on=started_on, note=note, recorded_by=acting_user)
        save_attributed(step, user=acting_user, reason=f"Enforcement: {EnforcementKind(kind).label}")
        claim.status = ClaimStatus.ENFORCEMENT
        save_attributed(claim, user=acting_user, reason=f"Enforcement started: {EnforcementKind(kind).label}")
    return step


def court_claim_close(*, acting_user, claim: CourtClaim, status: str, closed_on: dt.date, note: str) -> CourtClaim:
    """Close a claim: paid or settled, or withdrawn."""
    if status not in (ClaimStatus.SETTLED, ClaimStatus.WITHDRAWN):
        raise CourtError("Choose settled or withdrawn.", extra={"status": ["Choose how the claim ended."]})
    _not_future(closed_on, "closed_on", "the claim ended")
    if not (note or "").strip():
        raise CourtError("Say why.", extra={"note": ["Say how the claim ended."]})
    with transaction.atomic():
        claim = _locked_claim(acting_user, claim, OPEN_STATUSES, "closed")
        claim.status, claim.closed_on, claim.closed_note = status, closed_on, note.strip()
        save_attributed(claim, user=acting_user, reason=f"Claim {ClaimStatus(status).label.lower()}: {note.strip()}")
    return claim


# --- the six-year limitation date ----------------------------------------------------------------

def _job_user():
    actor = current_actor()
    return actor.user if actor is not None and actor.user is not None else system_user()


def _task(*, by, client, officer, title: str, details: str, due: dt.date, subject) -> Task:
    task = Task(title=title, details=details, client=client, assigned_to=officer, due_date=due,
                status=TaskStatus.OPEN if due >= today() else TaskStatus.OVERDUE, created_by=by)
    task.subject = subject
    save_attributed(task, user=by, reason=title)
    return task


def limitation_warnings_run(*, on: dt.date, days_before: int = WARN_DAYS_BEFORE) -> dict:
    """The daily job's work: for every unpaid charge on an open debtor account whose six-year limitation
    date (Care Act s.69(1)) falls within ``days_before`` days of ``on`` and has not passed, and whose debtor
    has no county court claim issued, one task for the officer, once per charge (a
    :class:`LimitationWarning`, unique per charge). Safe to run twice and after a crash."""
    by = _job_user()
    summary = {"warnings": 0, "no_officer": 0}
    earliest_due = dt.date(on.year - 6, 1, 1) - dt.timedelta(days=1)
    debtors = (DebtorAccount.objects.filter(status="open").exclude(
        court_claims__status__in=[ClaimStatus.ISSUED, ClaimStatus.JUDGMENT, ClaimStatus.ENFORCEMENT])
        .select_related("client").order_by("pk"))
    with transaction.atomic():
        for debtor in debtors:
            warned = set(LimitationWarning.objects.filter(debtor=debtor).values_list("charge_id", flat=True))
            for charge in open_charges(ledger_account_id=debtor.ledger_account_id, as_at=on):
                if charge.date < earliest_due or charge.transaction_id in warned:
                    continue
                ends = limitation_date(charge.date)
                if not on <= ends <= on + dt.timedelta(days=days_before):
                    continue
                officer = recovery_officer_for(debtor.client, on=on)
                if officer is None:
                    summary["no_officer"] += 1
                    continue
                warning = LimitationWarning(debtor=debtor, charge_id=charge.transaction_id, fell_due=charge.date,
                                            limitation_date=ends)
                warning.task = _task(
                    by=by, client=debtor.client, officer=officer, due=min(ends, on + dt.timedelta(days=14)),
                    title=f"Limitation date {ends:%d %B %Y}: {debtor.client.display_name} ({debtor.reference})",
                    details=(f"£{charge.outstanding:,} of the charge of {charge.date:%d %B %Y} is unpaid. After "
                             f"{ends:%d %B %Y} it can no longer be recovered as a debt (Care Act 2014 s.69(1), six "
                             "years). Agree payment, issue a county court claim, or recommend a write-off."),
                    subject=debtor)
                save_attributed(warning, user=by, reason="Limitation date approaching")
                summary["warnings"] += 1
    return summary


# --- deceased debtors ----------------------------------------------------------------------------

def estate_case_open(*, acting_user, debtor: DebtorAccount, has_deferred_payment: bool = False,
                     note: str = "") -> EstateCase:
    """Open the recovery of a deceased debtor's debt from their estate, with a task each for the probate
    search and the claim against the estate and, where there was a deferred payment agreement, one for the
    amount falling due 90 days after death."""
    require(acting_user, "debt_recovery.work_client", debtor)
    died = debtor.client.date_of_death
    if died is None:
        raise CourtError("The person's death is not recorded: record it on their page first.", code="not_deceased")
    with transaction.atomic():
        debtor = DebtorAccount.objects.select_for_update().get(pk=debtor.pk)
        if EstateCase.objects.filter(debtor=debtor).exists():
            raise CourtError("The estate is already being pursued for this debt.", code="estate_case_open")
        case = EstateCase(debtor=debtor, date_of_death=died, has_deferred_payment=has_deferred_payment, note=note,
                          opened_by=acting_user)
        save_attributed(case, user=acting_user, reason="Estate recovery opened")
        on, client = today(), debtor.client
        officer = recovery_officer_for(client, on=on) or acting_user
        _task(by=acting_user, client=client, officer=officer, subject=case,
              due=on + dt.timedelta(days=PROBATE_SEARCH_DAYS),
              title=f"Probate search: the estate of {client.display_name}",
              details="Search for a grant of probate or letters of administration (GOV.UK 'Search probate records') "
                      "and record the personal representatives.")
        _task(by=acting_user, client=client, officer=officer, subject=case,
              due=on + dt.timedelta(days=ESTATE_CLAIM_DAYS),
              title=f"Claim against the estate of {client.display_name}",
              details=f"Send the personal representatives the claim for {debtor.reference}, with the statement of "
                      "account.")
        if has_deferred_payment:
            due = died + dt.timedelta(days=DEFERRED_PAYMENT_DAYS_AFTER_DEATH)
            _task(by=acting_user, client=client, officer=officer, subject=case, due=due,
                  title=f"Deferred payment due {due:%d %B %Y}: the estate of {client.display_name}",
                  details="The deferred payment agreement's debt is repaid on sale of the home or 90 days after "
                          "death, whichever is sooner. Chase the personal representatives.")
    return case


def estate_case_update(*, acting_user, case: EstateCase, reason: str, **changes) -> EstateCase:
    """Record the probate search, the grant, the claim against the estate or its closing."""
    require(acting_user, "debt_recovery.work_client", case)
    allowed = {"probate_result", "probate_searched_on", "grant_issued_on", "personal_representatives",
               "claim_sent_on", "claim_amount", "status", "note"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"These cannot be changed: {sorted(unknown)}")
    if not (reason or "").strip():
        raise CourtError("Give a reason.", extra={"reason": ["Say what changed."]})
    errors = {}
    if changes.get("probate_result") not in (None, *ProbateResult.values):
        errors["probate_result"] = ["Choose the result of the search."]
    if changes.get("status") not in (None, *EstateStatus.values):
        errors["status"] = ["Choose a status."]
    for field in ("probate_searched_on", "grant_issued_on", "claim_sent_on"):
        if changes.get(field) is not None and changes[field] > today():
            errors[field] = ["Enter a date not in the future."]
    if changes.get("claim_sent_on") is not None and not changes.get("claim_amount"):
        errors["claim_amount"] = ["Give the sum claimed from the estate."]
    if errors:
        raise CourtError("Check the estate's details.", extra=errors)
    with transaction.atomic():
        case = EstateCase.objects.select_for_update(of=("self",)).get(pk=case.pk)
        for field, value in changes.items():
            setattr(case, field, value)
        if case.claim_sent_on is not None and case.status == EstateStatus.OPEN:
            case.status = EstateStatus.CLAIMED
        save_attributed(case, user=acting_user, reason=reason.strip())
    return case
