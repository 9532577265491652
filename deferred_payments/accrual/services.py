"""The daily accrual run: weekly deferred amounts, administration fees and interest posted to each agreement's
debt account, exactly once, with equity warnings and the projected date the equity limit is reached.

What is posted, and when (``docs/deferred-payment-interest.md`` has the reasons):

* **Deferrals**: week *k* runs from ``deferral_allowed_from + 7k`` for seven days; its amount is the
  ``WeeklyDeferral`` in force on the week's first day, posted dated the week's last day, once that day has
  come, while the agreement is active (and not for a week starting after ``ended_on``). It is capped so that
  what counts towards the equity limit (deferrals, and interest and fees where the terms say so) never passes
  the limit; after that nothing more is deferred, while interest and fees go on.
  Debit the debt account, credit the council's care charging income: the deferred part of the charge is
  income the council has earned and lent, owed under the agreement instead of on the care charges account.
* **Fees**: each :class:`FeeScheduleItem` in force on its due date: a set-up fee on ``starts_on``, an annual
  fee on each anniversary of it; debit the debt account, credit fee income.
* **Interest**: for each six-month period (1 January-30 June, 1 July-31 December; the first from
  ``starts_on``) once it has ended, worked out by :func:`deferred_payments.interest.calculator.accrue` over
  the debt account's movements, posted dated the period's last day; debit the debt account, credit interest
  income. Periods are posted in order; a period with no published national rate stops the agreement's
  interest there and tells a team leader (once per period), and the next run after the rate is entered
  posts what was held back.

Each output is unique: an :class:`AccrualPosting` per key (also the ledger idempotency key), an
:class:`EquityWarning` per (agreement, threshold). Agreements are worked in chunks, one database
transaction each, so a crash leaves whole chunks done and the rerun does the rest.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from core.history import insert_with_history, save_attributed, update_with_history
from deferred_payments.accrual.choices import AccrualKind, FeeKind
from deferred_payments.accrual.models import AccrualPosting, EquityPosition, EquityWarning, FeeScheduleItem
from deferred_payments.agreements.choices import AgreementStatus, RateKind
from deferred_payments.agreements.models import Agreement, WeeklyDeferral
from deferred_payments.agreements.services import debt_account_open
from deferred_payments.interest.calculator import (
    Convention,
    MissingRate,
    Movement,
    RatePeriod,
    accrue,
    projected_limit_date,
)
from deferred_payments.rates.selectors import half_year_of
from ledger.choices import AccountKind, OwnerKind, Purpose, TransactionKind
from ledger.models import Account, Posting
from ledger.money import ZERO
from ledger.receivables import charging_income_account
from ledger.services import NewTransaction, PostingLine, transactions_post

CHUNK_SIZE = 500
#: Equity warnings, per cent of the limit (``DPA_EQUITY_WARNING_THRESHOLDS`` in the settings); 100 always
#: follows: the limit is reached and deferral stops.
DEFAULT_THRESHOLDS = (70, 90)
ACCRUING = (AgreementStatus.ACTIVE, AgreementStatus.ENDING)
FIXED_RATE_END = dt.date(9999, 12, 31)


def thresholds() -> tuple[int, ...]:
    chosen = tuple(sorted({int(t) for t in getattr(settings, "DPA_EQUITY_WARNING_THRESHOLDS", DEFAULT_THRESHOLDS)
                           if 0 < int(t) < 100}))
    return chosen + (100,)


def _council_account(*, acting_user, purpose: str, name: str) -> Account:
    account = Account.objects.filter(purpose=purpose, owner_kind=OwnerKind.COUNCIL).order_by("id").first()
    if account is not None:
        return account
    with transaction.atomic():
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"ledger.{purpose}"])
        account = Account.objects.filter(purpose=purpose, owner_kind=OwnerKind.COUNCIL).first()
        if account is None:
            account = Account(name=name, kind=AccountKind.INCOME, owner_kind=OwnerKind.COUNCIL, purpose=purpose)
            save_attributed(account, user=acting_user, reason=f"{name} account opened")
    return account


@dataclass(frozen=True)
class CouncilAccounts:
    deferral: Account
    fee: Account
    interest: Account


def council_accounts(*, acting_user) -> CouncilAccounts:
    return CouncilAccounts(
        deferral=charging_income_account(acting_user=acting_user),
        fee=_council_account(acting_user=acting_user, purpose=Purpose.FEE_INCOME, name="Fee income"),
        interest=_council_account(acting_user=acting_user, purpose=Purpose.INTEREST_INCOME, name="Interest income"),
    )


def convention_of(agreement: Agreement) -> Convention:
    return Convention(agreement.compounding, agreement.day_basis)


def rates_for(agreement: Agreement, national: list[RatePeriod]) -> list[RatePeriod]:
    """The rates the agreement charges: the national maximum periods, or its fixed lower rate throughout."""
    if agreement.rate_kind == RateKind.FIXED:
        return [RatePeriod(dt.date(1900, 1, 1), FIXED_RATE_END, agreement.fixed_rate)]
    return national


def _anniversary(start: dt.date, years: int) -> dt.date:
    year = start.year + years
    return dt.date(year, start.month, min(start.day, calendar.monthrange(year, start.month)[1]))


def deferral_key(agreement_id: int, week_start: dt.date) -> str:
    return f"dpa-deferral:{agreement_id}:{week_start.isoformat()}"


def fee_key(agreement_id: int, fee_id: int, due: dt.date) -> str:
    return f"dpa-fee:{agreement_id}:{fee_id}:{due.isoformat()}"


def interest_key(agreement_id: int, start: dt.date) -> str:
    return f"dpa-interest:{agreement_id}:{start.isoformat()}"


@dataclass
class Entry:
    """One movement on the debt account, ours (an accrual) or another part's (a payment, a legal fee)."""

    on: dt.date
    kind: str  # deferral, fee, interest, payment
    amount: Decimal


