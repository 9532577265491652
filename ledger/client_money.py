"""Client money: the pooled client bank account, each client's funds, receipts in and payments out.

The council holds every client's money in one pooled bank account (an asset of the council) and owes
each client their share, recorded in that client's funds account (a liability, one per client). A
receipt is Dr pooled bank / Cr client's funds; a payment is Dr client's funds / Cr pooled bank. Each
carries the Office of the Public Guardian's money-in or money-out category
(:class:`ledger.choices.MoneyInCategory`, :class:`ledger.choices.MoneyOutCategory`) on its
transaction, so the annual deputy report's totals are sums by category.

The rules, and who keeps them:

- **A payment never exceeds the client's available funds.** The payment service locks the client's
  funds account row (``SELECT ... FOR NO KEY UPDATE``) before it checks and posts, so concurrent
  payments from one client queue up; the check gives the officer a sentence. PostgreSQL is the
  guarantee: a deferred constraint trigger refuses any transaction, however it was written, that
  leaves a client's funds account with a debit balance (SQLSTATE 23L05), locking the same row.
- **One client's money never pays another's bill.** A deferred constraint trigger refuses any
  transaction touching the accounts of more than one client (23L06). See
  ``migrations/sql/0004_client_money.up.sql``.
- **Possible duplicate payments are stopped.** A payment to the same payee (case and spacing ignored)
  for the same amount with the same reference (likewise; a blank reference matches a blank one),
  dated within :data:`DUPLICATE_WINDOW_DAYS` days of a payment already made, released or held for the
  same client, is not posted: it is kept as a held :class:`~ledger.models.Payment` and another officer
  must release it (:func:`payment_hold_release`) or anyone may cancel it (:func:`payment_hold_cancel`).
  Reversed payments do not count. Every payment has a ``Payment`` row (payee and reference live there,
  not on every ledger transaction), pointing at its transaction once paid.
- **Held payments are not reserved**: :func:`ledger.selectors.available_funds` is the funds balance.
  Releasing a held payment checks the funds again at that moment.
- **A second officer for large payments and hand-recorded receipts.** A payment above
  ``CLIENT_MONEY_SECOND_PERSON_ABOVE`` is held like a possible duplicate until another officer releases
  it. A receipt an officer records by hand is posted at once but is not available to spend until a
  bank statement line is matched to it or another officer confirms it (:func:`receipt_confirm`;
  :class:`~ledger.models.ManualReceipt`). No single amount may exceed ``LEDGER_MAX_AMOUNT``.
- **Closed months.** A receipt or payment dated in a month already closed (its reconciliation signed
  off; :mod:`ledger.closing`) is posted late: dated the first day after the closed period, naming the
  date it belongs to (``relates_to_date`` and the description). The payment keeps the date asked for.

Many payments at once (a payment run's thousands): :func:`client_payments_make` makes each exactly as
:func:`client_payment_make` would, in order, reading and writing a few statements per batch instead of
several round trips per payment; all of them or, on any refusal, none.

Every service is keyword-only, needs the acting user (who must be able to see the client; auditors
cannot write) and is atomic: a refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Upper
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from core.history import insert_rows_with_history, next_ids, save_attributed, update_with_history
from core.rules import require
from ledger import closing
from ledger.choices import AccountKind, MoneyInCategory, MoneyOutCategory, OwnerKind, PaymentStatus, Purpose
from ledger.models import Account, ManualReceipt, Payment, Transaction
from ledger.money import to_money
from ledger.selectors import available_funds, available_funds_by_client
from ledger.services import (
    LedgerError,
    NewTransaction,
    PostingLine,
    _require_writer,
    largest_amount,
    transaction_post,
    transactions_post,
)
from people.models import Client
from people.rules import teams_holding_read
from people.selectors import clients_visible_to

#: Payments to the same payee, for the same amount and reference, dated within this many days of each
#: other (either way) are possible duplicates. Shorter than a month, so the same bill paid every four
#: weeks or every month (a card top-up, a utility bill) is not held each time; a bill entered twice
#: is almost always entered within days of the first.
DUPLICATE_WINDOW_DAYS = 14

POOLED_BANK_NAME = "Pooled client bank account"


def pounds(amount: Decimal) -> str:
    """£1,500.00"""
    return f"£{amount:,.2f}"


def long_date(day: dt.date) -> str:
    """3 November 2026"""
    return f"{day.day} {day:%B %Y}"


# --- checks shared by the services ----------------------------------------------------------------

def _check_actor(acting_user, client) -> None:
    """The client exists for this user (else "No client found"), and the user's client affairs team
    holds the client's case (:mod:`ledger.rules`: ``ledger.record_client_money``)."""
    _require_writer(acting_user)
    if client is None or client.pk is None or not clients_visible_to(user=acting_user).filter(pk=client.pk).exists():
        raise NotFoundError("No client found.")
    require(acting_user, "ledger.record_client_money", client)


