"""The charging run: four-weekly invoices in arrears, posted to the ledger exactly once.

**Calendar** (``charging.run.periods``): 28-day periods, Monday to Sunday, anchored on Monday 6 April 2026
(``2026-P01``), 13 to a charging year. A period is charged once it has ended.

**What a person is charged for a period** (:func:`period_pieces`, :func:`period_due`, pure): every
day of the period, the weekly charge of the assessment in force that day, divided by 7 - for each
setting (residential, non-residential) the approved or superseded assessment in force that day
(from its ``effective_from`` up to the day before its ``replaced_from``), only while
its care package runs (start to end date) and never after the person's date of death (the day of
death is charged). The sum is exact (``Decimal``) and rounded half up to the penny once, per person
per period. Part weeks, care starting or ending mid-period, a new assessment mid-period and death
mid-period all fall out of the same rule.

**Posting** (:func:`charging_run_clients`): Dr the person's care-charge receivable
(``ledger.receivables``: client-owned, CARE_CHARGE_RECEIVABLE) / Cr the council's CHARGING_INCOME,
dated the period's last day, idempotency key ``charge:<client>:<period>``. Each run looks at every
period from the person's first charge (not before ``settings.CHARGING_RUN_FROM``, the first period the
council charges through this system) to the period being run, and compares what is due with what has
been charged (:class:`charging.models.PeriodCharge`): a period never charged is charged in full (this
is how a backdated first assessment's earlier weeks reach the first invoice: each earlier period
under its own key); a period charged differently from what is now due (a backdated lower charge, an
end date or a death recorded late) gets an adjustment, ``charge:<client>:<period>:<n>``, for the
difference. So the amounts reconcile with ``Assessment.backdated_amount``, and a repeat of the run, or
a run after a crash half way, posts nothing twice: each chunk of clients is one database transaction
(locked, so two runs at once queue), and every output is unique (ledger key, (client, period,
sequence), one invoice per client and period).

**The invoice** (:class:`charging.models.Invoice`, ``DocumentKind.CHARGE_INVOICE``): the run's new
charges for the person, line by line ("6 Apr to 19 Apr: 2 weeks at £143.85 a week"), the total and how
to pay; its PDF is made by a worker. Charges made when the period's invoice already exists go on the
next period's invoice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q, Sum
from django.db.models.functions import Least
from django.utils import timezone

from charging.assessments.backdating import gbp, weeks_and_days
from charging.assessments.choices import AssessmentStatus
from charging.assessments.models import Assessment
from charging.run.models import Invoice, PeriodCharge, charge_key
from charging.run.periods import (
    ANCHOR,
    Period,
    day_month,
    period_from_label,
    periods_between,
    periods_ended_by,
)
from core.context import current_actor, system_user
from core.exceptions import ApplicationError
from core.history import insert_with_history, update_with_history
from core.models import JobRun
from documents.choices import DocumentKind
from documents.services import document_request_for_job
from ledger.choices import TransactionKind
from ledger.money import ZERO, round_money
from ledger.receivables import care_charge_accounts_open, charging_income_account
from ledger.services import NewTransaction, PostingLine, transactions_post
from people.models import Client

JOB = "charging-run"
CHUNK_SIZE = 500
DAYS_IN_WEEK = 7


# --- the calculation (pure) ---------------------------------------------------------------------------

@dataclass(frozen=True)
class AssessedCharge:
    """An approved (or superseded) assessment, as the run needs it."""

    assessment_id: int
    setting: str
    weekly_charge: Decimal
    effective_from: dt.date
    approved_at: dt.datetime
    care_start: dt.date
    care_end: dt.date | None
    #: The day the next approved assessment takes effect (``Assessment.replaced_from``).
    replaced_from: dt.date | None = None


@dataclass(frozen=True)
class Span:
    """Days (inclusive) on which one weekly charge is in force for one setting."""

    setting: str
    weekly_charge: Decimal
    start: dt.date
    end: dt.date | None
    assessment_id: int


@dataclass(frozen=True)
class Piece:
    """Part of a period charged at one weekly charge: ``days`` days from ``start`` to ``end``."""

    setting: str
    weekly_charge: Decimal
    start: dt.date
    end: dt.date
    assessment_id: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def exact(self) -> Decimal:
        """weekly x days / 7, unrounded."""
        return self.weekly_charge * self.days / DAYS_IN_WEEK

    def text(self) -> str:
        return f"{day_month(self.start)} to {day_month(self.end)}: {weeks_and_days(self.days)} at " \
               f"{gbp(self.weekly_charge)} a week"

    def as_dict(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "days": self.days,
                "setting": self.setting, "weekly_charge": str(self.weekly_charge),
                "amount": str(round_money(self.exact)), "text": self.text(), "assessment": self.assessment_id}


def charge_spans(charges: list[AssessedCharge], *, date_of_death: dt.date | None) -> list[Span]:
    """The days each weekly charge is in force, per setting, cut to its care package and the date
    of death. An assessment is in force up to the day before its ``replaced_from`` (one replaced
    before it began is never in force); without one (plain figures, as the tests give), up to the day
    before the next assessment's start."""
    spans: list[Span] = []
    by_setting: dict[str, list[AssessedCharge]] = defaultdict(list)
    for charge in charges:
        by_setting[charge.setting].append(charge)
    for setting, items in by_setting.items():
        items.sort(key=lambda c: (c.effective_from, c.approved_at, c.assessment_id))
        items = [c for c in items if c.replaced_from is None or c.replaced_from > c.effective_from]
        for i, charge in enumerate(items):
            start = max(charge.effective_from, charge.care_start)
            ends = [c for c in (charge.care_end, date_of_death) if c is not None]
            if charge.replaced_from is not None:
                ends.append(charge.replaced_from - dt.timedelta(days=1))
            elif i + 1 < len(items):
                ends.append(items[i + 1].effective_from - dt.timedelta(days=1))
            end = min(ends) if ends else None
            if end is not None and end < start:
                continue
            spans.append(Span(setting, charge.weekly_charge, start, end, charge.assessment_id))
    return spans


