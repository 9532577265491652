"""The only way money enters the ledger.

:func:`transaction_post` records one transaction; :func:`transaction_reverse` cancels one in full
with a reversing transaction. Nothing is ever edited or deleted. Both check everything in Python
first so the officer gets a sentence rather than a database error; PostgreSQL checks the same rules
again (see :mod:`ledger.models`), and if it refuses anyway its refusal becomes a :class:`LedgerError`.

Both are atomic and can run inside a larger service's transaction: the database's balance check,
normally deferred to commit, is brought forward to the end of each post so that an error surfaces
here, as a domain error, and not at some later commit.

A post is one round trip to PostgreSQL (``ledger_post()``, migrations/sql/0006_post_transaction.up.sql):
the idempotency key is claimed by the INSERT itself (ON CONFLICT DO NOTHING) rather than looked up
first, and the subtransaction that keeps a refusal from spoiling the caller's transaction is taken in
the database rather than by SAVEPOINT and RELEASE from here. The function enforces nothing: the
triggers check its inserts as they check any other.

:func:`transactions_post` records many at once for bulk work (a bank statement import): the same
checks and idempotency, but thousands of transactions per round trip (``ledger_post_many()``,
migrations/sql/0008_post_many.up.sql), all of them or none.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection
from django.db import transaction as db_transaction
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.roles import is_read_only
from ledger.choices import ALL_CATEGORIES, Purpose, TransactionKind
from ledger.models import Account, Transaction
from ledger.money import ZERO, has_at_most_two_places, to_decimal


_KINDS = frozenset(TransactionKind.values)

#: The accounts that hold client money: the pooled client bank account, suspense (unidentified money
#: paid into it) and each client's funds, income and expenditure. Money moves in and out of them only
#: through :mod:`ledger.client_money` (receipts, payments, releases) and :mod:`ledger.imports`
#: (statement lines, suspense allocations), which keep the categories, the funds checks and the second
#: person. (What a client *owes* the council, their care charges, is the council's money, not theirs.)
CLIENT_MONEY_PURPOSES = frozenset({Purpose.POOLED_BANK, Purpose.SUSPENSE, Purpose.CLIENT_FUNDS,
                                   Purpose.CLIENT_INCOME, Purpose.CLIENT_EXPENDITURE})


def holds_client_money(account: Account) -> bool:
    return account.purpose in CLIENT_MONEY_PURPOSES


def largest_amount() -> Decimal:
    """The largest single amount the ledger takes (``LEDGER_MAX_AMOUNT``): anything larger is a typing
    slip or an attack, never a care charge or a client's money."""
    return Decimal(str(getattr(settings, "LEDGER_MAX_AMOUNT", "5000000.00")))


def _refuse_client_money(lines) -> None:
    touched = sorted({line.account.name for line in lines if holds_client_money(line.account)})
    if touched:
        raise LedgerError(
            "Client money moves only as a receipt, a payment, a bank statement line or a suspense allocation, "
            f"never as a general transaction: {', '.join(touched)}.", code="client_money_route",
        )


class LedgerError(ApplicationError):
    """The ledger refused a transaction: it would not balance, or would change what is already posted."""

    code = "ledger_invalid"


