"""Monthly reconciliation of the pooled client bank account: the bank's closing balance against the ledger.

Figures for a month (``month`` is its first day, ``end`` its last):

- **Bank closing balance**: as the bank states it. Taken from the imported statement (the balance the
  bank showed after the month's last line, see :func:`_statement_closing_balance`) when any line of the
  month carries one, otherwise entered by the preparer; an entered balance always wins.
- **Ledger balance**: the pooled client bank account's balance at the end of the month
  (:func:`ledger.selectors.account_balance`).
- **Difference** = ledger balance - bank closing balance: what the ledger holds that the bank does not.
- **Matched items**: the month's bank statement lines identified to a client (matched on import or
  allocated from suspense since).
- **Unmatched items**: the month's bank statement lines still in suspense, not yet allocated to a
  client. They are in the ledger (posted to the suspense account), so they do not make a difference
  between bank and ledger, but they are outstanding work and are listed on the statement.
- **Uncleared items**: postings to the pooled bank account on or before the month end that no bank
  statement line dated on or before the month end has cleared (a receipt or payment an officer recorded
  that the bank has not shown yet). A posting and its reversal, both on or before the month end, cancel
  out and are left out. These are what explain a difference.
- **Late items**: transactions dated in the month that belong to an earlier, closed month
  (``relates_to_date``; see :mod:`ledger.closing`), touching the pooled bank or the sub-ledger it carries
  (clients' funds, suspense). Listed as reconciling items ("belongs to 30 November 2026"); the amount is
  what the item moved through the pooled bank (money in positive), or, for an allocation from suspense,
  what it moved to the client (money out of their funds negative).

Rules:

- A month is reconciled only once it has ended: from the day after its last day.
- Preparing a month again while it is unsigned recomputes every figure (and makes the officer asking its
  preparer); a signed-off month is final and is refused, unless a team leader reopens it.
- Sign-off is for a client affairs team leader (the rule ``ledger.sign_off_reconciliation``) other than
  the preparer (maker-checker, also a CHECK in the database), and only when the difference is explained:
  it must equal the total of the uncleared items exactly (which includes both being £0.00). Sign-off
  recomputes the figures first and refuses if the ledger has changed since preparation.
- Months are signed off in order: not while an earlier month's reconciliation is waiting for sign-off or
  an earlier month is reopened.
- **Signing off closes the month** for the pooled client bank account and its sub-ledger
  (:class:`~ledger.models.ClosedMonth`; the database then refuses postings dated in it, 23L07). It takes
  the lock the posting trigger shares before working out the figures, so nothing posted at the same
  moment is left out of them.
- **Reopening** (:func:`month_reopen`) is a client affairs team leader's decision with a reason, for the
  latest closed month only. The month's signed-off reconciliation is kept exactly as it was signed off,
  marked reopened; the month is prepared and signed off again as a new reconciliation, and every page
  showing the month says it was reopened, when, by whom and why.

Auditors can do none of it (read-only).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from core.exceptions import ConflictError, PermissionDeniedError
from core.history import save_attributed
from core.rules import require
from ledger import closing
from ledger.choices import Purpose
from ledger.client_money import _pooled_bank, long_date, pounds
from ledger.models import (
    BankBalanceSource,
    ClosedMonth,
    Posting,
    Reconciliation,
    ReconciliationStatus,
    StatementLine,
    StatementLineStatus,
    Transaction,
)
from ledger.money import ZERO, has_at_most_two_places
from ledger.selectors import account_balance
from ledger.services import LedgerError, _require_writer

TEMPLATE_NAME = "ledger/reconciliation.html"


def money(amount: Decimal) -> str:
    """£1,500.00, or -£330.00 for money out."""
    return f"-{pounds(-amount)}" if amount < 0 else pounds(amount)


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the month ``month`` falls in."""
    if not isinstance(month, dt.date) or isinstance(month, dt.datetime):
        raise LedgerError("Give the month to reconcile as a date.", code="no_month")
    first = month.replace(day=1)
    return first, month.replace(day=calendar.monthrange(month.year, month.month)[1])


@dataclass(frozen=True)
class UnclearedItem:
    date: dt.date
    transaction_id: int
    memo: str
    amount: Decimal  # positive: money in the ledger shows that the bank does not yet


@dataclass(frozen=True)
class LateItem:
    date: dt.date
    relates_to_date: dt.date
    transaction_id: int
    memo: str
    amount: Decimal  # through the pooled bank, money in positive; or to the client, for an allocation