def period_pieces(spans: list[Span], period: Period) -> list[Piece]:
    pieces = []
    for span in spans:
        start = max(span.start, period.start)
        end = period.end if span.end is None else min(span.end, period.end)
        if start <= end:
            pieces.append(Piece(span.setting, span.weekly_charge, start, end, span.assessment_id))
    return sorted(pieces, key=lambda p: (p.start, p.setting))


def period_due(pieces: list[Piece]) -> Decimal:
    """The charge for the pieces: the exact sum, rounded half up to the penny once."""
    return round_money(sum((p.weekly_charge * p.days for p in pieces), ZERO) / DAYS_IN_WEEK)


@dataclass
class NewCharge:
    client_id: int
    period: Period
    sequence: int
    amount: Decimal
    due: Decimal
    already: Decimal
    pieces: list[Piece] = field(default_factory=list)

    @property
    def key(self) -> str:
        return charge_key(self.client_id, self.period.label, self.sequence)

    def lines(self) -> dict:
        if self.sequence == 0:
            title = f"Care charges, {self.period.describe()}"
        else:
            title = (f"Change to the care charges for {self.period.describe()}: now {gbp(self.due)}, "
                     f"already charged {gbp(self.already)}")
        return {"period": self.period.label, "period_start": self.period.start.isoformat(),
                "period_end": self.period.end.isoformat(), "title": title, "sequence": self.sequence,
                "amount": str(self.amount), "pieces": [p.as_dict() for p in self.pieces]}


@dataclass(frozen=True)
class InvoiceParts:
    """An invoice's lines split into the period it is for and earlier periods (charged for the first
    time late, or charged again), with their totals. ``total`` is the invoice's amount: the run stores
    it and the letter prints it, from this one calculation."""

    this_period: list[dict]
    earlier: list[dict]
    this_period_total: Decimal
    earlier_total: Decimal
    #: The first day charged among the earlier lines (their first piece, else their period's start).
    earlier_from: dt.date | None

    @property
    def total(self) -> Decimal:
        return self.this_period_total + self.earlier_total


