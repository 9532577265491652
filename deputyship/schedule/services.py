"""Income and bills on schedule: the writes.

- Expected income and scheduled payments are recorded (and ended) by the officers whose client affairs
  team holds the client.
- A payee's sort code and account number (a scheduled payment, a one-off request) must be well formed and pass
  Pay.UK's modulus check (:func:`ledger.statements.bank_details.payee_bank_details_problems`), or nothing is
  saved.
- :func:`income_checks_run` (the daily job ``deputyship-income-checks``) looks at each expected income's
  due dates whose window has closed and finds the statement line it arrived on, by client, amount and
  date (``tolerance_days`` either side); one :class:`IncomeCheck` per (income, due date), unique in the
  database; a missed or different amount gets one task for the client's officer, saved on the check.
- :func:`payment_requests_generate` (the daily job ``deputyship-payment-requests``) makes each scheduled
  bill's next dates (up to ``REQUEST_LEAD_DAYS`` ahead) into payment requests; one per (scheduled payment,
  due date), unique in the database, so the job is safe to run again and after a crash.
- A request that is unusual waits for a second person (:func:`payment_request_approve`): over
  ``SECOND_PERSON_ABOVE``, to a payee (bank account) the client has never been paid to, or a possible
  duplicate (:func:`possible_duplicates`: the same client, payee and amount within
  ``DUPLICATE_WINDOW_DAYS`` days among requests, ledger payments and bank statement lines; the idea of
  :func:`ledger.client_money._possible_duplicate` carried to scheduled payments and statement lines, after
  Shropshire's duplicate £1,500 house-clearance payment).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core.context import current_actor, system_user
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import save_attributed
from core.rules import require
from deputyship.authority.choices import Action
from deputyship.authority.services import authority_check
from deputyship.schedule import periods
from deputyship.schedule.choices import (
    BILL_CATEGORY,
    INCOME_CATEGORY,
    BillKind,
    Frequency,
    IncomeCheckOutcome,
    IncomeKind,
    RequestStatus,
)
from deputyship.schedule.models import ExpectedIncome, IncomeCheck, PaymentRequest, ScheduledPayment
from ledger.choices import MoneyInCategory, MoneyOutCategory, PaymentStatus
from ledger.client_money import DUPLICATE_WINDOW_DAYS, pounds
from ledger.models import Payment, StatementLine
from ledger.statements.bank_details import compact, payee_bank_details_problems
from people.choices import Service, TaskStatus
from people.models import Task, TeamMembership
from people.selectors import current_allocations

TEAM = Service.CLIENT_AFFAIRS
#: A missed or different income's task is due this many days after the check (a working week).
TASK_DUE_DAYS = 5


class ScheduleError(ApplicationError):
    code = "invalid"


def config() -> dict:
    """The council's choices for payments from client money (``settings.DEPUTYSHIP_PAYMENTS``), with the
    defaults named in ``docs/payment-runs.md``. None of these is a published figure: each council sets its
    own."""
    defaults = {
        "SECOND_PERSON_ABOVE": str(settings.CLIENT_MONEY_SECOND_PERSON_ABOVE),
        "DUPLICATE_WINDOW_DAYS": DUPLICATE_WINDOW_DAYS,
        "REQUEST_LEAD_DAYS": 7,
        "SERVICE_USER_NUMBER": settings.DIRECT_DEBITS["SERVICE_USER_NUMBER"],
        "SERVICE_USER_NAME": settings.DIRECT_DEBITS["SERVICE_USER_NAME"],
        "CSV_LAYOUT": "bacs-payment-csv",
    }
    return {**defaults, **getattr(settings, "DEPUTYSHIP_PAYMENTS", {})}


def second_person_above() -> Decimal:
    return Decimal(str(config()["SECOND_PERSON_ABOVE"]))


# --- input checks -----------------------------------------------------------------------------------

def _money(value, errors: dict, field: str = "amount") -> Decimal | None:
    if isinstance(value, float):
        errors[field] = ["Amounts must be exact, never a float."]
        return None
    try:
        amount = Decimal(str(value)) if value is not None and value != "" else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        errors[field] = ["Enter an amount in pounds and pence, more than £0, like 125.50."]
        return None
    if amount > Decimal("99999999.99"):
        errors[field] = ["That amount is too large: check it."]
        return None
    return amount


def _text(value, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def _refuse(errors: dict, message: str = "Check the details.") -> None:
    if errors:
        first = next(iter(errors.values()))[0]
        raise ScheduleError(f"{message} {first}", extra=errors)


def _bank(sort_code: str, account_number: str, errors: dict) -> tuple[str, str]:
    problems = payee_bank_details_problems(sort_code=sort_code or "", account_number=account_number or "")
    if "sort_code" in problems:
        errors["payee_sort_code"] = [problems["sort_code"] + "."]
    if "account_number" in problems:
        errors["payee_account_number"] = [problems["account_number"] + "."]
    return compact(sort_code), compact(account_number)


# --- who follows up ---------------------------------------------------------------------------------

def officer_for(client, *, on: dt.date | None = None):
    """The officer of the client's current client affairs allocation, else that team's leader; ``None``
    when no client affairs team holds the client."""
    allocation = (current_allocations(on=on).filter(client=client, service=TEAM)
                  .select_related("officer", "team").order_by("-start_date", "-id").first())
    if allocation is None:
        return None
    if allocation.officer is not None and allocation.officer.is_active:
        return allocation.officer
    leader = (TeamMembership.objects.filter(team=allocation.team, is_leader=True, user__is_active=True)
              .select_related("user").order_by("id").first())
    return leader.user if leader else None


def _job_user():
    actor = current_actor()
    return actor.user if actor is not None and actor.user is not None else system_user()


# --- expected income --------------------------------------------------------------------------------

def expected_income_record(*, acting_user, client, kind: str, payer: str, amount, frequency: str,
                           first_due_on: dt.date, category: str = "", tolerance_days: int = 5,
                           ends_on: dt.date | None = None, note: str = "") -> ExpectedIncome:
    """Record money the council expects to receive for the client regularly."""
    require(acting_user, "deputyship.work_client", client)
    errors: dict[str, list[str]] = {}
    if kind not in IncomeKind.values:
        errors["kind"] = ["Choose what the income is."]
    payer = _text(payer, 200)
    if not payer:
        errors["payer"] = ["Say who pays it."]
    amount = _money(amount, errors)
    if frequency not in Frequency.values:
        errors["frequency"] = ["Choose how often it is paid."]
    if not isinstance(first_due_on, dt.date):
        errors["first_due_on"] = ["Enter the next date it is due."]
    category = category or (INCOME_CATEGORY.get(kind, "") if kind in IncomeKind.values else "")
    if category not in MoneyInCategory.values:
        errors["category"] = ["Choose the OPG money-in category."]
    if not isinstance(tolerance_days, int) or not 0 <= tolerance_days <= 31:
        errors["tolerance_days"] = ["Allow between 0 and 31 days."]
    if ends_on is not None and isinstance(first_due_on, dt.date) and ends_on < first_due_on:
        errors["ends_on"] = ["The end date cannot be before the next due date."]
    _refuse(errors)
    income = ExpectedIncome(client=client, kind=kind, payer=payer, amount=amount, frequency=frequency,
                            first_due_on=first_due_on, ends_on=ends_on, category=category,
                            tolerance_days=tolerance_days, note=_text(note, 500), created_by=acting_user)
    with transaction.atomic():
        save_attributed(income, user=acting_user, reason="Expected income recorded")
    return income


def expected_income_end(*, acting_user, income: ExpectedIncome, ends_on: dt.date, reason: str) -> ExpectedIncome:
    """Nothing more is expected after ``ends_on`` (the benefit stopped, the tenancy ended)."""
    require(acting_user, "deputyship.work_client", income.client)
    reason = _text(reason, 300)
    if not reason:
        raise ScheduleError("Say why the income ends.", extra={"reason": ["Say why the income ends."]})
    with transaction.atomic():
        income = ExpectedIncome.objects.select_for_update().get(pk=income.pk)
        if ends_on < income.first_due_on:
            ends_on = income.first_due_on  # never before it began: the first date is the earliest end
        income.ends_on = ends_on
        save_attributed(income, user=acting_user, reason=f"Income ends: {reason}", update_fields=["ends_on"])
    return income


def _line_candidates(*, client_ids, start: dt.date, end: dt.date) -> dict[int, list[StatementLine]]:
    lines: dict[int, list[StatementLine]] = {}
    for line in (StatementLine.objects.filter(client_id__in=client_ids, amount__gt=0, date__gte=start, date__lte=end,
                                              income_check__isnull=True)
                 .order_by("date", "id")):
        lines.setdefault(line.client_id, []).append(line)
    return lines


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Z0-9]+", text.upper()) if len(w) > 2}


def _pick(income: ExpectedIncome, due_on: dt.date, lines: list[StatementLine], taken: set[int]):
    """The statement line the income arrived on: the exact amount nearest the due date; else a line naming
    the payer (a different amount)."""
    window = dt.timedelta(days=income.tolerance_days)
    near = [line for line in lines if line.pk not in taken and due_on - window <= line.date <= due_on + window]
    exact = [line for line in near if line.amount == income.amount]
    if exact:
        return min(exact, key=lambda line: (abs((line.date - due_on).days), line.date, line.pk)), True
    payer = _words(income.payer)
    named = [line for line in near if payer and payer & _words(f"{line.description} {line.reference}")]
    if named:
        return min(named, key=lambda line: (abs((line.date - due_on).days), line.date, line.pk)), False
    return None, False


def income_checks_run(*, on: dt.date) -> dict:
    """The daily job's work. For each expected income's due dates up to ``on``: received when a statement
    line of the client shows it (exact amount, within ``tolerance_days``); once the window has closed
    without it, *missed*, or *differs* when a line naming the payer came with another amount; either gives
    one task for the client's officer. Outputs unique per (income, due date), so a second run, or a run
    after a crash, makes only what the first did not."""
    by = _job_user()
    summary = {"received": 0, "differs": 0, "missed": 0, "no_officer": 0}
    incomes = list(ExpectedIncome.objects.filter(first_due_on__lte=on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on - dt.timedelta(days=62))).select_related("client"))
    if not incomes:
        return summary
    checked = set(IncomeCheck.objects.filter(expected__in=incomes).values_list("expected_id", "due_on"))
    due: list[tuple[ExpectedIncome, dt.date]] = []
    for income in incomes:
        for day in periods.dates_between(income.first_due_on, income.frequency, income.first_due_on, on,
                                         income.ends_on):
            if (income.pk, day) not in checked:
                due.append((income, day))
    if not due:
        return summary
    start = min(day for _, day in due) - dt.timedelta(days=31)
    lines = _line_candidates(client_ids={income.client_id for income, _ in due}, start=start,
                             end=on + dt.timedelta(days=31))
    taken: set[int] = set()
    with transaction.atomic():
        for income, day in sorted(due, key=lambda pair: (pair[1], pair[0].pk)):
            line, exact = _pick(income, day, lines.get(income.client_id, []), taken)
            window_closed = on > day + dt.timedelta(days=income.tolerance_days)
            if line is not None and exact:
                outcome = IncomeCheckOutcome.RECEIVED
            elif window_closed:
                outcome = IncomeCheckOutcome.DIFFERS if line is not None else IncomeCheckOutcome.MISSED
            else:
                continue  # not yet: it may still come
            if line is not None:
                taken.add(line.pk)
            check = IncomeCheck(expected=income, client=income.client, due_on=day, outcome=outcome,
                                statement_line=line, amount_received=line.amount if line else None, checked_on=on)
            if outcome != IncomeCheckOutcome.RECEIVED:
                officer = officer_for(income.client, on=on)
                if officer is None:
                    summary["no_officer"] += 1
                else:
                    check.task = _income_task(income=income, day=day, line=line, officer=officer, by=by, on=on)
            save_attributed(check, user=by, reason=f"Income due {day:%d %B %Y}: {check.get_outcome_display().lower()}")
            summary[outcome] += 1
    return summary


def _income_task(*, income: ExpectedIncome, day: dt.date, line, officer, by, on: dt.date) -> Task:
    client = income.client
    if line is None:
        title = f"Income not received: {income.get_kind_display()} for {client.display_name}"
        details = (f"{pounds(income.amount)} from {income.payer} was due on {day:%d %B %Y} and has not arrived on "
                   f"the bank statements within {income.tolerance_days} days. Ask {income.payer} why (has the "
                   "benefit stopped or changed, did the client move?), and record the outcome.")
    else:
        title = f"Income differs: {income.get_kind_display()} for {client.display_name}"
        details = (f"{pounds(income.amount)} from {income.payer} was due on {day:%d %B %Y}; the bank statement "
                   f"shows {pounds(line.amount)} on {line.date:%d %B %Y} ({line.description}). Find out why and "
                   "change the expected amount if it has changed.")
    task = Task(title=title[:200], details=details, client=client, assigned_to=officer,
                due_date=on + dt.timedelta(days=TASK_DUE_DAYS), status=TaskStatus.OPEN, created_by=by)
    task.subject = income
    save_attributed(task, user=by, reason="Expected income missed or different")
    return task


# --- scheduled payments and requests ----------------------------------------------------------------

def scheduled_payment_record(*, acting_user, client, kind: str, payee: str, payee_sort_code: str,
                             payee_account_number: str, amount, frequency: str, first_due_on: dt.date,
                             reference: str = "", category: str = "", ends_on: dt.date | None = None
                             ) -> ScheduledPayment:
    """Record a regular bill to be paid from the client's money. Its bank details are checked now."""
    require(acting_user, "deputyship.work_client", client)
    errors: dict[str, list[str]] = {}
    if kind not in BillKind.values:
        errors["kind"] = ["Choose what the bill is."]
    payee = _text(payee, 200)
    if not payee:
        errors["payee"] = ["Say whom to pay."]
    sort_code, account_number = _bank(payee_sort_code, payee_account_number, errors)
    amount = _money(amount, errors)
    if frequency not in Frequency.values:
        errors["frequency"] = ["Choose how often it is paid."]
    if not isinstance(first_due_on, dt.date):
        errors["first_due_on"] = ["Enter the next date it is due."]
    category = category or (BILL_CATEGORY.get(kind, "") if kind in BillKind.values else "")
    if category not in MoneyOutCategory.values:
        errors["category"] = ["Choose the OPG money-out category."]
    reference = _text(reference, 100)
    if len(reference) > 18:
        errors["reference"] = ["Keep the reference to 18 characters: Bacs carries no more."]
    if ends_on is not None and isinstance(first_due_on, dt.date) and ends_on < first_due_on:
        errors["ends_on"] = ["The end date cannot be before the next due date."]
    _refuse(errors)
    bill = ScheduledPayment(client=client, kind=kind, payee=payee, payee_sort_code=sort_code,
                            payee_account_number=account_number, reference=reference, amount=amount,
                            frequency=frequency, first_due_on=first_due_on, ends_on=ends_on, category=category,
                            created_by=acting_user)
    with transaction.atomic():
        save_attributed(bill, user=acting_user, reason="Scheduled payment recorded")
    return bill


