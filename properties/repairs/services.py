"""Writing repairs: reporting one, its quotes, approval (a second person above the threshold),
completion, paying the invoice from the client's money, and the tasks for repairs left overdue.

Approval: the officer asks for approval of the chosen quote. Up to the threshold
(:func:`second_approval_above`) the officer may approve it themselves; above it someone else in the
property team that holds the case must. This module refuses it, and a CHECK constraint on the table
(``repair_second_person_above_threshold``) holds it too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from core.context import system_user
from core.exceptions import ApplicationError, PermissionDeniedError
from core.history import save_attributed
from core.rules import require
from ledger.choices import MoneyOutCategory
from ledger.client_money import client_payment_make
from people.choices import Service, TaskStatus
from people.models import Task, TeamMembership
from people.selectors import current_allocations, today
from properties.repairs.choices import OPEN_STATUSES, RepairStatus, Urgency
from properties.repairs.models import Repair, RepairQuote

#: Days to do a repair by, from its urgency. The council's own service standard (no statute sets them
#: for a private home): configurable as ``PROPERTY_REPAIR_DAYS``.
DEFAULT_REPAIR_DAYS = {Urgency.EMERGENCY: 1, Urgency.URGENT: 7, Urgency.ROUTINE: 28}


class RepairError(ApplicationError):
    code = "repair"


def second_approval_above() -> Decimal:
    """Repairs costing more than this need a second person's approval. The council's own figure:
    ``PROPERTY_REPAIR_SECOND_APPROVAL_ABOVE``, by default the client money second-person threshold
    (``CLIENT_MONEY_SECOND_PERSON_ABOVE``), so a repair and its payment are held alike."""
    value = getattr(settings, "PROPERTY_REPAIR_SECOND_APPROVAL_ABOVE", None)
    return Decimal(str(value if value is not None else settings.CLIENT_MONEY_SECOND_PERSON_ABOVE))


def repair_days() -> dict[str, int]:
    return {**DEFAULT_REPAIR_DAYS, **getattr(settings, "PROPERTY_REPAIR_DAYS", {})}


def money(value, field: str = "amount") -> Decimal:
    """An amount of more than £0.00, as an exact Decimal (never a float)."""
    if isinstance(value, float):
        raise RepairError("Amounts must be exact, never a float.", extra={field: ["Enter an amount in pounds."]})
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        raise RepairError("Enter an amount in pounds.", extra={field: ["Enter an amount in pounds."]}) from None
    if amount <= 0:
        raise RepairError("Enter an amount of more than £0.00.", extra={field: ["Enter more than £0.00."]})
    return amount


def not_future(day, field: str, what: str) -> dt.date:
    if not isinstance(day, dt.date):
        raise RepairError(f"Give the date {what}.", extra={field: [f"Give the date {what}."]})
    if day > today():
        raise RepairError(f"The date {what} cannot be in the future.", extra={field: ["It cannot be in the future."]})
    return day


def responsible_for(client, service: str = Service.PROPERTY):
    """Who a task about ``client`` goes to: the officer of the team of ``service`` holding the case,
    else that team's leader, else None."""
    allocation = (current_allocations().filter(client=client, service=service).select_related("officer", "team")
                  .order_by("-start_date", "-id").first())
    if allocation is None:
        return None
    if allocation.officer is not None and allocation.officer.is_active:
        return allocation.officer
    leader = TeamMembership.objects.filter(team=allocation.team, is_leader=True, user__is_active=True).first()
    return leader.user if leader else None


def _locked(repair: Repair) -> Repair:
    return Repair.objects.select_for_update(of=("self",)).select_related("home__client").get(pk=repair.pk)


def repair_report(*, acting_user, home, what: str, reported_on: dt.date, urgency: str, reported_by: str) -> Repair:
    """Record a repair reported on a client's property; it is due by its urgency's number of days."""
    require(acting_user, "properties.work_client", home)
    errors = {}
    if not (what or "").strip():
        errors["what"] = ["Say what is wrong."]
    if urgency not in Urgency.values:
        errors["urgency"] = ["Choose how urgent it is."]
    if not (reported_by or "").strip():
        errors["reported_by"] = ["Say who reported it."]
    if errors:
        raise RepairError("Check the repair.", extra=errors)
    reported_on = not_future(reported_on, "reported_on", "it was reported")
    repair = Repair(home=home, what=what.strip(), reported_on=reported_on, urgency=urgency,
                    reported_by=reported_by.strip(), recorded_by=acting_user,
                    due_by=reported_on + dt.timedelta(days=repair_days()[urgency]))
    with transaction.atomic():
        save_attributed(repair, user=acting_user, reason=f"Repair reported ({Urgency(urgency).label.lower()})")
    return repair