def invoice_parts(lines: list[dict], *, period_start: dt.date) -> InvoiceParts:
    """Split an invoice's ``lines`` (as :meth:`NewCharge.lines` makes them) by period (pure)."""
    this_period = [line for line in lines if dt.date.fromisoformat(line["period_start"]) == period_start]
    earlier = sorted((line for line in lines if dt.date.fromisoformat(line["period_start"]) != period_start),
                     key=lambda line: (line["period_start"], line.get("sequence", 0)))
    starts = [dt.date.fromisoformat(piece["from"]) for line in earlier for piece in line.get("pieces", [])]
    starts += [dt.date.fromisoformat(line["period_start"]) for line in earlier if not line.get("pieces")]
    return InvoiceParts(
        this_period=this_period, earlier=earlier,
        this_period_total=sum((Decimal(line["amount"]) for line in this_period), ZERO),
        earlier_total=sum((Decimal(line["amount"]) for line in earlier), ZERO),
        earlier_from=min(starts) if starts else None,
    )


def charges_due(*, spans: list[Span], period: Period, first_period_from: dt.date,
                charged: dict[dt.date, tuple[Decimal, int]], client_id: int) -> list[NewCharge]:
    """For one person: what to post for each period up to ``period`` (pure). ``charged`` maps a
    period's start to (amount charged so far, last sequence)."""
    if not spans:
        return []
    first = max(first_period_from, min(s.start for s in spans))
    new = []
    for p in periods_between(first, period.end):
        pieces = period_pieces(spans, p)
        due = period_due(pieces)
        already, last = charged.get(p.start, (None, -1))
        if already is None:
            if due:
                new.append(NewCharge(client_id, p, 0, due, due, ZERO, pieces))
        elif due != already:
            new.append(NewCharge(client_id, p, last + 1, due - already, due, already, pieces))
    return new


# --- the service --------------------------------------------------------------------------------------

def first_chargeable_day() -> dt.date:
    return getattr(settings, "CHARGING_RUN_FROM", ANCHOR)


def _acting_user():
    actor = current_actor()
    return actor.user if actor is not None and actor.user is not None else system_user()


def charging_run_candidates(*, period: Period) -> list[int]:
    """The clients the run for ``period`` looks at: everyone with an assessment in force on some day
    of the period, or before it and still: approved or since superseded, started by the period's end,
    not replaced before the period began. (An assessment replaced from a day after the period, by
    one that has since taken effect, is superseded but was in force during the period.)"""
    return sorted(set(Assessment.objects.filter(
        Q(replaced_from__isnull=True) | Q(replaced_from__gt=period.start),
        status__in=[AssessmentStatus.APPROVED, AssessmentStatus.SUPERSEDED], effective_from__lte=period.end)
        .values_list("client_id", flat=True)))


def _assessed_charges(client_ids: list[int]) -> dict[int, list[AssessedCharge]]:
    rows = (Assessment.objects.filter(client_id__in=client_ids, effective_from__isnull=False,
                                      status__in=[AssessmentStatus.APPROVED, AssessmentStatus.SUPERSEDED])
            .values_list("client_id", "pk", "setting", "weekly_charge", "effective_from", "approved_at",
                         "care_package__start_date", "care_package__end_date", "replaced_from"))
    found: dict[int, list[AssessedCharge]] = defaultdict(list)
    for client_id, pk, setting, weekly, effective_from, approved_at, care_start, care_end, replaced in rows:
        found[client_id].append(AssessedCharge(pk, setting, weekly, effective_from, approved_at, care_start, care_end,
                                               replaced))
    return found