#: The database's refusals (SQLSTATE from migrations/sql/0002_invariants.up.sql), in the council's words.
_DATABASE_REFUSALS = {
    "23L01": ("ledger_unbalanced", "The amounts in and out do not balance: the postings must add up to zero."),
    "23L02": ("ledger_too_few_postings", "A transaction needs at least two postings: money comes from one "
                                         "account and goes to another."),
    "23L03": ("ledger_append_only", "Posted transactions cannot be changed or deleted; record a reversal instead."),
    "23L04": ("ledger_effective_date", "Every posting must carry its transaction's effective date."),
    # From migrations/sql/0004_client_money.up.sql; ledger.client_money words these for the client.
    "23L05": ("ledger_overdrawn", "This would overdraw a client's funds: a client's money can only pay out "
                                  "what that client has."),
    "23L06": ("ledger_cross_client", "One client's money cannot pay for another: a transaction can touch the "
                                     "accounts of one client only."),
    # From migrations/sql/0010_*.up.sql.
    "23L07": ("ledger_month_closed", "That month is closed for client money: its reconciliation has been signed "
                                     "off. Post it in the first open month, saying which date it belongs to."),
    "23L08": ("ledger_transaction_sealed", "A posted transaction cannot take more postings; post a new "
                                           "transaction instead."),
    "23L09": ("ledger_account_fixed", "Money has been posted to this account, so whose it is and what it is for "
                                      "cannot change. Open another account and move the money with a transaction."),
    "23L10": ("ledger_closing_record", "The record of a closed month cannot be deleted or changed; a client "
                                       "affairs team leader can reopen the month, giving a reason."),
    "23L11": ("ledger_not_client_affairs", "Only the client affairs team can move client money."),
    "23L12": ("ledger_not_client_affairs_leader", "Only a client affairs team leader can sign off a month."),
    "23514": ("ledger_check_failed", "The transaction breaks one of the ledger's rules, for example a "
                                     "posting of nothing."),
}


@dataclass(frozen=True)
class PostingLine:
    """One line of a transaction to post: ``amount`` is a debit if positive, a credit if negative."""

    account: Account
    amount: Decimal


def _sqlstate(exc: BaseException) -> str | None:
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) or getattr(getattr(cause, "diag", None), "sqlstate", None)


def _constraint_name(exc: BaseException) -> str | None:
    return getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)


def _refusal(state: str | None, database_message: str | None) -> LedgerError:
    code, message = _DATABASE_REFUSALS.get(state, ("ledger_refused", "The ledger refused this transaction."))
    return LedgerError(message, code=code, extra={"database": database_message or ""})


def _as_ledger_error(exc: DatabaseError) -> LedgerError:
    return _refusal(_sqlstate(exc), str(exc).splitlines()[0] if str(exc) else "")


def _require_writer(user) -> None:
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        raise PermissionDeniedError("Sign in to record money.")
    if is_read_only(user):
        raise PermissionDeniedError("Auditors have read-only access.")


def _lines(postings) -> list[PostingLine]:
    """The postings as checked :class:`PostingLine` s, or a :class:`LedgerError` saying what is wrong."""
    lines: list[PostingLine] = []
    for number, item in enumerate(postings, start=1):
        line = item if isinstance(item, PostingLine) else PostingLine(*item)
        if isinstance(line.amount, float):
            raise LedgerError(
                f"Line {number}: amounts must be exact (a Decimal such as Decimal('12.34')), never a float.",
                code="float_amount",
            )
        try:
            amount = to_decimal(line.amount)
        except (TypeError, ValueError):
            raise LedgerError(f"Line {number}: {line.amount!r} is not an amount of money.", code="not_money") from None
        if not has_at_most_two_places(amount):
            raise LedgerError(f"Line {number}: {amount} has more than two decimal places; use whole pence.",
                              code="sub_penny")
        if amount == 0:
            raise LedgerError(f"Line {number}: a posting of £0.00 moves nothing; leave it out.", code="zero_amount")
        if abs(amount) > largest_amount():
            raise LedgerError(f"Line {number}: £{abs(amount):,.2f} is more than the largest single amount the ledger "
                              f"takes (£{largest_amount():,.2f}).", code="too_large")
        if not isinstance(line.account, Account) or line.account.pk is None:
            raise LedgerError(f"Line {number}: choose an existing account.", code="no_account")
        lines.append(PostingLine(account=line.account, amount=amount.quantize(Decimal("0.01"))))
    if len(lines) < 2:
        raise LedgerError(
            "A transaction needs at least two postings: money comes from one account and goes to another.",
            code="ledger_too_few_postings",
        )
    total = sum((line.amount for line in lines), ZERO)
    if total != 0:
        raise LedgerError(
            f"The amounts in and out do not balance: the postings add up to £{total}, not £0.00.",
            code="ledger_unbalanced",
        )
    return lines