@dataclass
class Plan:
    """What one agreement needs posted now, and where it then stands."""

    postings: list[AccrualPosting] = field(default_factory=list)
    missing_rate: dt.date | None = None
    counted: Decimal = ZERO
    balance: Decimal = ZERO
    interest_total: Decimal = ZERO
    fees_total: Decimal = ZERO
    deferral_stopped_on: dt.date | None = None
    weekly_now: Decimal = ZERO
    next_week: dt.date | None = None


def _counted(agreement: Agreement, totals: dict) -> Decimal:
    counted = totals["deferral"] + totals["payment"]
    if agreement.fees_count_to_limit:
        counted += totals["fee"]
    if agreement.interest_counts_to_limit:
        counted += totals["interest"]
    return counted


def agreement_plan(*, agreement: Agreement, on: dt.date, existing: list[AccrualPosting], others: list[Entry],
                   weekly: list[WeeklyDeferral], fees: list[FeeScheduleItem], national: list[RatePeriod]) -> Plan:
    """Work out, without writing, what the run posts for ``agreement`` up to ``on``: pure apart from building
    unsaved rows. ``existing`` are its earlier accrual postings, ``others`` the other movements on its debt
    account."""
    plan = Plan()
    done = {p.key for p in existing}
    start = agreement.starts_on
    candidates: list[tuple[dt.date, int, str, object]] = []  # (posted on, order, kind, detail)
    weekly = sorted(weekly, key=lambda w: w.effective_from)
    if agreement.status == AgreementStatus.ACTIVE and agreement.deferral_allowed_from:
        week = agreement.deferral_allowed_from
        while week + dt.timedelta(days=6) <= on and (agreement.ended_on is None or week <= agreement.ended_on):
            if deferral_key(agreement.pk, week) not in done:
                candidates.append((week + dt.timedelta(days=6), 1, "deferral", week))
            week += dt.timedelta(days=7)
        plan.next_week = week
    for item in fees:
        dues = [start] if item.kind == FeeKind.SET_UP else []
        if item.kind == FeeKind.ANNUAL:
            years = 1
            while _anniversary(start, years) <= on:
                dues.append(_anniversary(start, years))
                years += 1
        for due in dues:
            if due <= on and item.effective_from <= due and (item.effective_to is None or due <= item.effective_to) \
                    and fee_key(agreement.pk, item.pk, due) not in done:
                candidates.append((due, 0, "fee", (item, due)))
    half_start = half_year_of(start)[0]
    while True:
        period_start = max(half_start, start)
        period_end = half_year_of(half_start)[1]
        if period_end >= on:
            break
        if interest_key(agreement.pk, period_start) not in done:
            candidates.append((period_end, 2, "interest", (period_start, period_end)))
        half_start = period_end + dt.timedelta(days=1)
    # Walk the debt account in date order: what is already there, and each new posting as it falls due.
    timeline: list[tuple[dt.date, int, Entry | None, tuple | None]] = (
        [(p.posted_on, {"fee": 0, "deferral": 1, "interest": 2}[p.kind], Entry(p.posted_on, p.kind, p.amount), None)
         for p in existing]
        + [(e.on, 0, e, None) for e in others]
        + [(c[0], c[1], None, c) for c in candidates])
    timeline.sort(key=lambda t: (t[0], t[1]))
    entries: list[Entry] = []
    totals = defaultdict(lambda: ZERO)
    limit = agreement.equity_limit
    interest_blocked = False
    for posted_on, _order, entry, candidate in timeline:
        if entry is None:
            kind = candidate[2]
            if kind == "deferral":
                week = candidate[3]
                amount = ZERO
                for w in weekly:
                    if w.effective_from <= week:
                        amount = w.amount
                if limit is not None:
                    room = limit - _counted(agreement, totals)
                    if room <= 0:
                        plan.deferral_stopped_on = plan.deferral_stopped_on or week
                        amount = ZERO
                    elif amount > room:
                        amount = room
                        plan.deferral_stopped_on = week + dt.timedelta(days=7)
                if amount > 0:
                    plan.postings.append(AccrualPosting(
                        agreement_id=agreement.pk, kind=AccrualKind.DEFERRAL, key=deferral_key(agreement.pk, week),
                        starts_on=week, ends_on=posted_on, posted_on=posted_on, amount=amount,
                        working=f"Week from {week:%-d %b %Y}: £{amount:,.2f} deferred"))
                    entry = Entry(posted_on, "deferral", amount)
            elif kind == "fee":
                item, due = candidate[3]
                plan.postings.append(AccrualPosting(
                    agreement_id=agreement.pk, kind=AccrualKind.FEE, key=fee_key(agreement.pk, item.pk, due), starts_on=due,
                    ends_on=due, posted_on=due, amount=item.amount, fee_id=item.pk,
                    working=f"{item.name} due {due:%-d %b %Y}: £{item.amount:,.2f} ({item.source})"))
                entry = Entry(due, "fee", item.amount)
            elif kind == "interest" and not interest_blocked:
                period_start, period_end = candidate[3]
                opening_entries = [e for e in entries if e.on < period_start]
                opening = sum((e.amount for e in opening_entries), ZERO)
                opening_interest = sum((e.amount for e in opening_entries if e.kind == "interest"), ZERO)
                movements = [Movement(e.on, e.amount, e.kind if e.kind != "payment" or e.amount <= 0 else "fee")
                             for e in entries if period_start <= e.on <= period_end]
                try:
                    result = accrue(opening=opening, opening_interest=opening_interest, start=period_start,
                                    end=period_end, movements=movements, rates=rates_for(agreement, national),
                                    convention=convention_of(agreement))
                except MissingRate as missing:
                    plan.missing_rate = missing.day
                    interest_blocked = True
                    continue
                if result.interest > 0:
                    plan.postings.append(AccrualPosting(
                        agreement_id=agreement.pk, kind=AccrualKind.INTEREST, key=interest_key(agreement.pk, period_start),
                        starts_on=period_start, ends_on=period_end, posted_on=period_end, amount=result.interest,
                        annual_rate=result.periods[0].annual_rate, working="\n".join(result.lines)))
                    entry = Entry(period_end, "interest", result.interest)
        if entry is not None:
            entries.append(entry)
            totals[entry.kind] += entry.amount
    plan.balance = sum(totals.values(), ZERO)
    plan.counted = _counted(agreement, totals)
    plan.interest_total = totals["interest"]
    plan.fees_total = totals["fee"]
    if limit is not None and plan.deferral_stopped_on is None and plan.counted >= limit:
        plan.deferral_stopped_on = on
    current = [w.amount for w in weekly if w.effective_from <= on]
    plan.weekly_now = current[-1] if current else ZERO
    return plan