@dataclass
class Figures:
    month: dt.date
    end: dt.date
    bank_closing_balance: Decimal | None
    bank_balance_source: str
    ledger_balance: Decimal
    matched_count: int
    matched_total: Decimal
    unmatched_count: int
    unmatched_total: Decimal
    uncleared: list[UnclearedItem] = field(default_factory=list)
    unmatched_lines: list[StatementLine] = field(default_factory=list)
    late: list[LateItem] = field(default_factory=list)

    @property
    def late_count(self) -> int:
        return len(self.late)

    @property
    def late_total(self) -> Decimal:
        return sum((item.amount for item in self.late), ZERO)

    @property
    def uncleared_count(self) -> int:
        return len(self.uncleared)

    @property
    def uncleared_total(self) -> Decimal:
        return sum((item.amount for item in self.uncleared), ZERO)

    def as_fields(self) -> dict:
        return {
            "bank_closing_balance": self.bank_closing_balance, "bank_balance_source": self.bank_balance_source,
            "ledger_balance": self.ledger_balance, "difference": self.ledger_balance - self.bank_closing_balance,
            "matched_count": self.matched_count, "matched_total": self.matched_total,
            "unmatched_count": self.unmatched_count, "unmatched_total": self.unmatched_total,
            "uncleared_count": self.uncleared_count, "uncleared_total": self.uncleared_total,
            "late_count": self.late_count, "late_total": self.late_total,
        }


def _statement_closing_balance(*, first: dt.date, end: dt.date) -> Decimal | None:
    """The balance the bank showed after the month's last statement line, if the lines carry balances.

    Among the lines of the last day with a balance, the closing one is the balance that no other line of
    that day started from (balance less amount), so it does not matter whether the bank's export lists
    a day's lines oldest or newest first. If that does not single one out, the last line of the file wins.
    """
    lines = StatementLine.objects.filter(date__gte=first, date__lte=end, bank_balance__isnull=False)
    last = lines.order_by("-date").values_list("date", flat=True).first()
    if last is None:
        return None
    day = list(lines.filter(date=last).order_by("statement_import_id", "line_number", "id"))
    opening_balances = {line.bank_balance - line.amount for line in day}
    closing = [line for line in day if line.bank_balance not in opening_balances]
    return (closing[0] if len(closing) == 1 else day[-1]).bank_balance


def _uncleared(*, bank, end: dt.date) -> list[UnclearedItem]:
    cleared = Q(transaction__statement_line__isnull=False, transaction__statement_line__date__lte=end)
    rows = list(
        Posting.objects.filter(account_id=bank.pk, effective_date__lte=end)
        .exclude(cleared)
        .order_by("effective_date", "id")
        .values_list("effective_date", "transaction_id", "transaction__memo", "amount", "transaction__reverses_id")
    )
    ids = {row[1] for row in rows}
    # A reversal and the transaction it reverses, both uncleared by the month end, cancel out.
    paired = {txn for _d, txn, _m, _a, reverses in rows if reverses in ids} | {
        reverses for _d, _t, _m, _a, reverses in rows if reverses in ids}
    return [
        UnclearedItem(date=date, transaction_id=txn, memo=memo, amount=bank.natural_balance(amount))
        for date, txn, memo, amount, _reverses in rows if txn not in paired
    ]


def _late(*, bank, first: dt.date, end: dt.date) -> list[LateItem]:
    """The month's late items: transactions dated in it that belong to an earlier, closed month."""
    late = list(Transaction.objects.filter(effective_date__gte=first, effective_date__lte=end,
                                           relates_to_date__isnull=False,
                                           postings__account__purpose__in=closing.SUB_LEDGER)
                .distinct().order_by("effective_date", "id").only("id", "effective_date", "relates_to_date", "memo"))
    moved: dict[int, dict[str, Decimal]] = {}
    for txn_id, purpose, amount in Posting.objects.filter(transaction_id__in=[txn.pk for txn in late]).values_list(
            "transaction_id", "account__purpose", "amount"):
        by_purpose = moved.setdefault(txn_id, {})
        by_purpose[purpose] = by_purpose.get(purpose, ZERO) + amount
    items = []
    for txn in late:
        by_purpose = moved.get(txn.pk, {})
        if Purpose.POOLED_BANK in by_purpose:
            amount = bank.natural_balance(by_purpose[Purpose.POOLED_BANK])
        else:  # within the sub-ledger: what reached the client's funds (a liability: credits are money in)
            amount = -by_purpose.get(Purpose.CLIENT_FUNDS, ZERO)
        items.append(LateItem(date=txn.effective_date, relates_to_date=txn.relates_to_date, transaction_id=txn.pk,
                              memo=txn.memo, amount=amount))
    return items