def _content(*, effective_date, kind, memo, reverses_id, pairs, category=None, relates_to_date=None) -> tuple:
    """What makes two posts under one idempotency key the same post (who posted it does not)."""
    return (effective_date, kind, memo, reverses_id, category or None, relates_to_date,
            Counter((account_id, amount) for account_id, amount in pairs))


class _Checked(NamedTuple):
    effective_date: dt.date
    kind: str
    memo: str
    idempotency_key: str
    category: str | None
    relates_to_date: dt.date | None
    lines: list[PostingLine]
    content: tuple


def _checked(*, effective_date, kind, memo, postings, idempotency_key, category, reverses,
             relates_to_date=None) -> _Checked:
    """A post's parts, checked and tidied, or a :class:`LedgerError` saying what is wrong."""
    if not isinstance(effective_date, dt.date) or isinstance(effective_date, dt.datetime):
        raise LedgerError("Give the date the money moved.", code="no_effective_date")
    if relates_to_date is not None and (
            not isinstance(relates_to_date, dt.date) or isinstance(relates_to_date, dt.datetime)
            or relates_to_date >= effective_date):
        raise LedgerError("A late item is posted after the date it belongs to: give that earlier date as a date.",
                          code="invalid_relates_to_date")
    if kind not in _KINDS:
        raise LedgerError(f"{kind!r} is not a kind of transaction.", code="invalid_kind")
    idempotency_key = (idempotency_key or "").strip()
    if not idempotency_key or len(idempotency_key) > 200:
        raise LedgerError("Every transaction needs a reference of up to 200 characters (its idempotency key).",
                          code="no_idempotency_key")
    memo = (memo or "").strip()
    if len(memo) > 500:
        raise LedgerError("Keep the description to 500 characters.", code="memo_too_long")
    category = category or None
    if category is not None and category not in ALL_CATEGORIES:
        raise LedgerError(f"{category!r} is not one of the Office of the Public Guardian's categories.",
                          code="invalid_category")
    lines = _lines(postings)
    content = _content(effective_date=effective_date, kind=kind, memo=memo, category=category,
                       reverses_id=reverses.pk if reverses else None, relates_to_date=relates_to_date,
                       pairs=[(line.account.pk, line.amount) for line in lines])
    return _Checked(effective_date, kind, memo, idempotency_key, category, relates_to_date, lines, content)


def _existing(idempotency_key: str, content: tuple) -> Transaction | None:
    """The transaction already posted under this key, if it is the same one; a conflict if it is not."""
    # The transaction and its postings in one query.
    found = list(Transaction.objects.raw(
        "SELECT t.*, array_agg(p.account_id) AS posted_accounts, array_agg(p.amount) AS posted_amounts "
        "FROM ledger_transaction t LEFT JOIN ledger_posting p ON p.transaction_id = t.id "
        "WHERE t.idempotency_key = %s GROUP BY t.id",
        [idempotency_key],
    ))
    if not found:
        return None
    existing = found[0]
    posted = _content(
        effective_date=existing.effective_date, kind=existing.kind, memo=existing.memo,
        reverses_id=existing.reverses_id, category=existing.category, relates_to_date=existing.relates_to_date,
        pairs=[(account_id, amount) for account_id, amount in zip(existing.posted_accounts, existing.posted_amounts)
               if account_id is not None],
    )
    if posted != content:
        raise ConflictError(
            f"A different transaction ({existing.pk}) was already posted with this reference; "
            "nothing has been recorded. Check whether this is a duplicate.",
            code="idempotency_conflict", extra={"transaction": existing.pk},
        )
    return existing