def quote_add(*, acting_user, repair: Repair, trades_person: str, amount, quoted_on: dt.date) -> RepairQuote:
    require(acting_user, "properties.work_client", repair)
    if not (trades_person or "").strip():
        raise RepairError("Give the trades person.", extra={"trades_person": ["Give the trades person."]})
    amount = money(amount)
    quoted_on = not_future(quoted_on, "quoted_on", "of the quote")
    with transaction.atomic():
        repair = _locked(repair)
        if repair.status != RepairStatus.REPORTED:
            raise RepairError("Quotes can be added only before approval is asked for.", code="not_reported")
        quote = RepairQuote(repair=repair, trades_person=trades_person.strip(), amount=amount, quoted_on=quoted_on,
                            recorded_by=acting_user)
        save_attributed(quote, user=acting_user, reason=f"Quote of £{amount:,} from {quote.trades_person}")
    return quote


def repair_approval_request(*, acting_user, repair: Repair, quote: RepairQuote) -> Repair:
    """Choose a quote and ask for approval of it. At or below the threshold the officer's request is
    their approval; above it the repair waits for someone else."""
    require(acting_user, "properties.work_client", repair)
    with transaction.atomic():
        repair = _locked(repair)
        if repair.status != RepairStatus.REPORTED:
            raise RepairError("Approval has already been asked for.", code="not_reported")
        if quote is None or quote.repair_id != repair.pk:
            raise RepairError("Choose one of this repair's quotes.", extra={"quote": ["Choose a quote."]})
        quote = RepairQuote.objects.select_for_update().get(pk=quote.pk)
        quote.chosen = True
        save_attributed(quote, user=acting_user, reason="Quote chosen")
        threshold = second_approval_above()
        repair.approval_requested_by, repair.approval_requested_at = acting_user, timezone.now()
        repair.approval_amount, repair.approval_threshold = quote.amount, threshold
        if quote.amount <= threshold:
            repair.status = RepairStatus.APPROVED
            repair.approved_by, repair.approved_at = acting_user, timezone.now()
            reason = f"Quote of £{quote.amount:,} approved by the officer (at or below £{threshold:,})"
        else:
            repair.status = RepairStatus.AWAITING_APPROVAL
            reason = f"Quote of £{quote.amount:,} waits for a second person's approval (above £{threshold:,})"
        save_attributed(repair, user=acting_user, reason=reason)
    return repair


def repair_approve(*, acting_user, repair: Repair) -> Repair:
    """A second person approves a repair above the threshold; never the person who asked."""
    require(acting_user, "properties.approve_repair", repair)
    with transaction.atomic():
        repair = _locked(repair)
        if repair.status != RepairStatus.AWAITING_APPROVAL:
            raise RepairError("This repair is not waiting for approval.", code="not_awaiting")
        if repair.approval_requested_by_id == acting_user.pk:
            raise PermissionDeniedError("You asked for this approval: someone else must give it.",
                                        code="own_request")
        repair.status = RepairStatus.APPROVED
        repair.approved_by, repair.approved_at = acting_user, timezone.now()
        save_attributed(repair, user=acting_user, reason="Repair approved by a second person")
    return repair


def repair_complete(*, acting_user, repair: Repair, completed_on: dt.date, notes: str = "") -> Repair:
    require(acting_user, "properties.work_client", repair)
    completed_on = not_future(completed_on, "completed_on", "it was completed")
    with transaction.atomic():
        repair = _locked(repair)
        if repair.status != RepairStatus.APPROVED:
            raise RepairError("Only an approved repair can be completed.", code="not_approved")
        if completed_on < repair.reported_on:
            raise RepairError("A repair cannot be completed before it was reported.",
                              extra={"completed_on": ["It cannot be before the date it was reported."]})
        repair.status, repair.completed_on = RepairStatus.COMPLETED, completed_on
        repair.completion_notes = (notes or "").strip()
        save_attributed(repair, user=acting_user, reason="Repair completed")
    return repair