def scheduled_payment_end(*, acting_user, bill: ScheduledPayment, ends_on: dt.date, reason: str) -> ScheduledPayment:
    """No more payments after ``ends_on``; requests already made for later dates and not yet in a run are
    cancelled."""
    require(acting_user, "deputyship.work_client", bill.client)
    reason = _text(reason, 300)
    if not reason:
        raise ScheduleError("Say why the payments stop.", extra={"reason": ["Say why the payments stop."]})
    with transaction.atomic():
        bill = ScheduledPayment.objects.select_for_update().get(pk=bill.pk)
        bill.ends_on = max(ends_on, bill.first_due_on)
        save_attributed(bill, user=acting_user, reason=f"Payments stop: {reason}", update_fields=["ends_on"])
        for request in PaymentRequest.objects.select_for_update().filter(
                scheduled=bill, due_on__gt=bill.ends_on,
                status__in=[RequestStatus.AWAITING_APPROVAL, RequestStatus.APPROVED]):
            request.status, request.cancelled_by = RequestStatus.CANCELLED, acting_user
            request.cancel_reason = f"The scheduled payment stopped: {reason}"[:500]
            save_attributed(request, user=acting_user, reason="Cancelled: the scheduled payment stopped")
    return bill


def possible_duplicates(*, client, payee: str, sort_code: str, account_number: str, amount: Decimal,
                        on: dt.date, window_days: int, exclude_request=None) -> list[str]:
    """What this payment may duplicate: another request (not cancelled) to the same bank account or payee
    for the same amount, a ledger payment to the same payee for the same amount (not reversed), or a bank
    statement line paying the same amount out of the client's money, all within ``window_days`` of ``on``.
    Each as a sentence; empty when none."""
    window = dt.timedelta(days=window_days)
    start, end = on - window, on + window
    found: list[str] = []
    requests = (PaymentRequest.objects.filter(client=client, amount=amount, due_on__gte=start, due_on__lte=end)
                .filter(Q(payee_sort_code=sort_code, payee_account_number=account_number) | Q(payee__iexact=payee))
                .exclude(status=RequestStatus.CANCELLED))
    if exclude_request is not None and exclude_request.pk:
        requests = requests.exclude(pk=exclude_request.pk)
    for other in requests.order_by("due_on", "id")[:3]:
        found.append(f"a request of {pounds(other.amount)} to {other.payee} due {other.due_on:%d %B %Y} "
                     f"({other.get_status_display().lower()})")
    payments = (Payment.objects.filter(client=client, amount=amount, payee__iexact=payee,
                                       effective_date__gte=start, effective_date__lte=end,
                                       status__in=[PaymentStatus.POSTED, PaymentStatus.RELEASED, PaymentStatus.HELD])
                .exclude(transaction__reversals__isnull=False)
                .exclude(idempotency_key__startswith="deputyship-payrun:"))  # a run's payment is its request's
    for payment in payments.order_by("effective_date", "id")[:3]:
        found.append(f"a payment of {pounds(payment.amount)} to {payment.payee} on {payment.effective_date:%d %B %Y}")
    lines = (StatementLine.objects.filter(client=client, amount=-amount, date__gte=start, date__lte=end)
             .exclude(transaction__client_payment__idempotency_key__startswith="deputyship-payrun:")
             .exclude(transaction__client_payment__payee__iexact=payee))  # the bank's record of a payment already named
    for line in lines.order_by("date", "id")[:3]:
        found.append(f"a bank statement line of {pounds(-line.amount)} out on {line.date:%d %B %Y} "
                     f"({line.description})")
    return found