def transaction_post(
    *,
    acting_user,
    effective_date: dt.date,
    kind: str,
    memo: str = "",
    postings: list[PostingLine] | list[tuple[Account, Decimal]],
    idempotency_key: str,
    reverses: Transaction | None = None,
    category: str | None = None,
    relates_to_date: dt.date | None = None,
    client_money: bool = False,
) -> Transaction:
    """Record one transaction: money moved between accounts on ``effective_date``.

    Each posting is a debit (positive) or a credit (negative); together they must add up to zero.
    ``idempotency_key`` is the caller's reference for this one event (a bank line's id, a form's
    token): posting again with the same key returns the transaction already recorded and writes
    nothing, and a different transaction under the same key is refused as a conflict.
    ``reverses`` is for :func:`transaction_reverse`. ``category`` is the Office of the Public
    Guardian's money-in (receipt) or money-out (payment) category, for a client's money
    (:mod:`ledger.client_money`). ``relates_to_date`` is for a late item: the earlier date, in a closed
    month, that the money belongs to (:mod:`ledger.closing`); the transaction is dated ``effective_date``.
    ``client_money`` is for :mod:`ledger.client_money` and :mod:`ledger.imports` only: without it, a
    transaction touching an account that holds client money (:func:`holds_client_money`) is refused.
    """
    _require_writer(acting_user)
    effective_date, kind, memo, idempotency_key, category, relates_to_date, lines, content = _checked(
        effective_date=effective_date, kind=kind, memo=memo, postings=postings, idempotency_key=idempotency_key,
        category=category, reverses=reverses, relates_to_date=relates_to_date)

    if reverses is None and not client_money:
        _refuse_client_money(lines)
    if reverses is None:
        inactive = sorted({line.account.name for line in lines if not line.account.is_active})
        if inactive:
            # Asking again for a post already made still returns it, even once an account has closed.
            existing = _existing(idempotency_key, content)
            if existing is not None:
                return existing
            raise LedgerError(f"Closed accounts cannot take new postings: {', '.join(inactive)}.",
                              code="account_closed")
        if kind == TransactionKind.REVERSAL:
            raise LedgerError("Use a reversal only to reverse a transaction.", code="invalid_kind")
    else:
        existing = _existing(idempotency_key, content)
        if existing is not None:
            return existing
        _check_full_reversal(reverses, lines)

    posted_at = timezone.now()
    # One round trip (migrations/sql/0006_post_transaction.up.sql): insert the transaction unless its key
    # is taken, then its postings. On its own (autocommit) the call is a database transaction by itself,
    # so the deferred checks run as it commits, within this same statement. Inside a larger database
    # transaction the function brings them forward to the end of this post and runs it in a
    # subtransaction (what a savepoint gave us), so a refusal undoes this post only and comes back as a
    # row rather than aborting the caller's work.
    protect = connection.in_atomic_block or not connection.get_autocommit()
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT * FROM ledger_post(%s::date, %s::timestamptz, %s::text, %s::text, %s::integer, %s::text, "
                "%s::bigint, %s::text, %s::date, %s::bigint[], %s::numeric[], %s::boolean)",
                [effective_date, posted_at, kind, memo, acting_user.pk, idempotency_key,
                 reverses.pk if reverses else None, category, relates_to_date,
                 # Array literals: exact (whole pence, plain notation) and cheaper to send than lists.
                 "{" + ",".join(str(int(line.account.pk)) for line in lines) + "}",
                 "{" + ",".join(str(line.amount) for line in lines) + "}", protect],
            )
            txn_id, state, constraint, message = cursor.fetchone()
    except IntegrityError as exc:
        txn_id, state, constraint = None, _sqlstate(exc) or "23000", _constraint_name(exc) or ""
        message = str(exc).splitlines()[0] if str(exc) else ""
    except DatabaseError as exc:
        if _sqlstate(exc) in _DATABASE_REFUSALS:
            raise _as_ledger_error(exc) from None
        raise
    if state is not None:
        if constraint == "ledger_transaction_reversed_once":
            raise LedgerError("This transaction has already been reversed.", code="already_reversed")
        raise _refusal(state, message)
    if txn_id is None:
        # Already posted under this key (perhaps by another session at this very moment: theirs stands).
        existing = _existing(idempotency_key, content)
        if existing is not None:
            return existing
        raise LedgerError("The ledger refused this transaction.", code="ledger_refused")  # pragma: no cover
    txn = Transaction(
        id=txn_id, effective_date=effective_date, posted_at=posted_at, kind=kind, memo=memo,
        acting_user=acting_user, idempotency_key=idempotency_key, reverses=reverses, category=category,
        relates_to_date=relates_to_date,
    )
    txn._state.adding = False
    txn._state.db = connection.alias
    return txn