def repair_invoice_pay(*, acting_user, repair: Repair, invoice_reference: str, amount, paid_on: dt.date) -> Repair:
    """Pay the chosen trades person's invoice from the client's money (OPG money out: home maintenance),
    once: the repair's own idempotency key means a second request pays nothing. The ledger's rules apply
    (enough money, the duplicate check, a second officer for large payments: a held payment is kept on
    the repair and the repair shows it as held). No more than the approved amount."""
    require(acting_user, "properties.work_client", repair)
    amount = money(amount)
    paid_on = not_future(paid_on, "paid_on", "of the payment")
    invoice_reference = " ".join((invoice_reference or "").split())
    if not invoice_reference:
        raise RepairError("Give the invoice's reference.", extra={"invoice_reference": ["Give the reference."]})
    with transaction.atomic():
        repair = _locked(repair)
        if repair.payment_id is not None:
            return repair
        if repair.status != RepairStatus.COMPLETED:
            raise RepairError("Pay the invoice once the repair is completed.", code="not_completed")
        if amount > repair.approval_amount:
            raise RepairError(f"The invoice is more than the £{repair.approval_amount:,} approved: ask for approval "
                              "of the difference first.", extra={"amount": ["More than was approved."]})
        quote = repair.chosen_quote
        payment = client_payment_make(
            acting_user=acting_user, client=repair.client, amount=amount, effective_date=paid_on,
            category=MoneyOutCategory.HOME_MAINTENANCE, payee=quote.trades_person, reference=invoice_reference,
            memo=f"Repair at {repair.home}: {repair.what[:100]}",
            idempotency_key=f"property-repair-invoice:{repair.pk}")
        repair.payment, repair.invoice_reference, repair.status = payment, invoice_reference, RepairStatus.PAID
        save_attributed(repair, user=acting_user, reason=f"Invoice {invoice_reference} paid from the client's money")
    return repair


def repair_cancel(*, acting_user, repair: Repair, reason: str) -> Repair:
    require(acting_user, "properties.work_client", repair)
    if not (reason or "").strip():
        raise RepairError("Say why.", extra={"reason": ["Say why the repair is cancelled."]})
    with transaction.atomic():
        repair = _locked(repair)
        if repair.status not in OPEN_STATUSES:
            raise RepairError("Only an open repair can be cancelled.", code="not_open")
        repair.status, repair.cancelled_because = RepairStatus.CANCELLED, reason.strip()
        save_attributed(repair, user=acting_user, reason=f"Repair cancelled: {reason.strip()}")
    return repair


def task_once(*, by, title: str, client, assigned_to, due: dt.date, subject, details: str = "") -> Task | None:
    """A task about ``subject`` for ``assigned_to``, made once: none is made while one with the same title
    about the same record exists. For the scheduled jobs and services that raise work for someone else."""
    kind = ContentType.objects.get_for_model(subject)
    if Task.objects.filter(content_type=kind, object_id=subject.pk, title=title[:200]).exists():
        return None
    task = Task(title=title[:200], details=details, client=client, assigned_to=assigned_to, due_date=due,
                status=TaskStatus.OVERDUE if due < today() else TaskStatus.OPEN, created_by=by,
                content_type=kind, object_id=subject.pk)
    save_attributed(task, user=by, reason="Task created")
    return task


def overdue_repair_tasks_create(*, on: dt.date) -> dict:
    """A task for each open repair past its due date, to the officer holding the case (one per repair)."""
    by = system_user()
    made = 0
    overdue = Repair.objects.filter(status__in=OPEN_STATUSES, due_by__lt=on).select_related("home__client")
    for repair in overdue:
        person = responsible_for(repair.client)
        if person is None:
            continue
        made += task_once(by=by, title=f"Repair overdue at {repair.home.address_line_1} (repair {repair.pk})",
                          assigned_to=person, due=on, client=repair.client, subject=repair,
                          details=f"Due by {repair.due_by:%d %B %Y} ({repair.get_urgency_display().lower()}): "
                                  f"{repair.what}") is not None
    return {"tasks": made}