def second_person_above() -> Decimal:
    """Payments above this, and receipts recorded by hand, need a second officer
    (``CLIENT_MONEY_SECOND_PERSON_ABOVE``)."""
    return Decimal(str(settings.CLIENT_MONEY_SECOND_PERSON_ABOVE))


def _amount(amount) -> Decimal:
    if isinstance(amount, float):
        raise LedgerError("Amounts must be exact (a Decimal such as Decimal('12.34')), never a float.",
                          code="float_amount")
    try:
        value = to_money(amount)
    except (TypeError, ValueError) as exc:
        raise LedgerError(str(exc), code="not_money") from None
    if value <= 0:
        raise LedgerError("Enter an amount of more than £0.00.", code="amount_not_positive")
    if value > largest_amount():
        raise LedgerError(f"{pounds(value)} is more than the largest single amount the ledger takes "
                          f"({pounds(largest_amount())}); check the amount.", code="too_large")
    return value


def _date(effective_date) -> dt.date:
    if not isinstance(effective_date, dt.date) or isinstance(effective_date, dt.datetime):
        raise LedgerError("Give the date the money moved.", code="no_effective_date")
    return effective_date


def _key(idempotency_key) -> str:
    key = (idempotency_key or "").strip()
    if not key or len(key) > 200:
        raise LedgerError("Every receipt and payment needs a reference of up to 200 characters (its "
                          "idempotency key).", code="no_idempotency_key")
    return key


def _words(value, *, limit: int, what: str, required: bool) -> str:
    """Trimmed, with runs of spaces made one."""
    text = " ".join((value or "").split())
    if required and not text:
        raise LedgerError(f"Give the {what}.", code=f"no_{what.replace(' ', '_')}")
    if len(text) > limit:
        raise LedgerError(f"Keep the {what} to {limit} characters.", code=f"{what.replace(' ', '_')}_too_long")
    return text



# --- accounts -------------------------------------------------------------------------------------

def _pooled_bank(*, acting_user) -> Account:
    bank = Account.objects.filter(purpose=Purpose.POOLED_BANK).first()
    if bank is None:
        try:
            with transaction.atomic():
                bank = Account(name=POOLED_BANK_NAME, kind=AccountKind.ASSET, owner_kind=OwnerKind.COUNCIL,
                               purpose=Purpose.POOLED_BANK)
                save_attributed(bank, user=acting_user, reason="Pooled client bank account opened")
        except IntegrityError:  # another session opened it at the same moment (one pooled bank only)
            bank = Account.objects.filter(purpose=Purpose.POOLED_BANK).first()
            if bank is None:
                raise
    return bank


def pooled_bank_account(*, acting_user) -> Account:
    """The pooled client bank account, for services that move money out of it (a fee to the council)."""
    return _pooled_bank(acting_user=acting_user)


def _funds_account(*, acting_user, client) -> Account:
    funds = Account.objects.filter(client=client, purpose=Purpose.CLIENT_FUNDS).first()
    if funds is None:
        try:
            with transaction.atomic():
                funds = Account(
                    name=f"{client.full_name} ({client.council_reference}): funds held", kind=AccountKind.LIABILITY,
                    owner_kind=OwnerKind.CLIENT, client=client, purpose=Purpose.CLIENT_FUNDS,
                )
                save_attributed(funds, user=acting_user, reason="Client funds account opened")
        except IntegrityError:  # opened by another session at the same moment (one per client)
            funds = Account.objects.filter(client=client, purpose=Purpose.CLIENT_FUNDS).first()
            if funds is None:
                raise
    return funds


def client_money_accounts_open(*, acting_user, client) -> tuple[Account, Account]:
    """The pooled client bank account and this client's funds account, opening either if need be.

    Asking again returns the same two accounts and writes nothing.
    """
    _check_actor(acting_user, client)
    with transaction.atomic():
        return _pooled_bank(acting_user=acting_user), _funds_account(acting_user=acting_user, client=client)


def _locked_funds(*, acting_user, client) -> tuple[Account, Account]:
    """The accounts, with the client's funds row locked until commit, so payments from one client
    queue up behind each other (FOR NO KEY UPDATE: postings' foreign keys can still be inserted)."""
    bank, funds = client_money_accounts_open(acting_user=acting_user, client=client)
    funds = Account.objects.select_for_update(no_key=True).get(pk=funds.pk)
    return bank, funds