def charging_run_clients(*, period: Period, client_ids: list[int], on: dt.date | None = None) -> dict:
    """Charge these clients for ``period`` and every earlier period not yet charged (or charged
    differently from what is now due): one database transaction, posting each charge once.

    Unique outputs: ledger keys ``charge:<client>:<period>[:<n>]``, :class:`PeriodCharge` (client,
    period, sequence), one :class:`Invoice` per client and period, one document per invoice
    (request key ``charge-invoice:<client>:<period>``). The clients are locked first, so a second
    run of the same clients waits and then finds nothing left to do.
    """
    user = _acting_user()
    floor = first_chargeable_day()
    summary = {"clients": 0, "charges": 0, "adjustments": 0, "invoices": 0, "total": "0.00",
               "invoices_without_letter": []}
    with transaction.atomic():
        clients = {c.pk: c for c in Client.objects.select_for_update(no_key=True, of=("self",))
                   .filter(pk__in=client_ids).order_by("pk").only("pk", "date_of_death", "first_name", "last_name",
                                                                    "council_reference")}
        ids = sorted(clients)
        assessed = _assessed_charges(ids)
        charged: dict[int, dict[dt.date, tuple[Decimal, int]]] = defaultdict(dict)
        for client_id, start, total, last in (PeriodCharge.objects.filter(client_id__in=ids)
                                              .values("client_id", "period_start")
                                              .annotate(total=Sum("amount"), last=Max("sequence"))
                                              .values_list("client_id", "period_start", "total", "last")):
            charged[client_id][start] = (total, last)
        new: list[NewCharge] = []
        for client_id in ids:
            spans = charge_spans(assessed.get(client_id, []), date_of_death=clients[client_id].date_of_death)
            new.extend(charges_due(spans=spans, period=period, first_period_from=floor,
                                   charged=charged[client_id], client_id=client_id))
        summary["clients"] = len(ids)
        if not new:
            return summary

        # The ledger: one transaction per charge, all in one round trip.
        accounts = care_charge_accounts_open(acting_user=user, client_ids=sorted({c.client_id for c in new}))
        income = charging_income_account(acting_user=user)
        posted = transactions_post(acting_user=user, transactions=[
            NewTransaction(
                effective_date=c.period.end, kind=TransactionKind.CHARGE, idempotency_key=c.key,
                memo=(f"Care charges {c.period.describe()}" if c.sequence == 0
                      else f"Change to care charges {c.period.describe()}"),
                postings=[PostingLine(accounts[c.client_id], c.amount), PostingLine(income, -c.amount)],
            )
            for c in new
        ])

        # The invoices: this run's new charges, and any left uninvoiced earlier.
        by_client: dict[int, list[NewCharge]] = defaultdict(list)
        for c in new:
            by_client[c.client_id].append(c)
        invoiced_already = set(Invoice.objects.filter(client_id__in=list(by_client), period_start=period.start)
                               .values_list("client_id", flat=True))
        earlier = defaultdict(list)
        for pc in PeriodCharge.objects.filter(client_id__in=list(by_client), invoice__isnull=True).order_by(
                "period_start", "sequence"):
            earlier[pc.client_id].append(pc)
        invoices = []
        for client_id, charges in by_client.items():
            if client_id in invoiced_already:
                continue
            lines = [{**pc.lines, "amount": str(pc.amount)} for pc in earlier[client_id]] + [c.lines() for c in charges]
            amount = invoice_parts(lines, period_start=period.start).total
            invoice = Invoice(client_id=client_id, period=period.label, period_start=period.start,
                              period_end=period.end, amount=amount, lines=lines, created_at=timezone.now())
            try:
                with transaction.atomic():
                    invoice.document = document_request_for_job(
                        requested_by=user, client=clients[client_id], kind=DocumentKind.CHARGE_INVOICE,
                        request_key=f"charge-invoice:{client_id}:{period.label}",
                        letter_args={"invoice": invoice}, on=on)
            except ApplicationError as exc:  # e.g. no address to post it to: the charge still stands
                summary["invoices_without_letter"].append({"client": client_id, "reason": str(exc)})
            invoice.document_id = invoice.document.pk if invoice.document else None
            invoices.append(invoice)
        if invoices:
            insert_with_history(Invoice, invoices, user=user, reason=f"Invoice for {period.describe()}")
        invoice_ids = dict(Invoice.objects.filter(client_id__in=list(by_client), period_start=period.start)
                           .values_list("client_id", "pk"))
        fresh = {i.client_id for i in invoices}
        insert_with_history(PeriodCharge, [
            PeriodCharge(client_id=c.client_id, period=c.period.label, period_start=c.period.start,
                         sequence=c.sequence, amount=c.amount, lines=c.lines(), transaction_id=txn.pk,
                         invoice_id=invoice_ids[c.client_id] if c.client_id in fresh else None,
                         created_at=timezone.now())
            for c, txn in zip(new, posted)
        ], user=user, reason=f"Charged in the run for {period.describe()}")
        relink = [(pc.pk, invoice_ids[client_id]) for client_id in fresh for pc in earlier[client_id]]
        if relink:
            update_with_history(
                PeriodCharge, set_sql="invoice_id = v.invoice_id", params=[],
                from_sql="unnest(%s::bigint[], %s::bigint[]) AS v(id, invoice_id)",
                from_params=[[pk for pk, _ in relink], [invoice for _, invoice in relink]],
                user=user, reason=f"On the invoice for {period.describe()}")
        summary.update(
            charges=sum(1 for c in new if c.sequence == 0), adjustments=sum(1 for c in new if c.sequence),
            invoices=len(invoices), total=str(sum((c.amount for c in new), ZERO)),
        )
    return summary