def _other_entries(debt_account_ids: list[int], accrual_transaction_ids: set[int]) -> dict[int, list[Entry]]:
    found: dict[int, list[Entry]] = defaultdict(list)
    for account_id, txn_id, on, amount in (Posting.objects.filter(account_id__in=debt_account_ids)
                                           .values_list("account_id", "transaction_id", "effective_date", "amount")):
        if txn_id not in accrual_transaction_ids:
            found[account_id].append(Entry(on, "payment" if amount < 0 else "fee", amount))
    return found


def accrual_chunk(*, acting_user, agreement_ids: list[int], on: dt.date, accounts: CouncilAccounts | None = None,
                  national: list[RatePeriod] | None = None) -> dict:
    """Post what is due up to ``on`` for these agreements, in one database transaction (see the module)."""
    from deferred_payments.rates.models import NationalRate

    accounts = accounts or council_accounts(acting_user=acting_user)
    if national is None:
        national = [RatePeriod(r.starts_on, r.ends_on, r.annual_rate)
                    for r in NationalRate.objects.order_by("starts_on")]
    counts = defaultdict(int)
    missing_days: set[dt.date] = set()
    with transaction.atomic():
        agreements = list(Agreement.objects.select_for_update(of=("self",)).filter(
            pk__in=agreement_ids, status__in=ACCRUING, starts_on__isnull=False, starts_on__lte=on)
            .select_related("client", "debt_account").order_by("pk"))
        for agreement in agreements:
            if agreement.debt_account_id is None:
                agreement.debt_account = debt_account_open(acting_user=acting_user, agreement=agreement)
                agreement.debt_account_id = agreement.debt_account.pk
        ids = [a.pk for a in agreements]
        existing = defaultdict(list)
        for posting in AccrualPosting.objects.filter(agreement_id__in=ids).order_by("posted_on", "pk"):
            existing[posting.agreement_id].append(posting)
        accrual_txns = {p.transaction_id for rows in existing.values() for p in rows}
        others = _other_entries([a.debt_account_id for a in agreements], accrual_txns)
        weekly = defaultdict(list)
        for row in WeeklyDeferral.objects.filter(agreement_id__in=ids):
            weekly[row.agreement_id].append(row)
        fees = list(FeeScheduleItem.objects.all())
        warnings = {(w.agreement_id, w.threshold) for w in EquityWarning.objects.filter(agreement_id__in=ids)}
        positions = {p.agreement_id: p for p in EquityPosition.objects.filter(agreement_id__in=ids)}
        new_postings: list[AccrualPosting] = []
        plans: dict[int, Plan] = {}
        for agreement in agreements:
            plan = agreement_plan(agreement=agreement, on=on, existing=existing[agreement.pk],
                                  others=others[agreement.debt_account_id], weekly=weekly[agreement.pk], fees=fees,
                                  national=national)
            plans[agreement.pk] = plan
            new_postings += plan.postings
            if plan.missing_rate:
                missing_days.add(plan.missing_rate)
        by_agreement = {a.pk: a for a in agreements}
        credit = {AccrualKind.DEFERRAL: accounts.deferral, AccrualKind.FEE: accounts.fee,
                  AccrualKind.INTEREST: accounts.interest}
        memo = {AccrualKind.DEFERRAL: "Deferred care charge", AccrualKind.FEE: "Deferred payment administration fee",
                AccrualKind.INTEREST: "Deferred payment interest"}
        if new_postings:
            txns = transactions_post(acting_user=acting_user, transactions=[
                NewTransaction(effective_date=p.posted_on, kind=TransactionKind.CHARGE, idempotency_key=p.key,
                               memo=f"{memo[p.kind]}: {by_agreement[p.agreement_id].reference}",
                               postings=[PostingLine(by_agreement[p.agreement_id].debt_account, p.amount),
                                         PostingLine(credit[p.kind], -p.amount)])
                for p in new_postings])
            for posting, txn in zip(new_postings, txns, strict=True):
                posting.transaction_id = txn.pk
                counts[posting.kind] += 1
                counts[f"{posting.kind}_amount"] = counts.get(f"{posting.kind}_amount", ZERO) + posting.amount
            insert_with_history(AccrualPosting, new_postings, user=acting_user, reason="Accrued")
        moved: list[EquityPosition] = []
        for agreement in agreements:
            plan = plans[agreement.pk]
            counts["warnings"] += _warn(agreement=agreement, plan=plan, on=on, given=warnings)
            position = _position(agreement=agreement, plan=plan, on=on, position=positions.get(agreement.pk),
                                 national=national, changed=bool(plan.postings))
            if position is not None:
                moved.append(position)
        _positions_save(moved, acting_user=acting_user)
        counts["agreements"] += len(agreements)
    for day in sorted(missing_days):
        from deferred_payments.rates.services import missing_rate_notify

        missing_rate_notify(day=day)
    counts["missing_rate_from"] = min(missing_days).isoformat() if missing_days else ""
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in counts.items()}


