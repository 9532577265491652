"""Writes of payment plans: the income and expenditure statement, agreeing a plan (which places the
``payment_plan`` hold), and the daily job that finds missed instalments and breaks plans.

Whether an instalment was paid is worked out, never ticked: the payments the debtor made from the plan's
start (those not reversed) are set against the instalments in order, so a payment late but within the
grace period, or one large payment covering two instalments, keeps the plan going.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from core.context import current_actor, system_user
from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from debt_recovery.accounts.selectors import aged_balances
from debt_recovery.holds.choices import HoldReason
from debt_recovery.holds.models import Hold
from debt_recovery.holds.services import hold_place, recovery_officer_for
from debt_recovery.payments.choices import Method
from debt_recovery.payments.models import Payment
from debt_recovery.payments.services import _money
from debt_recovery.plans.choices import (
    FIXED_COSTS,
    FLEXIBLE_COSTS,
    INCOME_HEADINGS,
    OTHER_OUTGOINGS,
    PER_MONTH,
    Frequency,
    Heading,
    PlanStatus,
)
from debt_recovery.plans.models import IncomeExpenditure, IncomeExpenditureLine, Instalment, PaymentPlan
from ledger.money import ZERO
from people.choices import TaskStatus
from people.models import Task
from people.selectors import today

#: Days after a missed instalment's due date before the plan is broken, unless the officer agrees another
#: figure with the debtor. No national figure exists; this is the council's own choice (docs/decisions.md).
DEFAULT_GRACE_DAYS = 14
#: A missed-instalment task is due this many days after it is given.
MISSED_TASK_DUE_DAYS = 3


class PlanError(ApplicationError):
    code = "invalid"

    def __init__(self, message: str, *, errors: dict[str, list[str]] | None = None, code: str | None = None):
        super().__init__(message, code=code, extra=errors or {})


def surplus(statement: IncomeExpenditure) -> Decimal:
    """Monthly income less monthly outgoings."""
    lines = {line.heading: line.monthly for line in statement.lines.all()}
    income = sum((lines.get(h, ZERO) for h in INCOME_HEADINGS), ZERO)
    spending = sum((lines.get(h, ZERO) for h in FIXED_COSTS + FLEXIBLE_COSTS + OTHER_OUTGOINGS), ZERO)
    return income - spending


def income_expenditure_record(*, acting_user, debtor, taken_on: dt.date, lines: dict[str, object],
                              note: str = "") -> IncomeExpenditure:
    """Record what the debtor said they receive and spend each month, by the SFS's headings. A heading
    left out is nil."""
    require(acting_user, "debt_recovery.work_client", debtor)
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Decimal] = {}
    for heading, value in lines.items():
        if heading not in Heading.values:
            errors[heading] = ["This is not a heading of the Standard Financial Statement."]
            continue
        if value in (None, ""):
            continue
        try:
            amount = Decimal("0") if str(value).strip() in ("0", "0.00") else _money(value, field=heading)
        except ApplicationError as exc:
            errors.update(exc.extra)
            continue
        cleaned[heading] = amount
    if not any(cleaned.get(h) for h in INCOME_HEADINGS):
        errors.setdefault("earnings", []).append("Enter the debtor's income under at least one income heading.")
    if not isinstance(taken_on, dt.date) or taken_on > today():
        errors["taken_on"] = ["Give the date the statement was taken, not in the future."]
    if errors:
        raise PlanError("Check the income and expenditure.", errors=errors)
    with transaction.atomic():
        statement = IncomeExpenditure.objects.create(debtor=debtor, taken_on=taken_on, note=(note or "").strip(),
                                                     recorded_by=acting_user)
        IncomeExpenditureLine.objects.bulk_create([IncomeExpenditureLine(statement=statement, heading=h, monthly=a)
                                                   for h, a in cleaned.items()])
    return statement


def _due_dates(start_on: dt.date, frequency: str, count: int) -> list[dt.date]:
    if frequency == Frequency.MONTHLY:
        return [start_on + relativedelta(months=n) for n in range(count)]
    step = {Frequency.WEEKLY: 7, Frequency.FORTNIGHTLY: 14, Frequency.FOUR_WEEKLY: 28}[frequency]
    return [start_on + dt.timedelta(days=step * n) for n in range(count)]


def monthly_equivalent(amount: Decimal, frequency: str) -> Decimal:
    per, months = PER_MONTH[frequency]
    return (amount * Decimal(per) / Decimal(months)).quantize(Decimal("0.01"))


def payment_plan_agree(*, acting_user, debtor, statement: IncomeExpenditure, amount, frequency: str,
                       start_on: dt.date, method: str, grace_days: int = DEFAULT_GRACE_DAYS,
                       note: str = "") -> PaymentPlan:
    """Agree a plan to pay off what the debtor owes today in instalments of ``amount``, and hold the debt
    off the recovery ladder while it is kept. The instalments must be affordable on the statement: their
    monthly equivalent no more than the surplus."""
    require(acting_user, "debt_recovery.work_client", debtor)
    amount = _money(amount)
    errors: dict[str, list[str]] = {}
    if frequency not in Frequency.values:
        errors["frequency"] = ["Choose how often the debtor pays."]
    if method not in Method.values:
        errors["method"] = ["Choose how the debtor pays."]
    if not isinstance(start_on, dt.date) or start_on <= today():
        errors["start_on"] = ["The first instalment must be due after today."]
    if statement.debtor_id != debtor.pk:
        errors["statement"] = ["Use this debtor's own income and expenditure statement."]
    if not isinstance(grace_days, int) or not 0 <= grace_days <= 60:
        errors["grace_days"] = ["Give a grace period of 0 to 60 days."]
    if errors:
        raise PlanError("Check the payment plan.", errors=errors)
    monthly = monthly_equivalent(amount, frequency)
    spare = surplus(statement)
    if monthly > spare:
        raise PlanError(f"£{amount} {Frequency(frequency).label.lower()} is £{monthly} a month, more than the £{spare} "
                        "a month the statement leaves.", errors={"amount": [
                            f"The statement leaves £{max(spare, ZERO)} a month: agree instalments within it."]})
    with transaction.atomic():
        owed = aged_balances(ledger_account_ids=[debtor.ledger_account_id])[debtor.ledger_account_id].owed
        if owed <= 0:
            raise PlanError("This debtor owes nothing today: there is nothing to pay by instalments.",
                            code="nothing_owed")
        count = int((owed / amount).to_integral_value(rounding=ROUND_CEILING))
        dates = _due_dates(start_on, frequency, count)
        hold = hold_place(acting_user=acting_user, debtor=debtor, reason=HoldReason.PAYMENT_PLAN, review_on=dates[-1]
                          if dates[-1] > today() else today() + dt.timedelta(days=1),
                          note=f"£{amount} {Frequency(frequency).label.lower()} from {start_on:%d %B %Y}")
        plan = PaymentPlan(debtor=debtor, statement=statement, amount=amount, frequency=frequency, start_on=start_on,
                           method=method, total=owed, grace_days=grace_days, hold=hold, agreed_by=acting_user)
        save_attributed(plan, user=acting_user, reason=f"Payment plan agreed{': ' + note.strip() if note else ''}")
        Instalment.objects.bulk_create([
            Instalment(plan=plan, number=n, due_on=due, amount=amount if n < count else owed - amount * (count - 1))
            for n, due in enumerate(dates, start=1)])
    return plan


def paid_towards(plan: PaymentPlan, *, on: dt.date) -> Decimal:
    """What the debtor has paid since the plan was agreed, up to ``on``, less payments reversed by then."""
    agreed = timezone.localtime(plan.agreed_at).date()
    payments = Payment.objects.filter(debtor_id=plan.debtor_id, received_on__gte=agreed, received_on__lte=on).filter(
        Q(reversed_on__isnull=True) | Q(reversed_on__gt=on))
    return payments.aggregate(total=Sum("amount"))["total"] or ZERO


def first_unpaid(plan: PaymentPlan, *, on: dt.date) -> Instalment | None:
    """The earliest instalment due by ``on`` that the payments so far do not cover, or None."""
    paid = paid_towards(plan, on=on)
    due_so_far = ZERO
    for instalment in plan.instalments.filter(due_on__lte=on).order_by("number"):
        due_so_far += instalment.amount
        if due_so_far > paid:
            return instalment
    return None


def _job_actor():
    actor = current_actor()
    return actor.user if actor is not None and actor.user is not None else system_user()


def _end(plan: PaymentPlan, *, status: str, on: dt.date, note: str, by) -> None:
    """End the plan and release its hold (as the job: the hold service's rule is for officers)."""
    plan.status = status
    plan.ended_on = on
    plan.end_note = note
    save_attributed(plan, user=by, reason=note)
    hold = Hold.objects.select_for_update().get(pk=plan.hold_id)
    if hold.released_at is None:
        from debt_recovery.holds.services import _close_review_task

        _close_review_task(hold, by=by, outcome=f"Hold released: {note}")
        hold.released_by = by
        hold.released_at = timezone.now()
        hold.release_note = note
        save_attributed(hold, user=by, reason=f"Hold released: {note}")


def payment_plans_run(*, on: dt.date) -> dict:
    """The daily job: for each plan in force, a task for an instalment found missed (once per instalment),
    the plan broken once the grace period after it has passed unpaid (the hold released, so the ladder
    resumes), or the plan ended as paid in full. Safe to run again for the same day or after a crash:
    each change is a state on a row, made at most once."""
    by = _job_actor()
    summary = {"missed_tasks": 0, "broken": 0, "completed": 0}
    with transaction.atomic():
        plans = (PaymentPlan.objects.select_for_update(of=("self",), skip_locked=True)
                 .filter(status=PlanStatus.IN_FORCE, start_on__lte=on).select_related("debtor__client")
                 .order_by("pk"))
        for plan in plans:
            if paid_towards(plan, on=on) >= plan.total:
                _end(plan, status=PlanStatus.COMPLETED, on=on, note="Payment plan paid in full", by=by)
                summary["completed"] += 1
                continue
            missed = first_unpaid(plan, on=on)
            if missed is None:
                continue
            if missed.missed_task_id is None and missed.due_on < on:
                officer = recovery_officer_for(plan.debtor.client, on=on)
                if officer is not None:
                    task = Task(title=f"Missed instalment: {plan.debtor.name} ({plan.debtor.reference})",
                                details=(f"Instalment {missed.number} of £{missed.amount}, due {missed.due_on:%d %B %Y}, "
                                         f"has not been paid. Unless it is paid by "
                                         f"{missed.due_on + dt.timedelta(days=plan.grace_days):%d %B %Y} the plan "
                                         "breaks and recovery resumes. Contact the debtor."),
                                client=plan.debtor.client, assigned_to=officer,
                                due_date=on + dt.timedelta(days=MISSED_TASK_DUE_DAYS), status=TaskStatus.OPEN,
                                created_by=by)
                    task.subject = plan
                    save_attributed(task, user=by, reason="Payment plan instalment missed")
                    missed.missed_task = task
                    missed.save(update_fields=["missed_task"])
                    summary["missed_tasks"] += 1
            if on > missed.due_on + dt.timedelta(days=plan.grace_days):
                _end(plan, status=PlanStatus.BROKEN, on=on, by=by,
                     note=f"Payment plan broken: instalment {missed.number} due {missed.due_on:%d %B %Y} unpaid "
                          f"after {plan.grace_days} days' grace")
                summary["broken"] += 1
    return summary