def _window_for(frequency: str | None) -> int:
    window = int(config()["DUPLICATE_WINDOW_DAYS"])
    if frequency:  # a weekly bill is not a duplicate of last week's
        window = min(window, periods.SHORTEST_GAP_DAYS[frequency] - 1)
    return window


def _unusual(*, request: PaymentRequest, frequency: str | None) -> list[str]:
    reasons = []
    if request.amount > second_person_above():
        reasons.append(f"It is more than {pounds(second_person_above())}.")
    paid_before = PaymentRequest.objects.filter(
        client_id=request.client_id, payee_sort_code=request.payee_sort_code,
        payee_account_number=request.payee_account_number,
        status__in=[RequestStatus.PAID, RequestStatus.IN_RUN]).exists()
    if not paid_before:
        reasons.append("The client has never been paid to this bank account before.")
    duplicates = possible_duplicates(client=request.client, payee=request.payee, sort_code=request.payee_sort_code,
                                     account_number=request.payee_account_number, amount=request.amount,
                                     on=request.due_on, window_days=_window_for(frequency), exclude_request=request)
    if duplicates:
        reasons.append("It may be a duplicate of " + "; ".join(duplicates) + ".")
    return reasons


def _make_request(*, requested_by, by, client, scheduled, due_on, payee, sort_code, account_number, reference,
                  amount, category, frequency, reason: str) -> PaymentRequest:
    request = PaymentRequest(client=client, scheduled=scheduled, due_on=due_on, payee=payee,
                             payee_sort_code=sort_code, payee_account_number=account_number, reference=reference,
                             amount=amount, category=category, requested_by=requested_by)
    reasons = _unusual(request=request, frequency=frequency)
    request.needs_second_person = bool(reasons)
    request.second_person_reasons = "\n".join(reasons)
    request.status = RequestStatus.AWAITING_APPROVAL if reasons else RequestStatus.APPROVED
    save_attributed(request, user=by, reason=reason)
    return request


