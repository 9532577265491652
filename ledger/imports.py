"""Bank statement import: a bank's CSV export of the pooled client bank account, posted line by line.

The format, the supported layouts and the rules are described for officers in
``docs/importing-a-bank-statement.md``. In short:

1. **Read and check the whole file first** (:func:`statement_parse`). The layout is recognised from the
   headings row (:data:`LAYOUTS`, a column mapping per bank). Every line is checked; any problem
   (a date that is not a real date, an amount that is not money or has more than two decimal places,
   too many lines...) refuses the whole file with an :class:`~core.exceptions.ApplicationError` whose
   message and ``extra["errors"]`` name each line and its problem. Nothing is written.
2. **Plan** (:func:`_plan`): each line gets a ``fingerprint`` (date, amount, description, reference,
   and how many identical lines came before it on that day in this file). A line whose fingerprint is
   already in :class:`~ledger.models.StatementLine` was imported before and is skipped. A new line
   naming one client's council reference (``ASC-100001``, also written ``ASC100001`` or
   ``ASC 100001``) that the officer can see is *matched*: to the receipt or payment an officer already
   recorded for that client and amount within :data:`EXPECTED_WINDOW_DAYS` days, if there is one not
   yet matched (nothing new is posted); otherwise money in is posted as a receipt into that client's
   funds, money out as a payment from them. Everything else goes to *suspense*, the council's
   unallocated account, for an officer to allocate later (:func:`suspense_allocate`). Money out
   that would overdraw the client's funds goes to suspense too.
3. **Post** (``commit=True``), in one database transaction: all of it or none of it. Each posted
   transaction's idempotency key is the line's fingerprint, so even a second import racing the first
   cannot post a line twice. ``commit=False`` returns the same plan as a preview and writes nothing.

A line dated in a month already closed for client money (its reconciliation signed off) is posted late,
like any other late item (:mod:`ledger.closing`): dated the first day after the closed period, naming the
line's own date (``relates_to_date`` and the description). The statement line keeps the bank's date.
Allocating such a line from suspense later is posted the same way.

Both are set-based, so a 100,000-line file takes seconds, not an hour: the plan makes a handful of
queries whatever the file's length, and the lines are posted through
:func:`ledger.services.transactions_post` (thousands of transactions per round trip, checked by the
same triggers as any post) and recorded, with their history, by one INSERT per 10,000 lines.

Money in is Dr pooled bank / Cr client's funds (matched) or Cr suspense (unmatched); money out is
Dr client's funds or Dr suspense / Cr pooled bank. Amounts are read from the text with ``Decimal``;
a float never touches them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError, NotFoundError
from core.history import insert_with_history, set_reason
from core.rules import require
from ledger import closing
from ledger.choices import AccountKind, MoneyInCategory, MoneyOutCategory, OwnerKind, Purpose, TransactionKind
from ledger.client_money import _check_actor, _funds_account, _pooled_bank, pounds
from ledger.models import (
    Account,
    Posting,
    Transaction,
    StatementImport,
    StatementLine,
    StatementLineStatus,
)
from ledger.money import ZERO
from ledger.selectors import account_balance
from ledger.statements import account_checks, layouts
from ledger.statements.csv_reader import read_csv
from ledger.statements.custom import saved_layouts
from ledger.statements.structured import read_structured
from ledger.statements.lines import ParsedFile, ParsedLine, refuse  # noqa: F401 (ParsedLine: part of this API)
from ledger.services import (
    LedgerError,
    NewTransaction,
    PostingLine,
    _require_writer,
    transaction_post,
    transactions_post,
)
from people.models import Client
from people.selectors import clients_visible_to

#: A file larger than this is refused before it is read (about 250 bytes a line at the line limit).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: A file with more lines than this (not counting the headings) is refused: split it by month.
MAX_LINES = 200_000
#: At most this many problems are listed in the message; ``extra["errors"]`` lists up to MAX_ERRORS_KEPT.
MAX_ERRORS_SHOWN = 20
MAX_ERRORS_KEPT = 1000

SUSPENSE_NAME = "Unallocated bank lines (suspense)"

#: A matched line is the bank's record of a receipt or payment an officer already recorded for the same
#: client and amount, dated up to this many days either side of the line, if one is not yet matched.
EXPECTED_WINDOW_DAYS = 7

#: A client's council reference as banks print it: ASC-100001, ASC100001 or ASC 100001.
CLIENT_REFERENCE = re.compile(r"\bASC[-\s]?(\d{6})\b", re.IGNORECASE)


#: The built-in CSV layouts (``ledger.statements.layouts``), by bank.
LAYOUTS = layouts.LAYOUTS


#: Money-in categories recognised from the description, first match wins; otherwise other_income.
MONEY_IN_RULES = (
    (re.compile(r"\bPIP\b|PERSONAL INDEPENDENCE", re.I), MoneyInCategory.PERSONAL_INDEPENDENCE_PAYMENT),
    (re.compile(r"ATTENDANCE ALLOWANCE|\bDWP AA\b", re.I), MoneyInCategory.ATTENDANCE_ALLOWANCE),
    (re.compile(r"PENSION CREDIT|\bDWP PC\b", re.I), MoneyInCategory.PENSION_CREDIT),
    (re.compile(r"STATE PENSION|\bDWP (SP|RP)\b", re.I), MoneyInCategory.STATE_PENSION),
    (re.compile(r"\bDWP\b", re.I), MoneyInCategory.OTHER_BENEFITS),
    (re.compile(r"PENSION", re.I), MoneyInCategory.PERSONAL_PENSION),
    (re.compile(r"\bREFUND", re.I), MoneyInCategory.REFUNDS),
)
#: Money out is always other_spending; an officer recategorises if need be.
MONEY_OUT_CATEGORY = MoneyOutCategory.OTHER_SPENDING

# --- reading the file -----------------------------------------------------------------------------

def _refuse(message: str, *, code: str, errors: list[dict] | None = None) -> ApplicationError:
    return refuse(message, code=code, errors=errors)


def _decode(content: bytes) -> str:
    if b"\x00" in content:
        raise _refuse("This is not a CSV file: it contains binary data. Export the statement from online "
                      "banking as CSV.", code="not_csv")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")  # older bank exports (a £ sign as byte A3)
    except UnicodeDecodeError:
        raise _refuse("This is not a CSV file: it is not text. Export the statement from online banking as CSV.",
                      code="not_csv") from None


def statement_parse(*, content: bytes) -> ParsedFile:
    """Read and check the whole file (:mod:`ledger.statements`). Raises :class:`ApplicationError` naming
    every bad line, or saying why a file of this kind cannot be imported."""
    if not isinstance(content, (bytes, bytearray)):
        raise TypeError("content must be the file's bytes")
    if len(content) > MAX_FILE_BYTES:
        raise _refuse(f"The file is {len(content):,} bytes; the most that can be imported at once is "
                      f"{MAX_FILE_BYTES:,} bytes. Export a shorter period.", code="file_too_large")
    sha256 = hashlib.sha256(content).hexdigest()
    text = _decode(bytes(content))
    if not text.strip():
        raise _refuse("The file is empty.", code="empty_file")
    structured = read_structured(text, sha256=sha256, max_lines=MAX_LINES)
    if structured is not None:
        return structured
    return read_csv(text, sha256=sha256, max_lines=MAX_LINES, max_errors=MAX_ERRORS_KEPT,
                    max_errors_shown=MAX_ERRORS_SHOWN, more_layouts=saved_layouts)


# --- planning: fingerprint, skip, match -----------------------------------------------------------

def line_fingerprint(*, date: dt.date, amount: Decimal, description: str, reference: str, occurrence: int) -> str:
    """The line's identity across files: the same bank line always gives the same fingerprint.

    ``occurrence`` counts identical lines (same date, amount, description and reference) earlier in the
    same file, from 1, so two genuine identical payments on one day are both posted.
    """
    text = "|".join([date.isoformat(), f"{amount:.2f}", " ".join(description.upper().split()),
                     " ".join(reference.upper().split()), str(occurrence)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def money_in_category(text: str) -> str:
    for pattern, category in MONEY_IN_RULES:
        if pattern.search(text):
            return category
    return MoneyInCategory.OTHER_INCOME


@dataclass
class PlannedLine:
    line: ParsedLine
    fingerprint: str
    outcome: str  # matched, suspense or skipped
    client: Client | None = None
    #: The receipt or payment an officer already recorded that this line is the bank's record of.
    existing: Transaction | None = None
    category: str | None = None
    reason: str = ""


@dataclass
class StatementPreview:
    """What an import did (``commit=True``, with ``statement_import`` set) or would do (a preview)."""

    file_name: str
    sha256: str
    layout: str
    lines: list[PlannedLine] = field(default_factory=list)
    statement_import: StatementImport | None = None
    #: The layout's name, and why it was recognised.
    layout_label: str = ""
    layout_reason: str = ""
    #: What the officer should check before importing, and what the reader did (lines skipped...).
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def _of(self, outcome: str) -> list[PlannedLine]:
        return [planned for planned in self.lines if planned.outcome == outcome]

    @property
    def matched(self) -> list[PlannedLine]:
        return self._of("matched")

    @property
    def suspense(self) -> list[PlannedLine]:
        return self._of("suspense")

    @property
    def skipped(self) -> list[PlannedLine]:
        return self._of("skipped")


def _references(line: ParsedLine) -> set[str]:
    return {f"ASC-{digits}" for digits in CLIENT_REFERENCE.findall(f"{line.description} {line.reference}")}


def _plan(*, acting_user, parsed: ParsedFile, lock: bool = False) -> list[PlannedLine]:
    """What happens to each line. With ``lock`` (when importing), the funds row of each client the
    import would pay into or out of is locked as :func:`ledger.client_money.client_payment_make` locks
    it, so a payment made while the import runs cannot spend money the import has counted on.

    Set-based, whatever the file's length: the lines already imported, the clients named, the items
    already recorded and the clients' funds and balances are each one query (or one per 10,000)."""
    occurrences: Counter = Counter()
    planned: list[PlannedLine] = []
    for line in parsed.lines:
        identity = (line.date, line.amount, " ".join(line.description.upper().split()),
                    " ".join(line.reference.upper().split()))
        occurrences[identity] += 1
        planned.append(PlannedLine(line=line, outcome="", fingerprint=line_fingerprint(
            date=line.date, amount=line.amount, description=line.description, reference=line.reference,
            occurrence=occurrences[identity])))

    seen: set[str] = set()
    fingerprints = [p.fingerprint for p in planned]
    for start in range(0, len(fingerprints), _CHUNK):
        seen.update(StatementLine.objects.filter(fingerprint__in=fingerprints[start:start + _CHUNK])
                    .values_list("fingerprint", flat=True))

    references = {id(p): _references(p.line) for p in planned if p.fingerprint not in seen}
    wanted = set().union(*references.values())
    clients = {c.council_reference.upper(): c for c in clients_visible_to(user=acting_user)
               .filter(council_reference__in=wanted)} if wanted else {}
    named: dict[int, Client] = {}  # each new line naming exactly one client the officer can see
    for item in planned:
        found = {clients[ref] for ref in references.get(id(item), ()) if ref in clients}
        if len(found) == 1:
            named[id(item)] = found.pop()
    expected = _expected_items(planned=[p for p in planned if id(p) in named], named=named)

    # In date order (then file order) so money in on a day is there for money out after it. First
    # what needs no balance: lines already imported, lines naming no one client, lines that are the
    # bank's record of an item already recorded.
    ordered = sorted(planned, key=lambda p: (p.line.date, p.line.order))
    to_post: list[PlannedLine] = []
    for item in ordered:
        line = item.line
        if item.fingerprint in seen:
            item.outcome, item.reason = "skipped", "already imported"
            continue
        if id(item) not in named:
            refs = references[id(item)]
            found = [clients[ref] for ref in sorted(refs) if ref in clients]
            item.outcome = "suspense"
            item.reason = ("no client reference" if not refs else
                           "names more than one client" if len(found) > 1 else
                           f"no client you can see has the reference {', '.join(sorted(refs))}")
            continue
        client = named[id(item)]
        existing = _take_expected(expected, client=client, line=line)
        if existing is not None:
            item.outcome, item.client, item.existing, item.category = "matched", client, existing, existing.category
            item.reason = (f"matched to {client.council_reference}: the {existing.get_kind_display().lower()} "
                           f"already recorded on {existing.effective_date:%d/%m/%Y} (transaction {existing.pk})")
            continue
        to_post.append(item)

    # Then the rest, against what each client has: their funds accounts (locked when importing) and
    # balances, for every client at once.
    available = _funds_available(client_ids={named[id(item)].pk for item in to_post}, lock=lock)
    for item in to_post:
        line, client = item.line, named[id(item)]
        if line.amount < 0 and available[client.pk] + line.amount < 0:
            item.outcome = "suspense"
            item.reason = (f"{client.full_name} has {pounds(available[client.pk])} available; a payment of "
                           f"{pounds(-line.amount)} would overdraw their account")
            continue
        available[client.pk] += line.amount
        item.outcome, item.client = "matched", client
        item.category = (money_in_category(f"{line.description} {line.bank_type}") if line.amount > 0
                         else MONEY_OUT_CATEGORY)
        item.reason = f"matched to {client.council_reference}"
    return planned