# --- receipts -------------------------------------------------------------------------------------

def client_receipt_record(
    *, acting_user, client, amount, effective_date: dt.date, category: str, memo: str = "", idempotency_key: str,
) -> Transaction:
    """Money received for the client into the pooled bank: Dr pooled bank, Cr the client's funds.

    ``category`` is a :class:`MoneyInCategory`. The same ``idempotency_key`` again returns the receipt
    already recorded.
    """
    _check_actor(acting_user, client)
    amount = _amount(amount)
    effective_date = _date(effective_date)
    if category not in MoneyInCategory.values:
        raise LedgerError("Choose what the money is (a money-in category, such as State Pension).",
                          code="invalid_category")
    memo = _words(memo, limit=500, what="description", required=False) or MoneyInCategory(category).label
    key = _key(idempotency_key)
    with transaction.atomic():
        bank, funds = client_money_accounts_open(acting_user=acting_user, client=client)
        posted_on, relates_to = closing.posting_date_for_key(effective_date, key)
        receipt = transaction_post(
            acting_user=acting_user, effective_date=posted_on, kind="receipt", category=category,
            memo=closing.late_memo(memo, relates_to), relates_to_date=relates_to,
            postings=[PostingLine(bank, amount), PostingLine(funds, -amount)], idempotency_key=key, client_money=True,
        )
        if not ManualReceipt.objects.filter(transaction=receipt).exists():
            save_attributed(
                ManualReceipt(transaction=receipt, client=client, amount=amount, recorded_by=acting_user),
                user=acting_user, reason="Receipt recorded by hand: to be confirmed by a second officer or a bank line",
            )
        return receipt


def receipt_confirm(*, acting_user, receipt: ManualReceipt) -> ManualReceipt:
    """A second officer confirms a receipt recorded by hand (they have seen the money arrive), so the
    client may spend it. The officer who recorded it cannot confirm it; confirming again returns it."""
    if receipt is None or receipt.pk is None:
        raise NotFoundError("No receipt found.")
    _check_actor(acting_user, receipt.client)
    with transaction.atomic():
        receipt = ManualReceipt.objects.select_for_update().select_related("client").get(pk=receipt.pk)
        if receipt.confirmed_at is not None:
            return receipt
        if receipt.recorded_by_id == acting_user.pk:
            raise PermissionDeniedError("You recorded this receipt, so another officer must confirm it.",
                                        code="same_officer")
        receipt.confirmed_by = acting_user
        receipt.confirmed_at = timezone.now()
        save_attributed(receipt, user=acting_user, reason="Receipt confirmed by a second officer")
        return receipt


# --- payments -------------------------------------------------------------------------------------

def _check_funds(*, client, funds: Account, amount: Decimal) -> Decimal:
    # The funds row is locked by the caller; receipts still to be confirmed are not money to spend.
    available = available_funds(client=client)
    if amount > available:
        raise LedgerError(
            f"{client.full_name} has {pounds(available)} available; this payment of {pounds(amount)} would "
            "overdraw their account.",
            code="insufficient_funds", extra={"available": str(available), "amount": str(amount)},
        )
    return available


def _post_payment(*, acting_user, client, bank: Account, funds: Account, payment: Payment,
                  available: Decimal) -> Transaction:
    memo = payment.memo or (f"{payment.payee} ({payment.reference})" if payment.reference else payment.payee)
    # A payment dated in a closed month (a held one released after its month was signed off) is paid late.
    posted_on, relates_to = closing.posting_date_for_key(payment.effective_date, payment.idempotency_key)
    try:
        return transaction_post(
            acting_user=acting_user, effective_date=posted_on, kind="payment",
            memo=closing.late_memo(memo, relates_to), relates_to_date=relates_to, category=payment.category,
            postings=[PostingLine(funds, payment.amount), PostingLine(bank, -payment.amount)],
            idempotency_key=payment.idempotency_key, client_money=True,
        )
    except LedgerError as exc:
        if exc.code == "ledger_overdrawn":  # the database's own check; ours should have caught it first
            raise LedgerError(
                f"{client.full_name} has {pounds(available)} available; this payment of {pounds(payment.amount)} "
                "would overdraw their account.", code="insufficient_funds",
            ) from None
        raise