def _officer_for(agreement: Agreement):
    from people.choices import Service
    from people.models import Allocation, TeamMembership

    allocation = (Allocation.objects.filter(client_id=agreement.client_id, service=Service.DEFERRED_PAYMENTS,
                                            end_date__isnull=True, officer__isnull=False, officer__is_active=True)
                  .select_related("officer").first())
    if allocation is not None:
        return allocation.officer
    leader = (TeamMembership.objects.filter(team__service=Service.DEFERRED_PAYMENTS, is_leader=True,
                                            user__is_active=True).select_related("user").order_by("id").first())
    return leader.user if leader else None


def _warn(*, agreement: Agreement, plan: Plan, on: dt.date, given: set) -> int:
    """A task at each threshold the counted debt has reached, once per threshold."""
    from core.context import system_user
    from people.selectors import today
    from people.services import task_create

    limit = agreement.equity_limit
    if not limit:
        return 0
    made = 0
    for threshold in thresholds():
        if (agreement.pk, threshold) in given or plan.counted * 100 < limit * threshold:
            continue
        officer = _officer_for(agreement)
        if officer is None:
            return made
        if threshold == 100:
            title = f"{agreement.reference}: equity limit reached, deferral has stopped"
            details = (f"{agreement.client.full_name}'s debt counted towards the equity limit is £{plan.counted:,.2f} "
                       f"of £{limit:,.2f}. Nothing more is deferred; interest and fees continue. Agree with the person "
                       "how the care will be paid for from now on.")
        else:
            title = f"{agreement.reference}: {threshold}% of the equity limit used"
            details = (f"{agreement.client.full_name}'s debt counted towards the equity limit is £{plan.counted:,.2f} "
                       f"of £{limit:,.2f} ({threshold}% reached). Talk to the person or their representative about "
                       "what happens when the limit is reached.")
        task = task_create(acting_user=system_user(), title=title, assigned_to=officer, due_date=max(on, today()),
                           details=details, subject=agreement)
        warning = EquityWarning(agreement=agreement, threshold=threshold, counted=plan.counted, equity_limit=limit,
                                on=on, task=task)
        save_attributed(warning, user=system_user(), reason=f"{threshold}% of the equity limit reached")
        given.add((agreement.pk, threshold))
        made += 1
    return made