def payment_request_create(*, acting_user, client, payee: str, payee_sort_code: str, payee_account_number: str,
                           amount, category: str, due_on: dt.date, reference: str = "") -> PaymentRequest:
    """Ask for a one-off payment from the client's money in the next payment run. Refused (nothing written)
    with bad bank details, a bad amount, or outside the legal authority; held for a second person when
    unusual."""
    require(acting_user, "deputyship.work_client", client)
    errors: dict[str, list[str]] = {}
    payee = _text(payee, 200)
    if not payee:
        errors["payee"] = ["Say whom to pay."]
    sort_code, account_number = _bank(payee_sort_code, payee_account_number, errors)
    amount = _money(amount, errors)
    if category not in MoneyOutCategory.values:
        errors["category"] = ["Choose the OPG money-out category."]
    if not isinstance(due_on, dt.date):
        errors["due_on"] = ["Enter the date to pay it."]
    reference = _text(reference, 100)
    if len(reference) > 18:
        errors["reference"] = ["Keep the reference to 18 characters: Bacs carries no more."]
    _refuse(errors)
    decision = authority_check(client=client, action=Action.PAYMENT, amount=amount, on=due_on)
    if not decision.allowed:
        raise ScheduleError(decision.reason, extra={"amount": [decision.reason]})
    with transaction.atomic():
        return _make_request(requested_by=acting_user, by=acting_user, client=client, scheduled=None, due_on=due_on,
                             payee=payee, sort_code=sort_code, account_number=account_number, reference=reference,
                             amount=amount, category=category, frequency=None, reason="Payment requested")