def _possible_duplicate(*, client, payee: str, reference: str, amount: Decimal, effective_date: dt.date,
                        exclude_pk=None) -> Payment | None:
    window = dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    candidates = (
        Payment.objects.filter(
            client=client, amount=amount, payee__iexact=payee, reference__iexact=reference,
            status__in=[PaymentStatus.POSTED, PaymentStatus.RELEASED, PaymentStatus.HELD],
            effective_date__gte=effective_date - window, effective_date__lte=effective_date + window,
        )
        .exclude(transaction__reversals__isnull=False)
        .order_by("-effective_date", "-id")
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return candidates.first()


def _same_request(payment: Payment, *, client, amount, effective_date, category, payee, reference) -> bool:
    return (payment.client_id == client.pk and payment.amount == amount and payment.effective_date == effective_date
            and payment.category == category and payment.payee == payee and payment.reference == reference)


def client_payment_make(
    *, acting_user, client, amount, effective_date: dt.date, category: str, payee: str, reference: str = "",
    memo: str = "", idempotency_key: str,
) -> Payment:
    """Pay ``amount`` from the client's funds to ``payee``: Dr the client's funds, Cr pooled bank.

    Returns the :class:`Payment`: ``status`` ``posted`` with its ``transaction``, or ``held`` (nothing
    posted) when it looks like a duplicate, with ``hold_reason`` saying of what; another officer must
    then release it. Refused with a :class:`LedgerError` (nothing written) if the client has not
    enough money. The same ``idempotency_key`` again returns the same payment.
    """
    _check_actor(acting_user, client)
    amount = _amount(amount)
    effective_date = _date(effective_date)
    if category not in MoneyOutCategory.values:
        raise LedgerError("Choose what the payment is for (a money-out category, such as care fees).",
                          code="invalid_category")
    payee = _words(payee, limit=200, what="payee", required=True)
    reference = _words(reference, limit=100, what="reference", required=False)
    memo = _words(memo, limit=500, what="description", required=False)
    key = _key(idempotency_key)

    with transaction.atomic():
        bank, funds = _locked_funds(acting_user=acting_user, client=client)
        existing = Payment.objects.filter(idempotency_key=key).first()
        if existing is not None:
            if _same_request(existing, client=client, amount=amount, effective_date=effective_date,
                             category=category, payee=payee, reference=reference):
                return existing
            raise ConflictError(
                "A different payment was already recorded with this reference; nothing has been recorded. "
                "Check whether this is a duplicate.", code="idempotency_conflict", extra={"payment": existing.pk},
            )
        available = _check_funds(client=client, funds=funds, amount=amount)
        payment = Payment(
            client=client, payee=payee, reference=reference, amount=amount, category=category,
            effective_date=effective_date, memo=memo, idempotency_key=key, requested_by=acting_user,
        )
        duplicate = _possible_duplicate(client=client, payee=payee, reference=reference, amount=amount,
                                        effective_date=effective_date)
        if duplicate is not None:
            payment.status = PaymentStatus.HELD
            payment.duplicate_of = duplicate
            payment.hold_reason = (
                f"Held as a possible duplicate of the payment of {pounds(duplicate.amount)} to {duplicate.payee} "
                f"on {long_date(duplicate.effective_date)}"
                + (" (itself held)" if duplicate.status == PaymentStatus.HELD else "")
                + "; another officer must release it."
            )
            save_attributed(payment, user=acting_user, reason="Payment held as a possible duplicate")
            return payment
        if amount > second_person_above():
            payment.status = PaymentStatus.HELD
            payment.hold_reason = (
                f"Held because it is more than {pounds(second_person_above())}; another officer must release it."
            )
            save_attributed(payment, user=acting_user, reason="Payment held for a second officer (large amount)")
            return payment
        payment.status = PaymentStatus.POSTED
        payment.transaction = _post_payment(acting_user=acting_user, client=client, bank=bank, funds=funds,
                                            payment=payment, available=available)
        save_attributed(payment, user=acting_user, reason="Payment made")
        return payment


def _locked_hold(*, acting_user, hold: Payment) -> tuple[Account, Account, Payment]:
    if hold is None or hold.pk is None:
        raise NotFoundError("No payment found.")
    client = hold.client
    _check_actor(acting_user, client)
    # The client's funds first, then the payment, in the same order as client_payment_make.
    bank, funds = _locked_funds(acting_user=acting_user, client=client)
    hold = Payment.objects.select_for_update(no_key=True).select_related("client").get(pk=hold.pk)
    return bank, funds, hold


def payment_hold_release(*, acting_user, hold: Payment) -> Payment:
    """A second officer confirms a held payment is not a duplicate: funds are checked again and it is paid.

    The officer who asked for the payment cannot release it. Releasing one already released returns it.
    """
    with transaction.atomic():
        bank, funds, hold = _locked_hold(acting_user=acting_user, hold=hold)
        if hold.status == PaymentStatus.RELEASED:
            return hold
        if hold.status != PaymentStatus.HELD:
            raise ConflictError(f"This payment is {hold.get_status_display().lower()}; only a held payment can be "
                                "released.", code="not_held")
        if hold.requested_by_id == acting_user.pk:
            raise PermissionDeniedError(
                "You asked for this payment, so another officer must release it.", code="same_officer",
            )
        available = _check_funds(client=hold.client, funds=funds, amount=hold.amount)
        hold.transaction = _post_payment(acting_user=acting_user, client=hold.client, bank=bank, funds=funds,
                                         payment=hold, available=available)
        hold.status = PaymentStatus.RELEASED
        hold.released_by = acting_user
        hold.released_at = timezone.now()
        save_attributed(hold, user=acting_user, reason="Held payment released by a second officer")
        return hold


def payment_hold_cancel(*, acting_user, hold: Payment, reason: str = "") -> Payment:
    """Cancel a held payment (it was a duplicate): nothing is paid. Cancelling again returns it."""
    reason = _words(reason, limit=300, what="reason", required=False)
    with transaction.atomic():
        _bank, _funds, hold = _locked_hold(acting_user=acting_user, hold=hold)
        if hold.status == PaymentStatus.CANCELLED:
            return hold
        if hold.status != PaymentStatus.HELD:
            raise ConflictError(f"This payment is {hold.get_status_display().lower()}; only a held payment can be "
                                "cancelled.", code="not_held")
        hold.status = PaymentStatus.CANCELLED
        hold.cancelled_by = acting_user
        hold.cancelled_at = timezone.now()
        save_attributed(hold, user=acting_user, reason=f"Held payment cancelled{': ' + reason if reason else ''}")
        return hold



# --- many payments at once ------------------------------------------------------------------------

@dataclass(frozen=True)
class ClientPayment:
    """One payment for :func:`client_payments_make`: the arguments of :func:`client_payment_make`."""

    client: Client
    amount: Decimal
    effective_date: dt.date
    category: str
    payee: str
    idempotency_key: str
    reference: str = ""
    memo: str = ""


@dataclass
class _Line:
    number: int
    client: Client
    amount: Decimal
    effective_date: dt.date
    category: str
    payee: str
    reference: str
    memo: str
    key: str


#: Look-ups by a list of values are sent this many values at a time.
_CHUNK = 10_000


def _chunks(values: list):
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _numbered(number: int, exc: ApplicationError) -> ApplicationError:
    """The same refusal, naming the payment of the batch it is about."""
    return type(exc)(f"Payment {number}: {exc.message}", code=exc.code, extra={**exc.extra, "line": number})


def _checked_line(number: int, item: ClientPayment) -> _Line:
    """One payment's parts checked and tidied as :func:`client_payment_make` checks them."""
    try:
        amount = _amount(item.amount)
        effective_date = _date(item.effective_date)
        if item.category not in MoneyOutCategory.values:
            raise LedgerError("Choose what the payment is for (a money-out category, such as care fees).",
                              code="invalid_category")
        return _Line(number=number, client=item.client, amount=amount, effective_date=effective_date,
                     category=item.category, payee=_words(item.payee, limit=200, what="payee", required=True),
                     reference=_words(item.reference, limit=100, what="reference", required=False),
                     memo=_words(item.memo, limit=500, what="description", required=False),
                     key=_key(item.idempotency_key))
    except ApplicationError as exc:
        raise _numbered(number, exc) from None


def _check_actors(acting_user, clients: dict[int, Client]) -> None:
    """:func:`_check_actor` for every client of a batch: which the user sees in one query per 10,000, the
    rule from one read of which of the user's teams hold them."""
    _require_writer(acting_user)
    ids = sorted(clients)
    visible: set[int] = set()
    for chunk in _chunks(ids):
        visible.update(clients_visible_to(user=acting_user).filter(pk__in=chunk).values_list("pk", flat=True))
    if len(visible) != len(ids):
        raise NotFoundError("No client found.")
    teams_holding_read(acting_user, ids)
    for client_id in ids:
        require(acting_user, "ledger.record_client_money", clients[client_id])


def _locked_funds_accounts(*, acting_user, clients: dict[int, Client]) -> dict[int, Account]:
    """Each client's funds account by client id, opening any not yet opened, every row locked until commit
    (FOR NO KEY UPDATE, in id order, as :func:`_locked_funds` locks one)."""
    ids = sorted(clients)
    accounts: dict[int, Account] = {}
    for chunk in _chunks(ids):
        accounts.update((account.client_id, account) for account in
                        Account.objects.filter(client_id__in=chunk, purpose=Purpose.CLIENT_FUNDS))
    for client_id in ids:
        if client_id not in accounts:
            accounts[client_id] = _funds_account(acting_user=acting_user, client=clients[client_id])
    account_ids = sorted(account.pk for account in accounts.values())
    locked: dict[int, Account] = {}
    for chunk in _chunks(account_ids):
        locked.update((account.client_id, account) for account in
                      Account.objects.select_for_update(no_key=True).filter(pk__in=chunk).order_by("id"))
    return locked


def _upper(texts: list[str]) -> list[str]:
    """PostgreSQL's UPPER() of each text, as ``__iexact`` compares them (one query)."""
    if not texts:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT upper(t.text) FROM unnest(%s::text[]) WITH ORDINALITY AS t(text, n) ORDER BY t.n",
                       [texts])
        return [row[0] for row in cursor.fetchall()]