def _position(*, agreement: Agreement, plan: Plan, on: dt.date, position: EquityPosition | None,
              national: list[RatePeriod], changed: bool) -> EquityPosition | None:
    """The agreement's equity position worked out afresh (unsaved), or None when it has not moved."""
    if agreement.equity_limit is None or (position is not None and not changed):
        return None
    rates = rates_for(agreement, national)
    rate = rates[-1].annual_rate if rates else None
    reached, lines = None, ["No national rate has been entered."]
    if plan.deferral_stopped_on is not None:
        reached, lines = plan.deferral_stopped_on, ["The limit has been reached: nothing more is deferred."]
    elif rate is not None:
        projection = projected_limit_date(
            counted=plan.counted, balance=plan.balance, interest_so_far=plan.interest_total,
            weekly_amount=plan.weekly_now if agreement.status == AgreementStatus.ACTIVE else ZERO,
            equity_limit=agreement.equity_limit, start=plan.next_week or on, annual_rate=rate,
            convention=convention_of(agreement), interest_counts=agreement.interest_counts_to_limit)
        reached, lines = projection.reached_on, projection.lines
    position = position or EquityPosition(agreement=agreement)
    position.on, position.counted, position.equity_limit = on, plan.counted, agreement.equity_limit
    position.limit_reached_on, position.deferral_stopped_on = reached, plan.deferral_stopped_on
    position.working = "\n".join(lines)
    return position