def reconciliation_figures(*, month: dt.date, bank_closing_balance: Decimal | None = None,
                           acting_user=None) -> Figures:
    """Every figure of the month's reconciliation, computed from the ledger and the imported statements."""
    first, end = month_bounds(month)
    bank = _pooled_bank(acting_user=acting_user)
    if bank_closing_balance is not None:
        source = BankBalanceSource.ENTERED
    else:
        bank_closing_balance = _statement_closing_balance(first=first, end=end)
        source = BankBalanceSource.STATEMENT
    lines = StatementLine.objects.filter(date__gte=first, date__lte=end)
    identified = lines.filter(status__in=[StatementLineStatus.MATCHED, StatementLineStatus.ALLOCATED]).aggregate(
        count=Count("id"), total=Sum("amount"))
    unmatched_lines = list(lines.filter(status=StatementLineStatus.SUSPENSE).order_by("date", "line_number", "id"))
    return Figures(
        month=first, end=end, bank_closing_balance=bank_closing_balance, bank_balance_source=source,
        ledger_balance=account_balance(account=bank, as_at=end),
        matched_count=identified["count"], matched_total=identified["total"] or ZERO,
        unmatched_count=len(unmatched_lines), unmatched_total=sum((line.amount for line in unmatched_lines), ZERO),
        uncleared=_uncleared(bank=bank, end=end), unmatched_lines=unmatched_lines,
        late=_late(bank=bank, first=first, end=end),
    )


def _bank_balance(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float) or not isinstance(value, (Decimal, int, str)):
        raise LedgerError("Enter the bank's closing balance exactly (a Decimal such as Decimal('12.34')), "
                          "never a float.", code="float_amount")
    try:
        value = Decimal(str(value).strip())
    except ArithmeticError:
        raise LedgerError("Enter the bank's closing balance in pounds and pence.", code="not_money") from None
    if not value.is_finite() or not has_at_most_two_places(value) or abs(value) >= Decimal("1e12"):
        raise LedgerError("Enter the bank's closing balance in pounds and pence.", code="not_money")
    return value.quantize(Decimal("0.01"))



def _month_ended(first: dt.date, end: dt.date) -> None:
    """Refuse a month that has not ended yet: it is reconciled from the day after its last day."""
    today = timezone.localdate()
    if end >= today:
        raise LedgerError(
            f"{first:%B %Y} has not ended yet: it can be reconciled from {long_date(end + dt.timedelta(days=1))}, "
            "once the bank's statement for the whole month is in.", code="month_not_ended")


def standing(month: dt.date) -> Reconciliation | None:
    """The month's reconciliation that stands (prepared or signed off), not one whose month was reopened."""
    return (Reconciliation.objects.filter(month=month_bounds(month)[0])
            .exclude(status=ReconciliationStatus.REOPENED).first())


def reconciliation_prepare(*, acting_user, month: dt.date, bank_closing_balance: Decimal | None = None
                           ) -> Reconciliation:
    """Prepare (or prepare again) the month's reconciliation of the pooled client bank account.

    ``bank_closing_balance`` is the balance the bank states at the month end; leave it out to take it from
    the imported statement. Refused for a month that has not ended, when neither gives a balance, for a
    signed-off month (final until a team leader reopens it), and for auditors. Preparing an unsigned month
    again recomputes every figure, and the officer asking becomes its preparer. A reopened month is
    prepared as a new reconciliation; its earlier, signed-off one is kept as it was.
    """
    _require_writer(acting_user)
    require(acting_user, "ledger.work_council_money")
    bank_closing_balance = _bank_balance(bank_closing_balance)
    first, end = month_bounds(month)
    _month_ended(first, end)
    with transaction.atomic():
        existing = (Reconciliation.objects.select_for_update().filter(month=first)
                    .exclude(status=ReconciliationStatus.REOPENED).first())
        if existing is not None and existing.status == ReconciliationStatus.SIGNED_OFF:
            raise ConflictError(f"The reconciliation for {first:%B %Y} has been signed off and the month is closed, "
                                "so it cannot be prepared again. A client affairs team leader can reopen the month, "
                                "giving a reason.", code="signed_off")
        figures = reconciliation_figures(month=first, bank_closing_balance=bank_closing_balance,
                                         acting_user=acting_user)
        if figures.bank_closing_balance is None:
            raise LedgerError(f"No imported bank statement line in {first:%B %Y} gives the bank's balance: enter "
                              "the closing balance from the bank statement.", code="no_bank_balance")
        record = existing or Reconciliation(month=first)
        for name, value in figures.as_fields().items():
            setattr(record, name, value)
        record.prepared_by = acting_user
        record.prepared_at = timezone.now()
        reopened = existing is None and ClosedMonth.objects.filter(month=first, reopened_at__isnull=False).exists()
        save_attributed(record, user=acting_user, reason=f"Reconciliation for {first:%B %Y} " + (
            "prepared again" if existing else "prepared again after the month was reopened" if reopened
            else "prepared"))
    return record