#: Look-ups by a list of values are sent this many values at a time.
_CHUNK = 10_000


def _funds_available(*, client_ids: set[int], lock: bool) -> dict[int, Decimal]:
    """What each client has in their funds (what :func:`account_balance` shows; nothing if they have no
    funds account yet). With ``lock`` the funds rows are locked first, in id order, FOR NO KEY UPDATE,
    as the overdraft trigger locks them (migrations/sql/0004_client_money.up.sql)."""
    available: dict[int, Decimal] = dict.fromkeys(client_ids, ZERO)
    ids = sorted(client_ids)
    accounts: dict[int, int] = {}  # funds account id -> client id
    for start in range(0, len(ids), _CHUNK):
        funds = Account.objects.filter(client_id__in=ids[start:start + _CHUNK], purpose=Purpose.CLIENT_FUNDS)
        if lock:
            funds = funds.select_for_update(no_key=True).order_by("id")
        accounts.update(funds.values_list("id", "client_id"))
    account_ids = sorted(accounts)
    for start in range(0, len(account_ids), _CHUNK):
        sums = (Posting.objects.filter(account_id__in=account_ids[start:start + _CHUNK]).order_by()
                .values("account_id").annotate(total=Sum("amount")).values_list("account_id", "total"))
        for account_id, total in sums:
            # A liability: credits (negative) are money held for the client.
            available[accounts[account_id]] = -total
    return available