def _positions_save(positions: list[EquityPosition], *, acting_user) -> None:
    """Write the chunk's equity positions set-based, each with its history row: new ones inserted, the others
    updated in one statement."""
    reason = "Equity position worked out"
    insert_with_history(EquityPosition, [p for p in positions if p.pk is None], user=acting_user, reason=reason)
    changed = [p for p in positions if p.pk is not None]
    if not changed:
        return
    columns = ("on", "counted", "equity_limit", "limit_reached_on", "deferral_stopped_on", "working")
    types = ("date", "numeric", "numeric", "date", "date", "text")
    update_with_history(
        EquityPosition,
        set_sql=", ".join(f'"{c}" = v."{c}"' for c in columns), params=[],
        from_sql=("unnest(%s::bigint[], " + ", ".join(f"%s::{t}[]" for t in types) + ") AS v(id, "
                  + ", ".join(f'"{c}"' for c in columns) + ")"),
        from_params=[[p.pk for p in changed], *[[getattr(p, c) for p in changed] for c in columns]],
        user=acting_user, reason=reason)


def accruing_agreement_ids(*, on: dt.date) -> list[int]:
    return list(Agreement.objects.filter(status__in=ACCRUING, starts_on__isnull=False, starts_on__lte=on)
                .order_by("pk").values_list("pk", flat=True))


def accrual_run(*, on: dt.date, run=None, chunk_size: int = CHUNK_SIZE) -> dict:
    """Post everything due up to ``on`` for every accruing agreement, chunk by chunk (``run.done`` /
    ``run.total`` show progress). Safe to run again: each posting is unique on its key."""
    from core.context import current_actor, system_user

    actor = current_actor()
    acting_user = actor.user if actor is not None and actor.user is not None else system_user()
    accounts = council_accounts(acting_user=acting_user)
    ids = accruing_agreement_ids(on=on)
    if run is not None:
        run.total, run.done = len(ids), 0
        run.save(update_fields=["total", "done"])
    summary: dict = defaultdict(int)
    for i in range(0, len(ids), chunk_size):
        part = accrual_chunk(acting_user=acting_user, agreement_ids=ids[i:i + chunk_size], on=on, accounts=accounts)
        for key, value in part.items():
            if key.endswith("_amount"):
                summary[key] = str(Decimal(summary.get(key) or 0) + Decimal(value))
            elif key == "missing_rate_from":
                summary[key] = min(filter(None, [summary.get(key) or "", value])) if (summary.get(key) or value) else ""
            else:
                summary[key] += value
        if run is not None:
            run.done = min(len(ids), i + chunk_size)
            run.save(update_fields=["done"])
    return dict(summary)


def fee_schedule_item_record(*, acting_user, name: str, kind: str, amount: Decimal, effective_from: dt.date,
                             source: str, reason: str, effective_to: dt.date | None = None) -> FeeScheduleItem:
    """Add an administration fee to the council's schedule (a team leader's decision, with its source)."""
    from core.exceptions import ApplicationError
    from core.rules import require

    require(acting_user, "deferred_payments.enter_rates")
    errors = {}
    if not (name or "").strip():
        errors["name"] = ["Name the fee."]
    if kind not in FeeKind.values:
        errors["kind"] = ["Choose when the fee falls due."]
    if amount is None or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        errors["amount"] = ["Give the fee in pounds and pence, more than £0.00."]
    if not (source or "").strip():
        errors["source"] = ["Say where the fee comes from."]
    if effective_to is not None and effective_to < effective_from:
        errors["effective_to"] = ["The end date is before the start date."]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], code="dpa_fee_invalid", extra=errors)
    item = FeeScheduleItem(name=name.strip(), kind=kind, amount=amount, effective_from=effective_from,
                           effective_to=effective_to, source=source.strip(), recorded_by=acting_user)
    save_attributed(item, user=acting_user, reason=reason or "Fee added")
    return item