def payment_request_approve(*, acting_user, request: PaymentRequest) -> PaymentRequest:
    """A second person approves an unusual request for the next run. The requester cannot; the legal
    authority is checked again. Approving one already approved returns it."""
    require(acting_user, "deputyship.work_client", request.client)
    with transaction.atomic():
        request = PaymentRequest.objects.select_for_update().select_related("client").get(pk=request.pk)
        if request.status == RequestStatus.APPROVED and request.approved_by_id is not None:
            return request
        if request.status != RequestStatus.AWAITING_APPROVAL:
            raise ConflictError(f"This request is {request.get_status_display().lower()}: only one waiting for a "
                                "second person can be approved.", code="not_waiting")
        if request.requested_by_id == acting_user.pk:
            raise PermissionDeniedError("You asked for this payment, so someone else must approve it.",
                                        code="same_person")
        decision = authority_check(client=request.client, action=Action.PAYMENT, amount=request.amount,
                                   on=request.due_on)
        if not decision.allowed:
            raise ScheduleError(decision.reason, code="authority")
        request.status, request.approved_by, request.approved_at = RequestStatus.APPROVED, acting_user, timezone.now()
        save_attributed(request, user=acting_user, reason="Approved by a second person")
    return request


def payment_request_cancel(*, acting_user, request: PaymentRequest, reason: str) -> PaymentRequest:
    """Cancel a request not yet in a run (a duplicate, a bill no longer owed)."""
    require(acting_user, "deputyship.work_client", request.client)
    reason = _text(reason, 500)
    if not reason:
        raise ScheduleError("Say why the payment is cancelled.", extra={"reason": ["Say why it is cancelled."]})
    with transaction.atomic():
        request = PaymentRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == RequestStatus.CANCELLED:
            return request
        if request.status not in (RequestStatus.AWAITING_APPROVAL, RequestStatus.APPROVED):
            raise ConflictError(f"This request is {request.get_status_display().lower()}: it can no longer be "
                                "cancelled here.", code="not_cancellable")
        request.status, request.cancelled_by, request.cancel_reason = RequestStatus.CANCELLED, acting_user, reason
        save_attributed(request, user=acting_user, reason=f"Cancelled: {reason}")
    return request