def _with_match(payment: Payment, found: Payment) -> Payment:
    payment.payee_upper, payment.reference_upper = found.payee_upper, found.reference_upper
    return payment


class _Candidates:
    """Payments that a new one may duplicate (:func:`_possible_duplicate`), for a whole batch: those already
    recorded for its clients, read at once, and the batch's own as they are made."""

    def __init__(self, lines: list[_Line], *, known: dict[int, Payment]):
        """``known``: payments already read, by id, to be used as they are (a held one the batch releases
        then shows as released, as it would to the next payment made one by one)."""
        self.by_match: dict[tuple, list[tuple[dt.date, tuple, Payment]]] = defaultdict(list)
        self.match: dict[int, tuple] = {}
        window = dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
        self.window = window
        if not lines:
            return
        start = min(line.effective_date for line in lines) - window
        end = max(line.effective_date for line in lines) + window
        for chunk in _chunks(sorted({line.client.pk for line in lines})):
            found = (
                Payment.objects.filter(
                    client_id__in=chunk,
                    status__in=[PaymentStatus.POSTED, PaymentStatus.RELEASED, PaymentStatus.HELD],
                    effective_date__gte=start, effective_date__lte=end,
                )
                .exclude(transaction__reversals__isnull=False)
                .annotate(payee_upper=Upper("payee"), reference_upper=Upper("reference"))
            )
            for payment in found:
                if payment.pk in known:
                    payment = _with_match(known[payment.pk], payment)
                self.by_match[(payment.client_id, payment.amount, payment.payee_upper, payment.reference_upper)].append(
                    (payment.effective_date, (0, payment.pk), payment))
        uppers = _upper([line.payee for line in lines] + [line.reference for line in lines])
        self.match = {line.number: (line.client.pk, line.amount, payee, reference)
                      for line, payee, reference in zip(lines, uppers[:len(lines)], uppers[len(lines):])}

    def latest(self, line: _Line) -> Payment | None:
        """The payment this line looks like: the latest dated (then the last made) within the window."""
        near = [item for item in self.by_match.get(self.match[line.number], ())
                if abs(item[0] - line.effective_date) <= self.window]
        return max(near, key=lambda item: (item[0], item[1]))[2] if near else None

    def add(self, line: _Line, payment: Payment) -> None:
        # Made after every payment already recorded, in the batch's order (as their ids will be).
        self.by_match[self.match[line.number]].append((payment.effective_date, (1, line.number), payment))