@dataclass(frozen=True)
class NewTransaction:
    """One transaction for :func:`transactions_post`: the arguments of :func:`transaction_post`."""

    effective_date: dt.date
    kind: str
    postings: list[PostingLine]
    idempotency_key: str
    memo: str = ""
    category: str | None = None
    relates_to_date: dt.date | None = None


#: Transactions sent to PostgreSQL in one ``ledger_post_many()`` call.
POST_MANY_BATCH = 10_000


def transactions_post(*, acting_user, transactions: list[NewTransaction], client_money: bool = False) -> list[Transaction]:
    """Record many transactions at once, as :func:`transaction_post` records one: the same checks, the same
    idempotency (a key already posted returns that transaction, if it is the same one, and a different
    transaction under a taken key is a conflict), the same triggers. The transactions come back in the
    order given. All of them are posted or, on any refusal, none (a :class:`LedgerError` naming the
    database's reason); run it inside the caller's database transaction.

    For bulk work (a bank statement's lines): a few thousand transactions go to PostgreSQL in one
    ``ledger_post_many()`` call (migrations/sql/0008_post_many.up.sql), two multi-row INSERTs, rather than
    one round trip each. Reversals are not posted this way: use :func:`transaction_reverse`.
    """
    _require_writer(acting_user)
    checked: list[_Checked] = []
    first_of_key: dict[str, _Checked] = {}
    for item in transactions:
        if item.kind == TransactionKind.REVERSAL:
            raise LedgerError("Use a reversal only to reverse a transaction.", code="invalid_kind")
        one = _checked(effective_date=item.effective_date, kind=item.kind, memo=item.memo, postings=item.postings,
                       idempotency_key=item.idempotency_key, category=item.category, reverses=None,
                       relates_to_date=item.relates_to_date)
        if not client_money:
            _refuse_client_money(one.lines)
        earlier = first_of_key.setdefault(one.idempotency_key, one)
        if earlier is not one and earlier.content != one.content:
            raise ConflictError(
                f"Two different transactions were given the same reference ({one.idempotency_key}); "
                "nothing has been recorded.", code="idempotency_conflict",
            )
        checked.append(one)

    unique = list(first_of_key.values())
    inactive = {line.account.pk: line.account.name for one in unique for line in one.lines
                if not line.account.is_active}
    posted: dict[str, Transaction] = {}
    if inactive:
        # Asking again for posts already made still returns them, even once an account has closed.
        for one in unique:
            if any(line.account.pk in inactive for line in one.lines):
                existing = _existing(one.idempotency_key, one.content)
                if existing is None:
                    names = sorted({line.account.name for line in one.lines if line.account.pk in inactive})
                    raise LedgerError(f"Closed accounts cannot take new postings: {', '.join(names)}.",
                                      code="account_closed")
                posted[one.idempotency_key] = existing
        unique = [one for one in unique if one.idempotency_key not in posted]

    posted_at = timezone.now()
    for start in range(0, len(unique), POST_MANY_BATCH):
        batch = unique[start:start + POST_MANY_BATCH]
        postings = [(one.idempotency_key, line.account.pk, line.amount) for one in batch for line in one.lines]
        try:
            # A savepoint: a refusal undoes this call only and comes back as a LedgerError.
            with db_transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT posted_key, posted_id FROM ledger_post_many(%s::timestamptz, %s::integer, "
                    "%s::date[], %s::text[], %s::text[], %s::text[], %s::text[], %s::date[], %s::text[], "
                    "%s::bigint[], %s::numeric[])",
                    [posted_at, acting_user.pk,
                     [one.effective_date for one in batch], [one.kind for one in batch],
                     [one.memo for one in batch], [one.idempotency_key for one in batch],
                     [one.category for one in batch], [one.relates_to_date for one in batch],
                     [key for key, _, _ in postings], [account for _, account, _ in postings],
                     [amount for _, _, amount in postings]],
                )
                ids = dict(cursor.fetchall())
        except IntegrityError as exc:
            if _constraint_name(exc) == "ledger_transaction_reversed_once":  # pragma: no cover - no reversals here
                raise LedgerError("This transaction has already been reversed.", code="already_reversed") from None
            raise _as_ledger_error(exc) from None
        except DatabaseError as exc:
            if _sqlstate(exc) in _DATABASE_REFUSALS:
                raise _as_ledger_error(exc) from None
            raise
        for one in batch:
            txn_id = ids.get(one.idempotency_key)
            if txn_id is None:
                # Already posted under this key (perhaps by another session at this very moment: theirs stands).
                existing = _existing(one.idempotency_key, one.content)
                if existing is None:  # pragma: no cover - a key is taken only by a transaction
                    raise LedgerError("The ledger refused this transaction.", code="ledger_refused")
                posted[one.idempotency_key] = existing
                continue
            txn = Transaction(
                id=txn_id, effective_date=one.effective_date, posted_at=posted_at, kind=one.kind, memo=one.memo,
                acting_user=acting_user, idempotency_key=one.idempotency_key, reverses=None, category=one.category,
                relates_to_date=one.relates_to_date,
            )
            txn._state.adding = False
            txn._state.db = connection.alias
            posted[one.idempotency_key] = txn
    return [posted[one.idempotency_key] for one in checked]