def payment_requests_generate(*, on: dt.date) -> dict:
    """The daily job's work: every scheduled payment's dates from ``on`` up to ``REQUEST_LEAD_DAYS`` ahead
    (and any earlier date since the schedule began that has none: a day the job did not run) become payment
    requests, asked for by the officer who set the schedule up. One per (scheduled payment, due date),
    unique in the database: a second run makes nothing new."""
    by = _job_user()
    lead = dt.timedelta(days=int(config()["REQUEST_LEAD_DAYS"]))
    summary = {"made": 0, "awaiting_second_person": 0}
    bills = list(ScheduledPayment.objects.filter(first_due_on__lte=on + lead)
                 .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on - dt.timedelta(days=62)))
                 .select_related("client", "created_by").order_by("id"))
    made = set(PaymentRequest.objects.filter(scheduled__in=bills).values_list("scheduled_id", "due_on"))
    with transaction.atomic():
        for bill in bills:
            since = max(bill.first_due_on, on - dt.timedelta(days=62))
            for day in periods.dates_between(bill.first_due_on, bill.frequency, since, on + lead, bill.ends_on):
                if (bill.pk, day) in made:
                    continue
                try:
                    with transaction.atomic():
                        request = _make_request(
                            requested_by=bill.created_by, by=by, client=bill.client, scheduled=bill, due_on=day,
                            payee=bill.payee, sort_code=bill.payee_sort_code,
                            account_number=bill.payee_account_number, reference=bill.reference, amount=bill.amount,
                            category=bill.category, frequency=bill.frequency,
                            reason=f"Scheduled payment due {day:%d %B %Y}")
                except IntegrityError:  # made by another run at the same moment
                    continue
                summary["made"] += 1
                summary["awaiting_second_person"] += request.status == RequestStatus.AWAITING_APPROVAL
    return summary