def _posting_dates(keys: list[str]) -> tuple[dict[str, tuple[dt.date, dt.date | None]], dt.date | None]:
    """For :func:`closing.posting_date_for_key` over a batch: what is already posted under each key (date
    posted, date it belongs to), and the end of the closed period, each read once."""
    posted: dict[str, tuple[dt.date, dt.date | None]] = {}
    for chunk in _chunks(keys):
        posted.update((key, (effective, relates)) for key, effective, relates in
                      Transaction.objects.filter(idempotency_key__in=chunk)
                      .values_list("idempotency_key", "effective_date", "relates_to_date"))
    return posted, closing.closed_up_to()


def _posting_date(payment: Payment, posted: dict, closed_to: dt.date | None) -> tuple[dt.date, dt.date | None]:
    already = posted.get(payment.idempotency_key)
    if already is not None and (already[1] or already[0]) == payment.effective_date:
        return already
    if closed_to is None or payment.effective_date > closed_to:
        return payment.effective_date, None
    return closed_to + dt.timedelta(days=1), payment.effective_date


def _new_transaction(*, payment: Payment, bank: Account, funds: Account, posted: dict,
                     closed_to: dt.date | None) -> NewTransaction:
    """The ledger transaction :func:`_post_payment` posts for ``payment``."""
    memo = payment.memo or (f"{payment.payee} ({payment.reference})" if payment.reference else payment.payee)
    posted_on, relates_to = _posting_date(payment, posted, closed_to)
    return NewTransaction(
        effective_date=posted_on, kind="payment", memo=closing.late_memo(memo, relates_to),
        relates_to_date=relates_to, category=payment.category, idempotency_key=payment.idempotency_key,
        postings=[PostingLine(funds, payment.amount), PostingLine(bank, -payment.amount)],
    )