def _pdf_context(record: Reconciliation, figures: Figures) -> dict:
    from documents.letters import letterhead  # noqa: PLC0415 - documents need not load for the ledger

    return {
        "letterhead": letterhead(), "reconciliation": record, "figures": figures,
        "month_label": f"{record.month:%B %Y}", "month_end": long_date(figures.end),
        "money": {name: money(getattr(record, name)) for name in (
            "bank_closing_balance", "ledger_balance", "difference", "matched_total", "unmatched_total",
            "uncleared_total", "late_total")},
        "uncleared": [{"date": long_date(i.date), "memo": i.memo, "transaction_id": i.transaction_id,
                       "amount": money(i.amount)} for i in figures.uncleared],
        "unmatched": [{"date": long_date(line.date), "description": line.description, "reference": line.reference,
                       "amount": money(line.amount)} for line in figures.unmatched_lines],
        "late": [{"date": long_date(i.date), "belongs_to": long_date(i.relates_to_date), "memo": i.memo,
                  "transaction_id": i.transaction_id, "amount": money(i.amount)} for i in figures.late],
        "reopenings": list(reopenings(record.month)),
        "prepared_at": timezone.localtime(record.prepared_at),
        "signed_off_at": timezone.localtime(record.signed_off_at),
        "prepared_by": record.prepared_by.get_full_name() or record.prepared_by.get_username(),
        "signed_off_by": record.signed_off_by.get_full_name() or record.signed_off_by.get_username(),
    }


def _waiting_before(first: dt.date) -> str | None:
    """The earliest month before ``first`` still to be signed off, as "October 2026", if there is one."""
    months = set(Reconciliation.objects.filter(month__lt=first, status=ReconciliationStatus.PREPARED)
                 .values_list("month", flat=True))
    closed = set(ClosedMonth.objects.filter(month__lt=first, reopened_at__isnull=True).values_list("month", flat=True))
    months |= set(ClosedMonth.objects.filter(month__lt=first, reopened_at__isnull=False)
                  .values_list("month", flat=True)) - closed
    return f"{min(months):%B %Y}" if months else None