def _expected_items(*, planned: list[PlannedLine], named: dict[int, Client]) -> dict:
    """Receipts and payments already recorded between a client's funds and the pooled bank that no
    statement line has matched yet (and that are not reversed), by (client, amount as the bank shows it):
    only those a line of this file could be, that is of a client and amount some line names and shows.
    One query for the candidates, one for their transactions."""
    if not planned:
        return {}
    window = dt.timedelta(days=EXPECTED_WINDOW_DAYS)
    start = min(p.line.date for p in planned) - window
    end = max(p.line.date for p in planned) + window
    pairs = sorted({(named[id(p)].pk, p.line.amount) for p in planned})
    # The candidates first (a client's funds posting of a wanted amount in the window), then the checks
    # on each of those few: so that no plan ever reads all of the pooled bank's postings.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH candidate AS MATERIALIZED (
                SELECT DISTINCT p.transaction_id, a.client_id, -p.amount AS amount
                  FROM unnest(%s::bigint[], %s::numeric[]) AS wanted(client_id, amount)
                  JOIN ledger_account a ON a.client_id = wanted.client_id AND a.purpose = %s
                  JOIN ledger_posting p ON p.account_id = a.id AND p.amount = -wanted.amount
                                       AND p.effective_date BETWEEN %s AND %s
            )
            SELECT c.transaction_id, c.client_id, c.amount
              FROM candidate c
              JOIN ledger_transaction t ON t.id = c.transaction_id AND t.kind IN (%s, %s)
              CROSS JOIN LATERAL (
                  SELECT 1 FROM ledger_posting bp JOIN ledger_account b ON b.id = bp.account_id
                   WHERE bp.transaction_id = t.id AND b.purpose = %s LIMIT 1) AS with_bank
             WHERE NOT EXISTS (SELECT 1 FROM ledger_statementline s WHERE s.transaction_id = t.id)
               AND NOT EXISTS (SELECT 1 FROM ledger_transaction r WHERE r.reverses_id = t.id)
            """,
            [[client_id for client_id, _ in pairs], [amount for _, amount in pairs], Purpose.CLIENT_FUNDS,
             start, end, TransactionKind.RECEIPT, TransactionKind.PAYMENT, Purpose.POOLED_BANK],
        )
        found = cursor.fetchall()
    transactions = Transaction.objects.in_bulk([txn_id for txn_id, _, _ in found])
    items: dict[tuple[int, Decimal], list[Transaction]] = {}
    # A receipt credits the client's funds (negative) and shows as money in (positive) at the bank.
    for txn_id, client_id, amount in sorted(found, key=lambda row: (transactions[row[0]].effective_date, row[0])):
        items.setdefault((client_id, amount), []).append(transactions[txn_id])
    return items


def _take_expected(expected: dict, *, client: Client, line: ParsedLine) -> Transaction | None:
    """The recorded item nearest in date to the line (the earliest on a tie), taken so no other line gets it."""
    candidates = [txn for txn in expected.get((client.pk, line.amount), [])
                  if abs((txn.effective_date - line.date).days) <= EXPECTED_WINDOW_DAYS]
    if not candidates:
        return None
    best = min(candidates, key=lambda txn: (abs((txn.effective_date - line.date).days), txn.effective_date, txn.pk))
    expected[(client.pk, line.amount)].remove(best)
    return best


# --- the services ---------------------------------------------------------------------------------

def _suspense_account(*, acting_user) -> Account:
    account = (Account.objects.filter(purpose=Purpose.SUSPENSE, owner_kind=OwnerKind.COUNCIL, is_active=True)
               .order_by("id").first())
    if account is None:
        account = Account(name=SUSPENSE_NAME, kind=AccountKind.LIABILITY, owner_kind=OwnerKind.COUNCIL,
                          purpose=Purpose.SUSPENSE)
        account._history_user = acting_user
        set_reason(account, "Suspense account opened for bank statement import")
        account.save()
    return account


def _memo(line: ParsedLine) -> str:
    text = " ".join(part for part in (line.bank_type, line.description, line.reference) if part)
    return f"Bank: {text}"[:500]


def statement_import(*, acting_user, file_name: str, content: bytes, commit: bool) -> StatementPreview:
    """Import a bank statement CSV of the pooled client bank account, or preview it (``commit=False``).

    The whole file is checked first; any problem refuses it all (an :class:`ApplicationError` naming
    each bad line in its message and ``extra["errors"]``) and nothing is written. Lines imported
    before (by fingerprint) are skipped. With ``commit=True`` every new line is posted in one database
    transaction and a :class:`StatementImport` records the file; with ``commit=False`` nothing at all
    is written and the returned :class:`StatementPreview` says what would happen.
    """
    _require_writer(acting_user)
    require(acting_user, "ledger.work_council_money")
    file_name = " ".join((file_name or "").split())[:255] or "statement.csv"
    parsed = statement_parse(content=content)
    checked = account_checks.check(parsed)

    if not commit:
        return _preview(file_name=file_name, parsed=parsed, lines=_plan(acting_user=acting_user, parsed=parsed),
                        checked=checked)

    with transaction.atomic():
        # One import at a time, so two uploads of one file cannot both decide a line is new.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('ledger.statement_import'))")
        checked = account_checks.check(parsed)  # again, now that no other import can run
        planned = _plan(acting_user=acting_user, parsed=parsed, lock=True)
        preview = _preview(file_name=file_name, parsed=parsed, lines=planned, checked=checked)
        record = StatementImport(
            file_name=file_name, sha256=parsed.sha256, layout=parsed.layout.code, uploaded_by=acting_user,
            lines_total=len(planned), lines_matched=len(preview.matched), lines_suspense=len(preview.suspense),
            lines_skipped=len(preview.skipped),
            first_date=min(line.date for line in parsed.lines), last_date=max(line.date for line in parsed.lines),
            opening_balance=parsed.opening_balance, closing_balance=parsed.closing_balance,
        )
        record._history_user = acting_user
        set_reason(record, f"Bank statement {file_name} imported")
        record.save()
        preview.statement_import = record

        new = sorted((p for p in planned if p.outcome != "skipped"), key=lambda p: (p.line.date, p.line.order))
        to_post = [item for item in new if item.existing is None]
        if to_post:
            bank = _pooled_bank(acting_user=acting_user)
            suspense = _suspense_account(acting_user=acting_user) if preview.suspense else None
            funds = _funds_accounts(acting_user=acting_user,
                                    clients=[item.client for item in to_post if item.outcome == "matched"])
            # A line dated in a closed month is posted late, on the first day after the closed period.
            closed_to = closing.closed_up_to()
            posted = transactions_post(acting_user=acting_user, transactions=[
                NewTransaction(
                    effective_date=posted_on,
                    kind=TransactionKind.RECEIPT if item.line.amount > 0 else TransactionKind.PAYMENT,
                    memo=closing.late_memo(_memo(item.line), relates_to), relates_to_date=relates_to,
                    category=item.category, idempotency_key=item.fingerprint,
                    postings=[PostingLine(bank, item.line.amount),
                              PostingLine(funds[item.client.pk] if item.outcome == "matched" else suspense,
                                          -item.line.amount)],
                )
                for item in to_post
                for posted_on, relates_to in [_posting_date(item.line.date, closed_to)]
            ], client_money=True)
            transactions = {item.fingerprint: txn for item, txn in zip(to_post, posted)}
        else:
            transactions = {}
        rows = [_row(record, item, item.existing or transactions[item.fingerprint]) for item in new]
        # Each line's history starts here, attributed as the import record's is.
        insert_with_history(StatementLine, rows, user=acting_user, reason=f"Bank statement {file_name} imported")
    return preview


def _preview(*, file_name: str, parsed: ParsedFile, lines: list[PlannedLine],
             checked: list[str]) -> StatementPreview:
    return StatementPreview(file_name=file_name, sha256=parsed.sha256, layout=parsed.layout.code, lines=lines,
                            layout_label=parsed.layout.label, layout_reason=parsed.reason,
                            warnings=list(parsed.warnings) + checked, notes=list(parsed.notes))


def _posting_date(day: dt.date, closed_to: dt.date | None) -> tuple[dt.date, dt.date | None]:
    """:func:`ledger.closing.posting_date` for many lines, with the closed period read once."""
    if closed_to is None or day > closed_to:
        return day, None
    return closed_to + dt.timedelta(days=1), day


def _funds_accounts(*, acting_user, clients: list[Client]) -> dict[int, Account]:
    """Each client's funds account, by client id: one query for those that exist, opening any that do not."""
    by_client = {client.pk: client for client in clients}
    accounts: dict[int, Account] = {}
    ids = sorted(by_client)
    for start in range(0, len(ids), _CHUNK):
        accounts.update((account.client_id, account) for account in Account.objects.filter(
            client_id__in=ids[start:start + _CHUNK], purpose=Purpose.CLIENT_FUNDS))
    for client_id in ids:
        if client_id not in accounts:
            accounts[client_id] = _funds_account(acting_user=acting_user, client=by_client[client_id])
    return accounts