def _post_many(*, acting_user, transactions: list[NewTransaction]) -> list[Transaction]:
    if not transactions:
        return []
    try:
        return transactions_post(acting_user=acting_user, transactions=transactions, client_money=True)
    except LedgerError as exc:
        if exc.code == "ledger_overdrawn":  # the database's own check; ours should have caught it first
            raise LedgerError("These payments would overdraw a client's account; nothing has been recorded.",
                              code="insufficient_funds") from None
        raise


def _hold_reason(duplicate: Payment) -> str:
    return (f"Held as a possible duplicate of the payment of {pounds(duplicate.amount)} to {duplicate.payee} "
            f"on {long_date(duplicate.effective_date)}"
            + (" (itself held)" if duplicate.status == PaymentStatus.HELD else "")
            + "; another officer must release it.")


def client_payments_make(*, acting_user, payments: list[ClientPayment], release_held_by=None) -> list[Payment]:
    """Make many payments at once, each exactly as :func:`client_payment_make` makes it, in the order given:
    for bulk work (a payment run of thousands). Returns each one's :class:`Payment`, in that order.

    The same rules, line by line: each payment is checked against its client's available funds less the
    batch's earlier payments for that client; a possible duplicate (of a payment already made, or of an
    earlier one in the batch) or a large payment is held; a key used before returns that payment, and a key
    given twice in the batch returns the first (a different payment under a used key is a conflict). The
    same ledger transactions, ``Payment`` rows and history rows as calling :func:`client_payment_make` for
    each, and PostgreSQL checks every posting as it checks any other.

    ``release_held_by``, another officer (a payment run's approver, who has seen the run's check), releases
    each payment the ledger holds as soon as it is made, as :func:`payment_hold_release` would, funds
    checked again, so that the batch is paid in full.

    All or nothing: any refusal (naming the payment: "Payment 3: ...") writes nothing at all. Run it inside
    the caller's database transaction. Instead of a round trip or more per payment, the clients, funds,
    earlier payments and keys are read in a few queries, and the transactions (:func:`transactions_post`),
    payments and history rows are written a few statements per batch.
    """
    _require_writer(acting_user)
    if release_held_by is not None:
        _require_writer(release_held_by)
        if release_held_by.pk == acting_user.pk:
            raise PermissionDeniedError("You asked for these payments, so another officer must release any held.",
                                        code="same_officer")
    payments = list(payments)
    if not payments:
        return []
    for number, item in enumerate(payments, start=1):
        client = getattr(item, "client", None)
        if client is None or client.pk is None:
            raise _numbered(number, NotFoundError("No client found."))
    clients = {item.client.pk: item.client for item in payments}
    _check_actors(acting_user, clients)
    if release_held_by is not None:
        _check_actors(release_held_by, clients)
    lines = [_checked_line(number, item) for number, item in enumerate(payments, start=1)]

    with transaction.atomic():
        bank = _pooled_bank(acting_user=acting_user)
        funds = _locked_funds_accounts(acting_user=acting_user, clients=clients)
        keys = sorted({line.key for line in lines})
        existing: dict[str, Payment] = {}
        for chunk in _chunks(keys):
            found = Payment.objects.filter(idempotency_key__in=chunk).order_by("id")
            if release_held_by is not None:
                found = found.select_for_update(no_key=True)
            existing.update((payment.idempotency_key, payment) for payment in found)
        available = available_funds_by_client(client_ids=clients)
        spent: dict[int, Decimal] = defaultdict(Decimal)
        candidates = _Candidates([line for line in lines if line.key not in existing],
                                 known={payment.pk: payment for payment in existing.values()})
        threshold = second_person_above()
        now = timezone.now()

        made: dict[str, Payment] = {}
        results: list[Payment] = []
        new: list[tuple[Payment, str]] = []  # each new payment and its history reason
        duplicate_of: dict[int, Payment] = {}  # by id() of the new payment
        to_post: list[Payment] = []
        to_release: list[Payment] = []

        def funds_check(line: _Line, amount: Decimal) -> None:
            left = available[line.client.pk] - spent[line.client.pk]
            if amount > left:
                earlier = " after the batch's earlier payments for them" if spent[line.client.pk] else ""
                raise _numbered(line.number, LedgerError(
                    f"{line.client.full_name} has {pounds(left)} available{earlier}; this payment of {pounds(amount)} "
                    f"to {line.payee} would overdraw their account. Nothing has been recorded.",
                    code="insufficient_funds", extra={"available": str(left), "amount": str(amount)}))

        def release(payment: Payment, line: _Line) -> None:
            if payment.requested_by_id == release_held_by.pk:
                raise _numbered(line.number, PermissionDeniedError(
                    "You asked for this payment, so another officer must release it.", code="same_officer"))
            funds_check(line, payment.amount)
            spent[line.client.pk] += payment.amount
            payment.status = PaymentStatus.RELEASED
            payment.released_by, payment.released_at = release_held_by, now
            to_release.append(payment)

        for line in lines:
            payment = made.get(line.key) or existing.get(line.key)
            if payment is not None:
                if not _same_request(payment, client=line.client, amount=line.amount,
                                     effective_date=line.effective_date, category=line.category, payee=line.payee,
                                     reference=line.reference):
                    raise _numbered(line.number, ConflictError(
                        "A different payment was already recorded with this reference; nothing has been recorded. "
                        "Check whether this is a duplicate.", code="idempotency_conflict",
                        extra={"payment": payment.pk} if payment.pk else {}))
                if payment.status == PaymentStatus.HELD and release_held_by is not None and line.key not in made:
                    release(payment, line)
                made[line.key] = payment
                results.append(payment)
                continue
            funds_check(line, line.amount)
            payment = Payment(
                client=line.client, payee=line.payee, reference=line.reference, amount=line.amount,
                category=line.category, effective_date=line.effective_date, memo=line.memo, idempotency_key=line.key,
                requested_by=acting_user, requested_at=now,
            )
            duplicate = candidates.latest(line)
            if duplicate is not None:
                payment.status = PaymentStatus.HELD
                duplicate_of[id(payment)] = duplicate
                payment.hold_reason = _hold_reason(duplicate)
                new.append((payment, "Payment held as a possible duplicate"))
            elif line.amount > threshold:
                payment.status = PaymentStatus.HELD
                payment.hold_reason = (f"Held because it is more than {pounds(threshold)}; another officer must "
                                       "release it.")
                new.append((payment, "Payment held for a second officer (large amount)"))
            else:
                payment.status = PaymentStatus.POSTED
                spent[line.client.pk] += line.amount
                to_post.append(payment)
                new.append((payment, "Payment made"))
            if payment.status == PaymentStatus.HELD and release_held_by is not None:
                release(payment, line)
            candidates.add(line, payment)
            made[line.key] = payment
            results.append(payment)

        # Ids in the batch's order, so that a later payment is a later row, as one by one.
        for (payment, _), pk in zip(new, next_ids(Payment, len(new)) if new else []):
            payment.id = pk
        for payment, _ in new:
            if id(payment) in duplicate_of:
                payment.duplicate_of = duplicate_of[id(payment)]

        posted, closed_to = _posting_dates([payment.idempotency_key for payment in to_post + to_release])
        for payment, txn in zip(to_post, _post_many(acting_user=acting_user, transactions=[
                _new_transaction(payment=payment, bank=bank, funds=funds[payment.client_id], posted=posted,
                                 closed_to=closed_to) for payment in to_post])):
            payment.transaction = txn
        # Held payments are written held, then released: their history says both, as one by one.
        releasing = {id(payment) for payment in to_release}
        for reason in dict.fromkeys(reason for _, reason in new):
            group = [payment for payment, why in new if why == reason]
            for payment in group:
                if id(payment) in releasing:
                    payment.status, payment.released_by, payment.released_at = PaymentStatus.HELD, None, None
            insert_rows_with_history(Payment, group, user=acting_user, reason=reason)
            for payment in group:
                if id(payment) in releasing:
                    payment.status, payment.released_by, payment.released_at = (PaymentStatus.RELEASED,
                                                                                 release_held_by, now)
        if to_release:
            released = _post_many(acting_user=release_held_by, transactions=[
                _new_transaction(payment=payment, bank=bank, funds=funds[payment.client_id], posted=posted,
                                 closed_to=closed_to) for payment in to_release])
            for payment, txn in zip(to_release, released):
                payment.transaction = txn
            update_with_history(
                Payment,
                set_sql="status = %s, transaction_id = v.transaction_id, released_by_id = %s, released_at = %s",
                params=[PaymentStatus.RELEASED, release_held_by.pk, now],
                from_sql="unnest(%s::bigint[], %s::bigint[]) AS v(id, transaction_id)",
                from_params=[[payment.pk for payment in to_release],
                             [payment.transaction_id for payment in to_release]],
                user=release_held_by, reason="Held payment released by a second officer",
            )
        for payment, _ in new:
            payment._state.adding = False
            payment._state.db = connection.alias
        return results