def reconciliation_sign_off(*, acting_user, reconciliation: Reconciliation) -> Reconciliation:
    """Sign off a prepared reconciliation, rendering its statement PDF and storing it with its SHA-256, and
    close the month for the pooled client bank account and its sub-ledger (a :class:`ClosedMonth`).

    The rule: sign-off is for client affairs team leaders (``ledger.sign_off_reconciliation``) other than
    the officer who prepared it (maker-checker); it is refused for a month already signed off, while an
    earlier month is still to be signed off, when the ledger or the imported statements have changed since
    it was prepared (prepare it again), and unless the difference (ledger less bank) is explained, that is,
    equals the total of the uncleared ledger items to the penny; a difference of exactly £0.00 with nothing
    uncleared is the usual case. Nothing is written when it is refused.
    """
    _require_writer(acting_user)
    require(acting_user, "ledger.sign_off_reconciliation", reconciliation)
    from documents.pdf import render_pdf  # noqa: PLC0415 - WeasyPrint loads only when a PDF is made

    with transaction.atomic():
        record = Reconciliation.objects.select_for_update().select_related("prepared_by").get(pk=reconciliation.pk)
        label = f"{record.month:%B %Y}"
        if record.status != ReconciliationStatus.PREPARED:
            raise ConflictError(f"This reconciliation for {label} has already been signed off.", code="signed_off")
        if record.prepared_by_id == acting_user.pk:
            raise PermissionDeniedError("You prepared this reconciliation, so another officer must sign it off.",
                                        code="same_officer")
        earlier = _waiting_before(record.month)
        if earlier is not None:
            raise ConflictError(f"Months are signed off in order: sign off {earlier} before {label}.",
                                code="earlier_month_open")
        # From here until this commits no posting to client money can start or be half-way: the figures below
        # count everything posted, and nothing can be posted into the month once it is closed.
        closing.lock_for_closing()
        entered = record.bank_closing_balance if record.bank_balance_source == BankBalanceSource.ENTERED else None
        figures = reconciliation_figures(month=record.month, bank_closing_balance=entered, acting_user=acting_user)
        if figures.bank_closing_balance is None or any(
                getattr(record, name) != value for name, value in figures.as_fields().items()):
            raise ConflictError(f"The ledger or the bank statements for {label} have changed since this "
                                "reconciliation was prepared: prepare it again.", code="stale")
        if record.difference != figures.uncleared_total:
            raise ConflictError(
                f"The difference of {money(record.difference)} between the ledger and the bank is not explained: "
                f"uncleared items total {money(figures.uncleared_total)}. Find and correct the difference, then "
                "prepare the reconciliation again.", code="difference_unexplained",
            )
        record.status = ReconciliationStatus.SIGNED_OFF
        record.signed_off_by = acting_user
        record.signed_off_at = timezone.now()
        content = render_pdf(template_name=TEMPLATE_NAME, context=_pdf_context(record, figures))
        record.pdf_sha256 = hashlib.sha256(content).hexdigest()
        record.pdf.save(f"reconciliation-{record.month:%Y-%m}-{record.pk}.pdf", ContentFile(content), save=False)
        try:
            save_attributed(record, user=acting_user, reason=f"Reconciliation for {label} signed off")
            closed = ClosedMonth(account=_pooled_bank(acting_user=acting_user), month=record.month,
                                 reconciliation=record, closed_by=acting_user, closed_at=record.signed_off_at)
            save_attributed(closed, user=acting_user, reason=f"{label} closed: its reconciliation was signed off")
        except IntegrityError:
            record.pdf.delete(save=False)
            raise
    return record


#: A reason for reopening a month is at least this long: it is read by auditors long after.
REOPEN_REASON_MIN = 10


def month_reopen(*, acting_user, reconciliation: Reconciliation, reason: str) -> ClosedMonth:
    """Reopen the month a signed-off reconciliation closed: a client affairs team leader's decision
    (``ledger.reopen_month``), with the reason recorded.

    Only the latest closed month can be reopened (a posting in an earlier month would change every later
    closing balance). The reconciliation stays exactly as it was signed off, marked reopened, with its
    statement PDF; the month then takes postings again and must be prepared and signed off again, as a new
    reconciliation, before it closes again. Refused, writing nothing, for a month that is not closed.
    """
    _require_writer(acting_user)
    require(acting_user, "ledger.reopen_month", reconciliation)
    reason = " ".join((reason or "").split())
    if len(reason) < REOPEN_REASON_MIN:
        raise LedgerError(f"Give the reason for reopening the month (at least {REOPEN_REASON_MIN} characters): "
                          "it is kept with the month's history.", code="no_reason")
    if len(reason) > 1000:
        raise LedgerError("Keep the reason to 1,000 characters.", code="reason_too_long")
    with transaction.atomic():
        record = Reconciliation.objects.select_for_update().get(pk=reconciliation.pk)
        label = f"{record.month:%B %Y}"
        closed = (ClosedMonth.objects.select_for_update()
                  .filter(month=record.month, reconciliation=record, reopened_at__isnull=True).first())
        if closed is None or record.status != ReconciliationStatus.SIGNED_OFF:
            raise ConflictError(f"{label} is not closed by this reconciliation, so there is nothing to reopen.",
                                code="not_closed")
        later = (ClosedMonth.objects.filter(month__gt=record.month, reopened_at__isnull=True)
                 .order_by("-month").values_list("month", flat=True).first())
        if later is not None:
            raise ConflictError(f"{later:%B %Y} is closed too: reopen the latest closed month first, because a "
                                f"change in {label} would change every later month's closing balance.",
                                code="later_month_closed")
        closed.reopened_by = acting_user
        closed.reopened_at = timezone.now()
        closed.reopen_reason = reason
        save_attributed(closed, user=acting_user, reason=f"{label} reopened: {reason}")
        record.status = ReconciliationStatus.REOPENED
        save_attributed(record, user=acting_user, reason=f"{label} reopened: {reason}")
    return closed


def reopenings(month: dt.date):
    """The times the month was reopened, latest first: who, when and why."""
    return (ClosedMonth.objects.filter(month=month_bounds(month)[0], reopened_at__isnull=False)
            .select_related("reopened_by", "closed_by", "reconciliation").order_by("-reopened_at"))