def charging_run_chunk(*, period_label: str, client_ids: list[int]) -> dict:
    """One chunk of a run (a worker's task): charge the clients and count them as done."""
    period = period_from_label(period_label)
    with transaction.atomic():
        summary = charging_run_clients(period=period, client_ids=client_ids)
        JobRun.objects.filter(job=JOB, period=period_label).update(done=Least(F("done") + len(client_ids), F("total")))
    return summary


def charging_run_period(*, period: Period, run: JobRun | None = None, chunk_size: int = CHUNK_SIZE,
                        send=None) -> dict:
    """The run for one period: the clients to look at, in chunks of ``chunk_size``. With ``send``
    (the task's), each chunk goes to a worker; without, the chunks run here one after another.
    Progress is the JobRun's ``done`` / ``total``."""
    ids = charging_run_candidates(period=period)
    chunks = [ids[i:i + chunk_size] for i in range(0, len(ids), chunk_size)]
    if run is not None:  # the caller's JobRun is saved when the work returns: keep it in step
        run.total, run.done = len(ids), 0
        JobRun.objects.filter(pk=run.pk).update(total=len(ids), done=0)
    totals = {"clients": len(ids), "chunks": len(chunks)}
    for chunk in chunks:
        if send is not None:
            send(period.label, chunk)
        else:
            result = charging_run_chunk(period_label=period.label, client_ids=chunk)
            for key in ("charges", "adjustments", "invoices"):
                totals[key] = totals.get(key, 0) + result[key]
            if run is not None:
                run.done += len(chunk)
    return totals


def periods_to_run(*, on: dt.date) -> list[Period]:
    """Every period that has ended by ``on`` since charging began, whose run has not succeeded."""
    done = set(JobRun.objects.filter(job=JOB, status=JobRun.Status.SUCCEEDED).values_list("period", flat=True))
    return [p for p in periods_ended_by(on, since=first_chargeable_day()) if p.label not in done]


def client_invoices(*, client):
    """The client's invoices, newest first, with their documents (the caller has checked access)."""
    return Invoice.objects.filter(client=client).select_related("document").order_by("-period_start")


def charging_run_progress(*, period_label: str) -> dict | None:
    """The run of a period as the team leader sees it: status, done / total, the summary."""
    run = JobRun.objects.filter(job=JOB, period=period_label).first()
    if run is None:
        return None
    return {"period": run.period, "status": run.status, "done": run.done, "total": run.total,
            "attempts": run.attempts, "summary": run.summary, "error": run.error}
