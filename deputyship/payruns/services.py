"""Payment runs: the writes.

:func:`payment_run_build` gathers the approved payment requests due by the run's day, for the clients the
preparer's team holds, into a new run, and checks it (:func:`payment_run_check`): for each line,

- the client's **available funds** (:func:`ledger.selectors.available_funds`, for all the run's clients at
  once) cover it together with the run's earlier lines for the same client;
- the payee's **sort code and account number** are well formed and pass the modulus check
  (:func:`ledger.statements.bank_details.payee_bank_details_problems`, the shared check; a sort code Pay.UK's
  table does not cover cannot be checked and passes);
- the council's **legal authority** covers it (:func:`deputyship.authority.services.authority_check`, action
  ``payment``: a payment over the order's limit needs a recorded court permission);
- **nothing twice**: a request is in one live line only (a database constraint), and two lines of one run to
  the same client, bank account and amount are a problem unless they are one schedule's different dates.

A run with any problem stays *prepared*; the preparer takes the lines out (:func:`payment_run_line_remove`,
the request goes back to the queue) and checks again. A clean run is *checked*, and someone other than the
preparer approves it (:func:`payment_run_approve`, refused in the service and by a database constraint):
the check is made again, both files are written, and each line is posted to its client's ledger, all of
them together through :func:`ledger.client_money.client_payments_make` (each exactly as
:func:`~ledger.client_money.client_payment_make` posts one) with the key ``deputyship-payrun:<run>:<line>``,
so a second approval, or a retry after a crash, posts nothing twice. A payment the ledger holds (large, or
like one already made) is released by the approver, who has seen the run's check (the preparer asked for it).

A line the bank rejects afterwards (:func:`payment_run_line_reject`) is reversed in the ledger
(:func:`ledger.services.transaction_reverse`) and its request reopened for the next run or cancelled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import insert_with_history, save_attributed, update_with_history
from core.rules import require
from deputyship.authority.choices import Action
from deputyship.authority.models import LegalAuthority
from deputyship.authority.services import authority_check
from deputyship.payruns import files
from deputyship.payruns.choices import LineStatus, RunStatus
from deputyship.payruns.models import PaymentRun, PaymentRunLine
from deputyship.schedule.choices import RequestStatus
from deputyship.schedule.models import PaymentRequest
from deputyship.schedule.selectors import team_clients
from deputyship.schedule.services import config
from ledger.bacs_standard18 import Originator
from ledger.choices import Purpose
from ledger.client_money import ClientPayment, client_payments_make, pounds
from ledger.models import Account
from ledger.selectors import available_funds_by_client
from ledger.services import transaction_reverse
from ledger.statements.bank_details import payee_bank_details_problems


class PaymentRunError(ApplicationError):
    code = "payment_run"


def _key(run: PaymentRun, line: PaymentRunLine) -> str:
    return f"deputyship-payrun:{run.pk}:{line.pk}"


def originator() -> Originator | None:
    """The council as Bacs service user paying from the pooled client bank account (its sort code and
    number recorded on the ledger's pooled account); ``None`` until they are recorded."""
    bank = Account.objects.filter(purpose=Purpose.POOLED_BANK).order_by("id").first()
    if bank is None or not bank.bank_sort_code or not bank.bank_account_number:
        return None
    conf = config()
    return Originator(service_user_number=conf["SERVICE_USER_NUMBER"], name=conf["SERVICE_USER_NAME"],
                      sort_code=bank.bank_sort_code, account_number=bank.bank_account_number)


# --- building ---------------------------------------------------------------------------------------

def payment_run_build(*, acting_user, pay_on: dt.date) -> PaymentRun:
    """A new run of every approved request due on or before ``pay_on`` for the clients the preparer's
    team holds, checked at once. Refused when there is nothing to pay."""
    require(acting_user, "deputyship.work_any")
    if not isinstance(pay_on, dt.date):
        raise PaymentRunError("Enter the day the payments are to be made.", extra={"pay_on": ["Enter a date."]})
    if pay_on < timezone.localdate():
        raise PaymentRunError("A run cannot be paid on a day that has passed.",
                              extra={"pay_on": ["Choose today or a later day."]})
    with transaction.atomic():
        requests = list(PaymentRequest.objects.select_for_update(of=("self",))
                        .filter(status=RequestStatus.APPROVED, due_on__lte=pay_on,
                                client__in=team_clients(user=acting_user))
                        .order_by("client_id", "due_on", "id"))
        if not requests:
            raise PaymentRunError("There are no approved payments due by that day for your team's clients.",
                                  code="nothing_to_pay")
        run = PaymentRun(pay_on=pay_on, prepared_by=acting_user, status=RunStatus.PREPARED,
                         line_count=len(requests), total=sum((r.amount for r in requests), Decimal("0")))
        save_attributed(run, user=acting_user, reason="Payment run prepared")
        lines = [PaymentRunLine(run=run, payment_request=r, client_id=r.client_id, payee=r.payee,
                                payee_sort_code=r.payee_sort_code, payee_account_number=r.payee_account_number,
                                reference=r.reference, amount=r.amount, category=r.category) for r in requests]
        insert_with_history(PaymentRunLine, lines, user=acting_user, reason="In the payment run")
        _requests_set(requests=[r.pk for r in requests], status=RequestStatus.IN_RUN, user=acting_user,
                      reason=f"In payment run {run.pk}")
        _check(run=run, user=acting_user)
    return run


def _requests_set(*, requests: list[int], status: str, user, reason: str) -> None:
    """Each request's status set, with a history row each saying why: one statement for them all."""
    update_with_history(PaymentRequest, set_sql="status = %s", params=[status],
                        from_sql="unnest(%s::bigint[]) AS v(id)", from_params=[sorted(set(requests))],
                        user=user, reason=reason)


# --- checking ---------------------------------------------------------------------------------------

def _authority_problems(lines: list[PaymentRunLine], on: dt.date) -> dict[int, str]:
    """The lines the legal authority does not cover, by line id. The authorities in force are read for all
    the clients at once; :func:`authority_check` decides every line that could be refused (no authority, or
    over the order's limit, where a court permission may cover it)."""
    in_force = {}
    for authority in (LegalAuthority.objects.filter(client_id__in={line.client_id for line in lines},
                                                    starts_on__lte=on)
                      .exclude(ends_on__lt=on).order_by("client_id", "-starts_on", "-id")):
        in_force.setdefault(authority.client_id, authority)
    problems = {}
    for line in lines:
        authority = in_force.get(line.client_id)
        if authority is not None and (authority.payment_limit is None or line.amount <= authority.payment_limit):
            continue  # within the order: authority_check allows it
        decision = authority_check(client=line.client, action=Action.PAYMENT, amount=line.amount, on=on)
        if not decision.allowed:
            problems[line.pk] = decision.reason
    return problems


def _after_death_problems(lines: list[PaymentRunLine]) -> dict[int, str]:
    """Lines for clients whose death is recorded: their money is frozen except for funeral costs within the
    executor's consent and the estate's release on a grant (:func:`payment_allowed_after_death`). One query
    finds the clients who have died; the rule decides each of their lines."""
    from deputyship.death.models import Death
    from deputyship.death.services import payment_allowed_after_death

    died = set(Death.objects.filter(client_id__in={line.client_id for line in lines}).values_list("client_id",
                                                                                                flat=True))
    problems = {}
    for line in lines:
        if line.client_id in died:
            decision = payment_allowed_after_death(client=line.client, category=line.category, amount=line.amount)
            if not decision.allowed:
                problems[line.pk] = decision.reason
    return problems


def _check(*, run: PaymentRun, user) -> PaymentRun:
    lines = list(run.lines.filter(status=LineStatus.INCLUDED).select_related("client", "payment_request")
                 .order_by("client_id", "payment_request__due_on", "id"))
    available = available_funds_by_client(client_ids={line.client_id for line in lines})
    authority = _authority_problems(lines, run.pay_on)
    after_death = _after_death_problems(lines)
    spent: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    seen: dict[tuple, PaymentRunLine] = {}
    changed = []
    for line in lines:
        problems = []
        bank = payee_bank_details_problems(sort_code=line.payee_sort_code,
                                           account_number=line.payee_account_number)
        problems += [f"Payee's bank details: {text}." for text in bank.values()]
        if line.pk in authority:
            problems.append(authority[line.pk])
        if line.pk in after_death:
            problems.append(after_death[line.pk])
        spent[line.client_id] += line.amount
        if spent[line.client_id] > available[line.client_id]:
            problems.append(f"{line.client.full_name} has {pounds(available[line.client_id])} available; with the "
                            f"run's other payments for them this needs {pounds(spent[line.client_id])}.")
        if line.payment_request.status != RequestStatus.IN_RUN:
            problems.append("The request is no longer waiting to be paid.")
        twin_key = (line.client_id, line.payee_sort_code, line.payee_account_number, line.amount)
        twin = seen.get(twin_key)
        mine, theirs = line.payment_request, twin.payment_request if twin is not None else None
        if twin is not None and not (theirs.scheduled_id and theirs.scheduled_id == mine.scheduled_id
                                     and theirs.due_on != mine.due_on):
            problems.append(f"Possibly paid twice: the run already pays {pounds(line.amount)} to {twin.payee} for "
                            "this client.")
        seen.setdefault(twin_key, line)
        if problems != line.problems:
            line.problems = problems
            changed.append(line)
    for line in changed:
        save_attributed(line, user=user, reason="Payment run checked", update_fields=["problems"])
    run_problems = []
    if originator() is None:
        run_problems.append("The pooled client bank account's sort code and account number are not recorded: "
                            "record them (Client money, bank details) so the files can name the paying account.")
    if not lines:
        run_problems.append("The run has no payments left in it.")
    run.problems = run_problems
    run.status = RunStatus.CHECKED if not run_problems and not any(line.problems for line in lines) \
        else RunStatus.PREPARED
    run.checked_at = timezone.now()
    run.line_count = len(lines)
    run.total = sum((line.amount for line in lines), Decimal("0"))
    save_attributed(run, user=user, reason="Payment run checked",
                    update_fields=["problems", "status", "checked_at", "line_count", "total"])
    return run


def payment_run_check(*, acting_user, run: PaymentRun) -> PaymentRun:
    """Check the run again (after taking lines out, recording bank details or a court permission)."""
    require(acting_user, "deputyship.work_any")
    with transaction.atomic():
        run = PaymentRun.objects.select_for_update().get(pk=run.pk)
        if run.status == RunStatus.APPROVED:
            raise ConflictError("This run is approved: its files are written and it cannot change.",
                                code="approved")
        return _check(run=run, user=acting_user)


def payment_run_line_remove(*, acting_user, line: PaymentRunLine, reason: str) -> PaymentRunLine:
    """Take a line out of a run not yet approved; its request goes back to wait for the next run. The run
    is checked again."""
    require(acting_user, "deputyship.work_any")
    reason = " ".join((reason or "").split())[:500]
    if not reason:
        raise PaymentRunError("Say why the payment is taken out.", extra={"reason": ["Say why."]})
    with transaction.atomic():
        run = PaymentRun.objects.select_for_update().get(pk=line.run_id)
        line = PaymentRunLine.objects.select_for_update().get(pk=line.pk)
        if run.status == RunStatus.APPROVED:
            raise ConflictError("This run is approved: its payments are made.", code="approved")
        if line.status != LineStatus.INCLUDED:
            return line
        line.status, line.removed_reason = LineStatus.REMOVED, reason
        save_attributed(line, user=acting_user, reason=f"Taken out of the run: {reason}",
                        update_fields=["status", "removed_reason"])
        _requests_set(requests=[line.payment_request_id], status=RequestStatus.APPROVED, user=acting_user,
                      reason=f"Taken out of payment run {run.pk}: back in the queue")
        _check(run=run, user=acting_user)
    return line


# --- approving: files and postings --------------------------------------------------------------------

def _payments(lines: list[PaymentRunLine]) -> list[files.Payment]:
    return [files.Payment(sort_code=line.payee_sort_code, account_number=line.payee_account_number, payee=line.payee,
                          amount=line.amount, reference=line.reference or line.client.council_reference)
            for line in lines]


def payment_run_files(*, run: PaymentRun, lines: list[PaymentRunLine]) -> tuple[str, str, str]:
    """The run's Bacs Standard 18 file, its bulk-payment CSV and the CSV layout's code."""
    paying = originator()
    if paying is None:
        raise PaymentRunError("Record the pooled client bank account's sort code and account number first.",
                              code="no_bank_details")
    payments = _payments(lines)
    layout = files.CSV_LAYOUTS[config()["CSV_LAYOUT"]]
    return (files.bacs_payment_file(originator=paying, payments=payments, processing_day=run.pay_on),
            files.bulk_csv(layout=layout, originator=paying, payments=payments, processing_day=run.pay_on),
            layout.code)


def payment_run_approve(*, acting_user, run: PaymentRun) -> PaymentRun:
    """A second person approves a checked run: checked again, both files written, each line posted to its
    client's ledger once. The preparer cannot approve it; neither can someone whose team does not hold
    every client in it. Approving one already approved returns it."""
    require(acting_user, "deputyship.work_any")
    with transaction.atomic():
        run = PaymentRun.objects.select_for_update().select_related("prepared_by").get(pk=run.pk)
        if run.status == RunStatus.APPROVED:
            return run
        if run.prepared_by_id == acting_user.pk:
            raise PermissionDeniedError("You prepared this run, so someone else must approve it.", code="same_person")
        _check(run=run, user=acting_user)
        if run.status != RunStatus.CHECKED:
            raise PaymentRunError("The run has problems to resolve before it can be approved: "
                                  + "; ".join(run.problems or ["see the lines marked"]) + ".", code="has_problems")
        lines = list(run.lines.filter(status=LineStatus.INCLUDED).select_related("client", "payment_request")
                     .order_by("id"))
        visible = set(team_clients(user=acting_user).filter(client_id__in={line.client_id for line in lines})
                      .values_list("client", flat=True))
        if any(line.client_id not in visible for line in lines):
            raise PermissionDeniedError("Your team does not hold every client in this run: ask a colleague who "
                                        "works with them to approve it.", code="not_your_clients")
        bacs, csv_text, layout = payment_run_files(run=run, lines=lines)
        # Every line at once, each as client_payment_make makes one (its funds with the lines before it, a
        # possible duplicate or a large payment held): the preparer asked for them, and the approver, who has
        # seen the run's check, releases any the ledger holds.
        payments = client_payments_make(acting_user=run.prepared_by, release_held_by=acting_user, payments=[
            ClientPayment(
                client=line.client, amount=line.amount, effective_date=run.pay_on, category=line.category,
                payee=line.payee, reference=line.reference,
                memo=f"Payment run {run.pk}: {line.payee}" + (f" ({line.reference})" if line.reference else ""),
                idempotency_key=_key(run, line))
            for line in lines])
        for line, payment in zip(lines, payments):
            line.payment, line.status = payment, LineStatus.POSTED
        update_with_history(
            PaymentRunLine, set_sql="payment_id = v.payment_id, status = %s", params=[LineStatus.POSTED],
            from_sql="unnest(%s::bigint[], %s::bigint[]) AS v(id, payment_id)",
            from_params=[[line.pk for line in lines], [line.payment_id for line in lines]],
            user=acting_user, reason="Paid in the approved run")
        _requests_set(requests=[line.payment_request_id for line in lines], status=RequestStatus.PAID, user=acting_user,
                      reason=f"Paid in payment run {run.pk}")
        run.status, run.approved_by, run.approved_at = RunStatus.APPROVED, acting_user, timezone.now()
        run.bacs_file, run.csv_file, run.csv_layout = bacs, csv_text, layout
        run.bacs_sha256 = hashlib.sha256(bacs.encode("ascii")).hexdigest()
        run.csv_sha256 = hashlib.sha256(csv_text.encode("utf-8")).hexdigest()
        save_attributed(run, user=acting_user, reason="Payment run approved by a second person: files written")
    return run


def payment_run_line_reject(*, acting_user, line: PaymentRunLine, reason: str, reopen: bool) -> PaymentRunLine:
    """The bank rejected this payment (the account closed, the details wrong): its ledger payment is reversed,
    and its request goes back to wait for the next run (``reopen``) or is cancelled. Recording it again
    returns the line."""
    require(acting_user, "deputyship.work_client", line.client)
    reason = " ".join((reason or "").split())[:500]
    if not reason:
        raise PaymentRunError("Give the bank's reason for rejecting the payment.",
                              extra={"reason": ["Give the reason."]})
    with transaction.atomic():
        line = PaymentRunLine.objects.select_for_update(of=("self",)).select_related("run", "payment__transaction").get(
            pk=line.pk)
        if line.status == LineStatus.REJECTED:
            return line
        if line.status != LineStatus.POSTED:
            raise ConflictError("Only a paid line of an approved run can be recorded as rejected by the bank.",
                                code="not_paid")
        reversal = transaction_reverse(
            acting_user=acting_user, transaction=line.payment.transaction, effective_date=timezone.localdate(),
            memo=f"Rejected by the bank (payment run {line.run_id}): {reason}"[:500],
            idempotency_key=f"deputyship-payrun-rejected:{line.pk}")
        line.status, line.reversal, line.rejection_reason = LineStatus.REJECTED, reversal, reason
        line.rejected_by, line.rejected_at = acting_user, timezone.now()
        save_attributed(line, user=acting_user, reason=f"Rejected by the bank: {reason}",
                        update_fields=["status", "reversal", "rejection_reason", "rejected_by", "rejected_at"])
        request = PaymentRequest.objects.select_for_update().get(pk=line.payment_request_id)
        if reopen:
            request.status = RequestStatus.APPROVED
            save_attributed(request, user=acting_user, reason=f"Reopened: the bank rejected it ({reason})",
                            update_fields=["status"])
        else:
            request.status, request.cancelled_by = RequestStatus.CANCELLED, acting_user
            request.cancel_reason = f"Rejected by the bank: {reason}"[:500]
            save_attributed(request, user=acting_user, reason=f"Cancelled: the bank rejected it ({reason})",
                            update_fields=["status", "cancelled_by", "cancel_reason"])
    return line