def _check_full_reversal(original: Transaction, lines: list[PostingLine]) -> None:
    if original.reverses_id is not None:
        raise LedgerError("A reversal cannot itself be reversed; post a new transaction instead.",
                          code="reversal_of_reversal")
    expected = Counter((account_id, -amount) for account_id, amount in original.postings.values_list(
        "account_id", "amount"))
    if Counter((line.account.pk, line.amount) for line in lines) != expected:
        raise LedgerError("A reversal must negate every posting of the original transaction.",
                          code="partial_reversal")


def transaction_reverse(
    *,
    acting_user,
    transaction: Transaction,
    effective_date: dt.date | None = None,
    memo: str = "",
    idempotency_key: str | None = None,
) -> Transaction:
    """Cancel a transaction in full: post its opposite, every posting negated, dated ``effective_date``
    (today unless given). A transaction is reversed at most once, and a reversal is never reversed.

    Asking again with the same ``idempotency_key`` returns the reversal already made.
    """
    from django.db import transaction as db

    _require_writer(acting_user)
    original = transaction
    if original.pk is None:
        raise LedgerError("Choose a posted transaction to reverse.", code="not_posted")
    if original.reverses_id is not None:
        raise LedgerError("A reversal cannot itself be reversed; post a new transaction instead.",
                          code="reversal_of_reversal")
    with db.atomic():
        # Serialise reversals of the same transaction. An advisory lock, not a row lock: locking a row
        # needs UPDATE on its table, which the application's database role does not have on the
        # append-only ledger (core/database.py). The unique reversal constraint is the real guard; the
        # lock lets the second caller be told who reversed it first.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('ledger.transaction_reverse'), %s)",
                           [original.pk % 2_147_483_647])
        original = Transaction.objects.get(pk=original.pk)
        already = Transaction.objects.filter(reverses=original).first()
        if already is not None:
            if idempotency_key and already.idempotency_key == idempotency_key:
                return already
            raise LedgerError(f"This transaction has already been reversed (by transaction {already.pk}).",
                              code="already_reversed", extra={"reversal": already.pk})
        postings = [
            PostingLine(account=p.account, amount=-p.amount)
            for p in original.postings.select_related("account").order_by("id")
        ]
        return transaction_post(
            acting_user=acting_user,
            effective_date=effective_date or timezone.localdate(),
            kind=TransactionKind.REVERSAL,
            memo=memo or f"Reversal of transaction {original.pk}" + (f": {original.memo}" if original.memo else ""),
            postings=postings,
            idempotency_key=idempotency_key or f"reversal-of:{original.pk}",
            reverses=original,
            category=original.category,
        )
