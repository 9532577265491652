"""Top-ups: agreements that someone pays the difference between the council's usual rate and a more
expensive care home, the four-weekly invoices for them, and following up a missed payment.

The rules (Care and Support Statutory Guidance Annex A; Charging Regulations reg 5):

- a third party (usually a relative, a contact on the record) pays; the resident may pay their own
  top-up only during the 12-week property disregard or under a deferred payment agreement;
- there must be a written agreement: an agreement is "waiting for the signed agreement" until its
  signed date is recorded (:func:`topup_agreement_sign`), and only then is it active and invoiced;
- the council stays liable to the care home for the whole fee, so a missed top-up is followed up:
  an invoice still unpaid :data:`MISSED_AFTER_DAYS` days after it was due is marked missed, and the
  client's charging officer is given a task about it, exactly once (:func:`topups_follow_up`, run
  every morning by :func:`charging.casework_tasks.topups_follow_up_daily`).

Invoices are four-weekly, in arrears: :func:`topup_invoices_raise` makes one invoice per agreement
per period (unique on the agreement and the period's first day, so running it twice raises nothing
more), for the weekly amount times the days of the period the agreement covers divided by seven, to
the penny (a whole period is exactly four weeks' top-up), due :data:`PAYMENT_TERMS_DAYS` days after
the period ends.

Each function is one thing an officer (or a job) does, keyword-only, atomic, writing its history
with a reason, refusing with a :class:`core.exceptions.ApplicationError` sentence (and then writing
nothing).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction

from charging.casework.choices import FirstPartyCase, TopUpInvoiceStatus, TopUpPayerKind, TopUpStatus
from charging.casework.models import TopUpAgreement, TopUpInvoice
from charging.assessments.choices import CareSetting
from charging.assessments.models import CarePackage
from charging.guards import _invalid, _reason, _require_client, _require_writer
from core.context import current_actor, system_user
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import save_attributed
from core.rules import require
from ledger.money import PENNY, to_money
from people.choices import Service, TaskStatus
from people.models import Client, Contact, Task, TeamMembership
from people.selectors import clients_visible_to, current_allocations, today

__all__ = [
    "MISSED_AFTER_DAYS",
    "PAYMENT_TERMS_DAYS",
    "PERIOD_DAYS",
    "charging_officer_for",
    "pro_rata",
    "topup_agreement_create",
    "topup_agreement_end",
    "topup_agreement_sign",
    "topup_invoice_record_missed",
    "topup_invoice_record_payment",
    "topup_invoices_raise",
    "topups_follow_up",
]

#: An invoicing period is four weeks.
PERIOD_DAYS = 28
#: An invoice is due this many days after its period ends.
PAYMENT_TERMS_DAYS = 14
#: An invoice still unpaid this many days after its due date is missed and followed up.
MISSED_AFTER_DAYS = 14
#: The charging officer is asked to follow a missed top-up up within this many days.
FOLLOW_UP_WITHIN_DAYS = 7

LIABILITY = ("The council remains liable to the care home for the whole fee, including the top-up: "
             "if the top-up is not paid the council still pays the home and recovers the top-up from the payer.")


def _date(value) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def pro_rata(*, weekly_amount: Decimal, days: int) -> Decimal:
    """The top-up for ``days`` days: the weekly amount times days / 7, to the penny (halves up)."""
    return (weekly_amount * days / 7).quantize(PENNY, rounding=ROUND_HALF_UP)


# --- agreements -----------------------------------------------------------------------------------

def topup_agreement_create(
    *,
    acting_user,
    client: Client,
    payer_kind: str,
    weekly_amount: Decimal | str | int,
    start_date: dt.date,
    provider_name: str = "",
    provider: Contact | None = None,
    payer: Contact | None = None,
    first_party_case: str = "",
    end_date: dt.date | None = None,
    care_package: CarePackage | None = None,
    notes: str = "",
    reason: str = "New top-up agreement",
) -> TopUpAgreement:
    """Record a top-up agreement, waiting for the signed written agreement.

    A third party must be one of the client's contacts; the resident may pay only in one of the
    permitted cases (:class:`FirstPartyCase`), which is recorded."""
    _require_writer(acting_user)
    reason = _reason(reason)
    errors: dict[str, list[str]] = {}
    if payer_kind == TopUpPayerKind.THIRD_PARTY:
        if payer is None:
            errors["payer"] = ["Choose who pays the top-up."]
        first_party_case = ""
    elif payer_kind == TopUpPayerKind.RESIDENT:
        payer = None
        if first_party_case not in (FirstPartyCase.PROPERTY_DISREGARD, FirstPartyCase.DEFERRED_PAYMENT):
            errors["first_party_case"] = [
                "A resident can pay their own top-up only during the 12-week property disregard or under a "
                "deferred payment agreement: choose which."]
    else:
        errors["payer_kind"] = ["Choose who pays the top-up."]
    try:
        amount = to_money(weekly_amount)
    except (TypeError, ValueError):
        errors["weekly_amount"] = ["Enter the weekly top-up in pounds and pence, such as 75.00."]
    else:
        if amount <= 0:
            errors["weekly_amount"] = ["The weekly top-up must be more than £0."]
        elif amount >= Decimal("1e8"):
            errors["weekly_amount"] = ["The weekly top-up is too large."]
    if not _date(start_date):
        errors["start_date"] = ["Give the date the top-up starts."]
    elif end_date is not None and end_date < start_date:
        errors["end_date"] = ["The end date must be on or after the start date."]
    if care_package is not None and (care_package.client_id != client.pk
                                     or care_package.setting != CareSetting.RESIDENTIAL):
        errors["care_package"] = ["Choose one of this client's care home placements."]
    name = (provider_name or "").strip() or (provider.name if provider is not None else "") or (
        care_package.provider_name if care_package is not None else "")
    if not name:
        errors["provider_name"] = ["Give the name of the care home."]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], code="invalid", extra=errors)
    with transaction.atomic():
        client = _require_client(acting_user, client)
        if payer is not None and not client.contact_links.filter(contact=payer).exists():
            raise _invalid("payer", "The payer must be one of the client's contacts: add them as a contact first.")
        agreement = TopUpAgreement(
            client=client, care_package=care_package, payer_kind=payer_kind, payer=payer,
            first_party_case=first_party_case, weekly_amount=amount, provider_name=name, provider=provider,
            start_date=start_date, end_date=end_date, notes=(notes or "").strip(), created_by=acting_user,
        )
        save_attributed(agreement, user=acting_user, reason=reason)
    return agreement


def _locked_agreement(agreement: TopUpAgreement) -> TopUpAgreement:
    return TopUpAgreement.objects.select_for_update().get(pk=agreement.pk)


def topup_agreement_sign(*, acting_user, agreement: TopUpAgreement, signed_on: dt.date,
                         reason: str = "Signed agreement received") -> TopUpAgreement:
    """Record that the signed written agreement has been received: the agreement becomes active and
    is invoiced from its start date."""
    _require_writer(acting_user)
    reason = _reason(reason)
    if not _date(signed_on):
        raise _invalid("signed_on", "Give the date the agreement was signed.")
    if signed_on > today():
        raise _invalid("signed_on", "The date the agreement was signed must be today or in the past.")
    with transaction.atomic():
        _require_client(acting_user, agreement.client)
        current = _locked_agreement(agreement)
        if current.status != TopUpStatus.AWAITING_AGREEMENT:
            raise ConflictError(f"This top-up agreement is already {current.get_status_display().lower()}.",
                                code="wrong_status")
        current.agreement_signed_on = signed_on
        current.status = TopUpStatus.ACTIVE
        save_attributed(current, user=acting_user, reason=reason)
    return current


def topup_agreement_end(*, acting_user, agreement: TopUpAgreement, end_date: dt.date, reason: str) -> TopUpAgreement:
    """End an active top-up (the resident moved or died, the payer stopped, the home's fee fell to the
    council's rate). Periods up to the end date are still invoiced, pro rata."""
    _require_writer(acting_user)
    reason = _reason(reason, "Say why the top-up is ending.")
    if not _date(end_date):
        raise _invalid("end_date", "Give the last day of the top-up.")
    with transaction.atomic():
        _require_client(acting_user, agreement.client)
        current = _locked_agreement(agreement)
        if current.status != TopUpStatus.ACTIVE:
            raise ConflictError("Only an active top-up can be ended.", code="wrong_status")
        if end_date < current.start_date:
            raise _invalid("end_date", "The end date must be on or after the start date.")
        current.end_date = end_date
        current.status = TopUpStatus.ENDED
        current.end_reason = reason
        save_attributed(current, user=acting_user, reason=f"Ended: {reason}")
    return current


# --- invoices -------------------------------------------------------------------------------------

def _job_or_leader(acting_user):
    """The user the invoices are raised by: a team leader, or the system user inside a job."""
    if acting_user is None:
        actor = current_actor()
        if actor is None or not actor.job_name or actor.user is None:
            raise PermissionDeniedError("Sign in to raise top-up invoices.")
        return actor.user, True
    _require_writer(acting_user)
    require(acting_user, "charging.raise_topup_invoices")
    return acting_user, False


def topup_invoices_raise(*, acting_user=None, period_start: dt.date, period_end: dt.date) -> dict:
    """Raise the invoices for one four-weekly period: one per signed agreement that covers any day
    of it, for the days it covers. Run by a team leader (for the clients they see) or by a job
    (``acting_user=None`` inside :func:`core.jobs.job_run`, for everyone).

    Running it again for the same period raises nothing more. An agreement already invoiced for a
    period overlapping this one is skipped and counted. Returns counts and the total raised."""
    user, is_job = _job_or_leader(acting_user)
    if not (_date(period_start) and _date(period_end)):
        raise _invalid("period_start", "Give the first and last days of the period.")
    if period_end < period_start:
        raise _invalid("period_end", "The period must end on or after the day it starts.")
    if (period_end - period_start).days + 1 > PERIOD_DAYS:
        raise _invalid("period_end", f"A top-up invoice covers at most {PERIOD_DAYS} days (four weeks).")
    agreements = TopUpAgreement.objects.filter(
        status__in=[TopUpStatus.ACTIVE, TopUpStatus.ENDED], start_date__lte=period_end,
    ).exclude(end_date__lt=period_start)
    if not is_job:
        agreements = agreements.filter(client__in=clients_visible_to(user=user))
    summary = {"raised": 0, "already_raised": 0, "overlapping": 0, "total": Decimal("0.00")}
    with transaction.atomic():
        for agreement in agreements.select_for_update(of=("self",)).order_by("pk"):
            existing = agreement.invoices.filter(period_start__lte=period_end, period_end__gte=period_start)
            same = [i for i in existing if i.period_start == period_start]
            if same:
                summary["already_raised"] += 1
                continue
            if existing:
                summary["overlapping"] += 1
                continue
            first = max(period_start, agreement.start_date)
            last = min(period_end, agreement.end_date or period_end)
            days = (last - first).days + 1
            invoice = TopUpInvoice(
                agreement=agreement, period_start=period_start, period_end=period_end, days=days,
                amount=pro_rata(weekly_amount=agreement.weekly_amount, days=days),
                due_date=period_end + dt.timedelta(days=PAYMENT_TERMS_DAYS), raised_by=user,
            )
            try:
                with transaction.atomic():
                    save_attributed(invoice, user=user, reason=f"Top-up invoice for {period_start:%d %B %Y} to {period_end:%d %B %Y}")
            except IntegrityError:  # raised at the same moment by someone else
                summary["already_raised"] += 1
                continue
            summary["raised"] += 1
            summary["total"] += invoice.amount
    summary["total"] = str(summary["total"])
    return summary


def _locked_invoice(acting_user, invoice: TopUpInvoice) -> TopUpInvoice:
    _require_client(acting_user, invoice.agreement.client)
    return TopUpInvoice.objects.select_for_update(of=("self",)).select_related("agreement__client").get(pk=invoice.pk)


def topup_invoice_record_payment(*, acting_user, invoice: TopUpInvoice, paid_on: dt.date,
                                 amount_paid: Decimal | str | int, reason: str = "Top-up payment received"
                                 ) -> TopUpInvoice:
    """Record that a top-up invoice has been paid in full (also a late payment of a missed one: its
    follow-up task stays for the officer to close)."""
    _require_writer(acting_user)
    reason = _reason(reason)
    if not _date(paid_on):
        raise _invalid("paid_on", "Give the date the payment was received.")
    if paid_on > today():
        raise _invalid("paid_on", "The date the payment was received must be today or in the past.")
    try:
        amount = to_money(amount_paid)
    except (TypeError, ValueError):
        raise _invalid("amount_paid", "Enter the amount paid in pounds and pence, such as 300.00.") from None
    with transaction.atomic():
        current = _locked_invoice(acting_user, invoice)
        if current.status == TopUpInvoiceStatus.PAID:
            raise ConflictError(f"This invoice was already paid on {current.paid_on:%d %B %Y}.", code="already_paid")
        if amount != current.amount:
            raise _invalid("amount_paid", f"The payment must be the invoice's full amount, £{current.amount:,}. "
                                          f"Record a part payment as a note and leave the invoice unpaid.")
        current.status = TopUpInvoiceStatus.PAID
        current.paid_on = paid_on
        current.amount_paid = amount
        save_attributed(current, user=acting_user, reason=reason)
    return current


def topup_invoice_record_missed(*, acting_user, invoice: TopUpInvoice, reason: str) -> TopUpInvoice:
    """Record that a top-up will not be paid (the payer said so, the direct debit was cancelled)
    before the morning job would notice: the invoice is missed and the client's charging officer is
    given the follow-up task now (once)."""
    _require_writer(acting_user)
    reason = _reason(reason, "Say why the top-up payment is missed.")
    with transaction.atomic():
        current = _locked_invoice(acting_user, invoice)
        if current.status != TopUpInvoiceStatus.DUE:
            raise ConflictError(f"This invoice is already {current.get_status_display().lower()}.",
                                code="wrong_status")
        current.status = TopUpInvoiceStatus.MISSED
        current.missed_reason = reason
        _follow_up(current, by=acting_user, on=today())
        save_attributed(current, user=acting_user, reason=f"Missed: {reason}")
    return current


# --- following up missed top-ups -------------------------------------------------------------------

def charging_officer_for(client: Client, *, on: dt.date | None = None):
    """Who follows up the client's charging work: the officer of their current charging allocation,
    else that team's leader; ``None`` if the client has no charging allocation with either."""
    allocation = (current_allocations(on=on).filter(client=client, service=Service.CHARGING)
                  .select_related("officer", "team").order_by("-start_date").first())
    if allocation is None:
        return None
    if allocation.officer is not None and allocation.officer.is_active:
        return allocation.officer
    leader = (TeamMembership.objects.filter(team=allocation.team, is_leader=True, user__is_active=True)
              .select_related("user").order_by("id").first())
    return leader.user if leader else None


def _follow_up(invoice: TopUpInvoice, *, by, on: dt.date) -> Task | None:
    """Give the client's charging officer a task about the missed invoice, unless it already has
    one. Writes the task itself (as ``people.services.task_create`` would) because a job's system user
    works with no team's clients. The caller saves the invoice."""
    if invoice.follow_up_task_id is not None:
        return None
    agreement = invoice.agreement
    client = agreement.client
    officer = charging_officer_for(client, on=on)
    if officer is None:
        return None
    task = Task(
        title=f"Follow up missed top-up: {client.display_name}, £{invoice.amount:,} due {invoice.due_date:%d %B %Y}",
        details=(f"The top-up invoice for {invoice.period_start:%d %B %Y} to {invoice.period_end:%d %B %Y} "
                 f"(£{invoice.amount:,}, payer: {agreement.payer_name}) has not been paid. "
                 f"Contact the payer and record the payment or agree what happens next. {LIABILITY}"),
        client=client, assigned_to=officer, due_date=on + dt.timedelta(days=FOLLOW_UP_WITHIN_DAYS),
        status=TaskStatus.OPEN, created_by=by,
    )
    task.subject = invoice
    save_attributed(task, user=by, reason="Missed top-up to follow up")
    invoice.follow_up_task = task
    return task


def topups_follow_up(on: dt.date) -> dict:
    """The daily job's work: every top-up invoice still unpaid :data:`MISSED_AFTER_DAYS` days after
    its due date is marked missed, and its client's charging officer gets a follow-up task, once.

    Safe to run twice: an invoice has at most one follow-up task (``follow_up_task``), so a rerun,
    or a rerun after a crash, creates none again. An invoice whose client has no charging officer
    (or team leader) to give it to is marked missed and tried again the next morning."""
    actor = current_actor()
    by = actor.user if actor is not None and actor.user is not None else system_user()
    cutoff = on - dt.timedelta(days=MISSED_AFTER_DAYS)
    summary = {"marked_missed": 0, "tasks_created": 0, "no_officer": 0}
    with transaction.atomic():
        waiting = (TopUpInvoice.objects.select_for_update(of=("self",), skip_locked=True)
                   .filter(status__in=[TopUpInvoiceStatus.DUE, TopUpInvoiceStatus.MISSED], due_date__lte=cutoff,
                           follow_up_task__isnull=True)
                   .select_related("agreement__client", "agreement__payer").order_by("due_date", "pk"))
        for invoice in waiting:
            changed = invoice.status == TopUpInvoiceStatus.DUE
            if changed:
                invoice.status = TopUpInvoiceStatus.MISSED
                invoice.missed_reason = f"Not paid {MISSED_AFTER_DAYS} days after it was due"
                summary["marked_missed"] += 1
            task = _follow_up(invoice, by=by, on=on)
            if task is None:
                summary["no_officer"] += 1
            else:
                summary["tasks_created"] += 1
            if changed or task is not None:
                save_attributed(invoice, user=by, reason=f"Missed top-up followed up on {on:%d %B %Y}")
    return summary
