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

Every service is keyword-only, needs the acting user (who must be able to see the client; auditors
cannot write) and is atomic: a refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ConflictError, NotFoundError, PermissionDeniedError
from core.history import save_attributed
from core.rules import require
from ledger import closing
from ledger.choices import AccountKind, MoneyInCategory, MoneyOutCategory, OwnerKind, PaymentStatus, Purpose
from ledger.models import Account, ManualReceipt, Payment, Transaction
from ledger.money import to_money
from ledger.selectors import available_funds
from ledger.services import LedgerError, PostingLine, _require_writer, largest_amount, transaction_post
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