def _row(record: StatementImport, item: PlannedLine, txn: Transaction) -> StatementLine:
    line = item.line
    return StatementLine(
        statement_import=record, line_number=line.line_number, date=line.date, amount=line.amount,
        description=line.description, reference=line.reference, bank_type=line.bank_type,
        bank_balance=line.bank_balance, fingerprint=item.fingerprint, client=item.client, transaction=txn,
        status=StatementLineStatus.MATCHED if item.outcome == "matched" else StatementLineStatus.SUSPENSE,
    )


def suspense_allocate(*, acting_user, line: StatementLine, client, category: str) -> StatementLine:
    """Move a line from suspense to a client's funds, once.

    Money in: Dr suspense / Cr the client's funds, a receipt with a money-in ``category``. Money out:
    Dr the client's funds / Cr suspense, a payment with a money-out ``category`` (refused if it would
    overdraw the client). Allocating a line already allocated is refused; nothing is written on refusal.
    """
    require(acting_user, "ledger.work_council_money")
    _check_actor(acting_user, client)
    if line is None or line.pk is None:
        raise NotFoundError("No statement line found.")
    money_in = line.amount > 0
    allowed = MoneyInCategory.values if money_in else MoneyOutCategory.values
    if category not in allowed:
        raise LedgerError(
            "Choose what the money is (a money-in category, such as State Pension)." if money_in else
            "Choose what the payment was for (a money-out category, such as care fees).", code="invalid_category")
    with transaction.atomic():
        line = StatementLine.objects.select_for_update(no_key=True, of=("self",)).select_related("transaction").get(
            pk=line.pk)
        if line.status != StatementLineStatus.SUSPENSE:
            raise ConflictError(
                f"Line {line.line_number} of this statement is already {line.get_status_display().lower()}; "
                "it can be allocated only once.", code="already_allocated",
            )
        suspense = line.transaction.postings.exclude(account__purpose=Purpose.POOLED_BANK).get().account
        funds = _funds_account(acting_user=acting_user, client=client)
        funds = Account.objects.select_for_update(no_key=True).get(pk=funds.pk)
        amount = abs(line.amount)
        if not money_in:
            available = account_balance(account=funds)
            if amount > available:
                raise LedgerError(
                    f"{client.full_name} has {pounds(available)} available; this payment of {pounds(amount)} would "
                    "overdraw their account.", code="insufficient_funds",
                )
        # A line of a closed month is allocated late, on the first day after the closed period.
        posted_on, relates_to = closing.posting_date(line.date)
        allocation = transaction_post(
            acting_user=acting_user, effective_date=posted_on, relates_to_date=relates_to,
            kind=TransactionKind.RECEIPT if money_in else TransactionKind.PAYMENT,
            memo=closing.late_memo(f"Allocated from suspense: {line.description}"[:500], relates_to),
            category=category,
            idempotency_key=f"suspense-allocate:{line.fingerprint}",
            postings=[PostingLine(suspense, line.amount), PostingLine(funds, -line.amount)], client_money=True,
        )
        line.status = StatementLineStatus.ALLOCATED
        line.client = client
        line.allocation = allocation
        line.allocated_by = acting_user
        line.allocated_at = timezone.now()
        line._history_user = acting_user
        set_reason(line, f"Allocated from suspense to {client.council_reference}")
        line.save()
    return line
