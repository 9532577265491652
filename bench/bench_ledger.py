"""The ledger at scale: posting rate, balances and statements with millions of postings.

Run: ``.venv/bin/python bench/bench_ledger.py [--clients 20000] [--postings 10000000]`` with
``DATABASE_URL`` / ``REDIS_URL`` set (or unset, for the embedded servers). It uses its own database
``ascfinance_ledger_bench``; the first run seeds it (clients, one funds account each, the pooled bank
account, and balanced two-posting transactions spread over three years, loaded with COPY), later
runs reuse it. It prints one table: what the application does, beside PostgreSQL's own ceiling for
the same work (COPY of the same rows; the bare SUM or statement query as EXPLAIN ANALYZE times it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import time
from decimal import Decimal

from _common import explain_ms, measure, setup_django

DATABASE = "ascfinance_ledger_bench"
FIRST_DAY = dt.date(2023, 12, 1)
DAYS = 3 * 365
#: Seeded clients are ASC-100001, ASC-100002...: the form a bank line names them in (ledger.imports).
FIRST_REFERENCE = 100_000


def seed(*, clients: int, postings: int):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from ledger.models import Account, Posting
    from people.models import Team, TeamMembership

    call_command("migrate", verbosity=0)
    # A client affairs officer whose team holds every client, so the statement import can match lines to any
    # of them and may move their money (ledger.rules; the database checks the poster too).
    user, _ = get_user_model().objects.get_or_create(username="bench-ledger", defaults={"first_name": "Bench"})
    team, _ = Team.objects.get_or_create(name="Client affairs (bench)", defaults={"service": "client_affairs"})
    TeamMembership.objects.get_or_create(team=team, user=user)
    bank, _ = Account.objects.get_or_create(
        purpose="POOLED_BANK", owner_kind="council", client=None,
        defaults={"name": "Client money bank account (pooled)", "kind": "asset"},
    )
    have_postings = Posting.objects.count()
    if have_postings >= postings:
        return user, bank
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO people_client (council_reference, title, first_name, middle_names, last_name,
                preferred_name, date_of_birth, nhs_number, phone, email, created_at, updated_at)
            SELECT 'ASC-' || (%s + g), '', 'Client', '', 'Number ' || g, '',
                   date '1935-01-01' + (g %% 15000), '', '', '', now(), now()
            FROM generate_series(1, %s) g
            ON CONFLICT (council_reference) DO NOTHING
            """,
            [FIRST_REFERENCE, clients],
        )
        cursor.execute(
            """
            INSERT INTO people_allocation (client_id, team_id, service, officer_id, start_date, end_date)
            SELECT c.id, %s, 'client_affairs', %s, date '2020-01-01', NULL FROM people_client c
            WHERE c.council_reference LIKE 'ASC-%%'
              AND NOT EXISTS (SELECT 1 FROM people_allocation a WHERE a.client_id = c.id AND a.team_id = %s)
            """,
            [team.pk, user.pk, team.pk],
        )
        cursor.execute(
            """
            INSERT INTO ledger_account (name, kind, owner_kind, client_id, owner_reference, purpose, currency,
                is_active, created_at)
            SELECT 'Client funds: ' || c.council_reference, 'liability', 'client', c.id, '', 'CLIENT_FUNDS', 'GBP',
                   true, now()
            FROM people_client c
            WHERE c.council_reference LIKE 'ASC-%%'
              AND NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.client_id = c.id AND a.purpose = 'CLIENT_FUNDS')
            """
        )
    accounts = list(Account.objects.filter(purpose="CLIENT_FUNDS", client__council_reference__startswith="ASC-")
                    .values_list("id", flat=True))
    transactions = (postings - have_postings) // 2
    print(f"Seeding {transactions:,} transactions ({transactions * 2:,} postings) over {len(accounts):,} "
          f"client accounts; this takes a few minutes the first time.", flush=True)
    started = time.perf_counter()
    rng = random.Random(20261124)
    held: dict[int, int] = {}
    with connection.cursor() as cursor:
        # The rows are balanced by construction; the per-row constraint triggers are for the service.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM ledger_transaction")
        next_id = cursor.fetchone()[0] + 1
        batch = 500_000
        for first in range(0, transactions, batch):
            count = min(batch, transactions - first)
            txn_rows, posting_rows = io.StringIO(), io.StringIO()
            for i in range(count):
                txn_id = next_id + first + i
                day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
                account = accounts[rng.randrange(len(accounts))]
                pence = rng.randrange(100, 50_000)
                amount = Decimal(pence).scaleb(-2)
                # A payment only when the client has the money (the rows skip the overdraft trigger, so
                # the seed keeps the rule itself): held[account] is what the client has, in pence.
                receipt = rng.random() < 0.5 or held.get(account, 0) < pence
                held[account] = held.get(account, 0) + (pence if receipt else -pence)
                client_side = -amount if receipt else amount
                txn_rows.write(f"{txn_id}\t{day}\t2026-11-24 09:00:00+00\t{'receipt' if receipt else 'payment'}"
                               f"\t\t{user.pk}\tbench-{txn_id}\t\\N\n")
                posting_rows.write(f"{txn_id}\t{account}\t{client_side}\t{day}\n")
                posting_rows.write(f"{txn_id}\t{bank.pk}\t{-client_side}\t{day}\n")
            with cursor.copy("COPY ledger_transaction (id, effective_date, posted_at, kind, memo, acting_user_id, "
                             "idempotency_key, reverses_id) FROM STDIN") as copy:
                copy.write(txn_rows.getvalue())
            with cursor.copy("COPY ledger_posting (transaction_id, account_id, amount, effective_date) "
                             "FROM STDIN") as copy:
                copy.write(posting_rows.getvalue())
            print(f"  {first + count:,} transactions", flush=True)
        cursor.execute("SET session_replication_role = origin")
        cursor.execute("SELECT setval(pg_get_serial_sequence('ledger_transaction', 'id'), "
                       "(SELECT MAX(id) FROM ledger_transaction))")
        cursor.execute("VACUUM ANALYZE ledger_posting")  # autocommit: the visibility map makes index-only scans
        cursor.execute("ANALYZE ledger_transaction")
    print(f"Seeded in {time.perf_counter() - started:.0f} s", flush=True)
    return user, bank


def bench_posting(*, user, bank, count: int) -> tuple[float, float, float]:
    """Transactions a second through ``transaction_post`` in one process, each committed on its own
    and 100 to a database transaction (as a bulk run posts), and PostgreSQL's COPY of the same rows
    (the ceiling)."""
    from django.db import connection, transaction

    from ledger.models import Account
    from ledger.services import PostingLine, transaction_post

    accounts = list(Account.objects.filter(purpose="CLIENT_FUNDS").order_by("?")[:200])
    run = f"{time.time_ns()}"
    day = dt.date(2026, 11, 24)
    started = time.perf_counter()
    for i in range(count):
        account = accounts[i % len(accounts)]
        amount = Decimal("12.34")
        transaction_post(
            acting_user=user, effective_date=day, kind="receipt", memo="Attendance Allowance",
            postings=[PostingLine(bank, amount), PostingLine(account, -amount)],
            idempotency_key=f"bench-post-{run}-{i}", client_money=True,
        )
    service_rate = count / (time.perf_counter() - started)

    started = time.perf_counter()
    for batch in range(0, count, 100):
        with transaction.atomic():
            for i in range(batch, min(batch + 100, count)):
                account = accounts[i % len(accounts)]
                transaction_post(
                    acting_user=user, effective_date=day, kind="receipt", memo="Attendance Allowance",
                    postings=[PostingLine(bank, Decimal("12.34")), PostingLine(account, Decimal("-12.34"))],
                    idempotency_key=f"bench-batch-{run}-{i}", client_money=True,
                )
    batched_rate = count / (time.perf_counter() - started)

    # The ceiling: the same rows by COPY, in one transaction, triggers off (nothing is checked).
    txn_rows, posting_rows = io.StringIO(), io.StringIO()
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('ledger_transaction', 'id'))")
        first = cursor.fetchone()[0] + 1
        cursor.execute("SELECT setval(pg_get_serial_sequence('ledger_transaction', 'id'), %s)", [first + count])
        for i in range(count):
            txn_id = first + i
            account = accounts[i % len(accounts)]
            txn_rows.write(f"{txn_id}\t{day}\t2026-11-24 09:00:00+00\treceipt\tAttendance Allowance\t{user.pk}"
                           f"\tbench-copy-{run}-{i}\t\\N\n")
            posting_rows.write(f"{txn_id}\t{bank.pk}\t12.34\t{day}\n{txn_id}\t{account.pk}\t-12.34\t{day}\n")
        started = time.perf_counter()
        cursor.execute("SET session_replication_role = replica")
        with cursor.copy("COPY ledger_transaction (id, effective_date, posted_at, kind, memo, acting_user_id, "
                         "idempotency_key, reverses_id) FROM STDIN") as copy:
            copy.write(txn_rows.getvalue())
        with cursor.copy("COPY ledger_posting (transaction_id, account_id, amount, effective_date) FROM STDIN") as copy:
            copy.write(posting_rows.getvalue())
        cursor.execute("SET session_replication_role = origin")
        copy_rate = count / (time.perf_counter() - started)
    return service_rate, batched_rate, copy_rate


def statement_csv(*, clients: int, lines: int, run: str) -> bytes:
    """A NatWest-layout statement of ``lines`` lines in December 2026 (after the seeded postings): 85%
    name a seeded client (money in mostly, some money out, a few of which would overdraw and go to
    suspense), 10% name no one and 5% a client who does not exist (both to suspense). ``run`` makes
    every line new, so each run imports all of them."""
    rng = random.Random(run)
    out = io.StringIO()
    out.write("Date,Type,Description,Value,Balance,Account Name,Account Number\n")
    incomes = ("DWP STATE PENSION", "DWP PIP", "DWP AA", "AVIVA PENSION", "DWP PC", "HMRC REFUND")
    forms = ("ASC-{}", "ASC{}", "ASC {}")
    balance = Decimal("1000000.00")
    for i in range(lines):
        day = dt.date(2026, 12, 1) + dt.timedelta(days=i * 31 // lines)
        roll = rng.random()
        reference = forms[i % 3].format(FIRST_REFERENCE + 1 + rng.randrange(clients))
        if roll < 0.85 * 0.75:
            kind, text, amount = "BAC", f"{rng.choice(incomes)} {reference}", Decimal(rng.randrange(500, 40_000))
        elif roll < 0.85:
            kind, text, amount = "D/D", f"SUNRISE CARE HOME {reference}", -Decimal(rng.randrange(500, 60_000))
        elif roll < 0.95:
            kind, text = "BAC", f"UNKNOWN PAYER REF {rng.randrange(10 ** 6)}"
            amount = Decimal(rng.randrange(100, 9_999))
        else:
            kind, text = "BAC", f"DWP PIP ASC-{900_000 + rng.randrange(99_999)}"  # no such client
            amount = Decimal(rng.randrange(100, 9_999))
        amount = amount.scaleb(-2)
        balance += amount
        out.write(f"{day:%d/%m/%Y},{kind},\"'{text} BENCH {run}-{i}\",{amount},{balance},CLIENT MONEY POOLED,"
                  f"'600000-12345678\n")
    return out.getvalue().encode()


def bench_import(*, user, bank, clients: int, lines: int) -> tuple[float, float, str]:
    """Seconds to import a ``lines``-line statement with ``statement_import(commit=True)``, end to end
    (reading, checking, planning, posting, recording the lines), and PostgreSQL's COPY of the same
    number of transaction and posting rows, triggers off (the ceiling)."""
    from django.db import connection

    from ledger.imports import statement_import

    run = f"{time.time_ns()}"
    content = statement_csv(clients=clients, lines=lines, run=run)
    started = time.perf_counter()
    result = statement_import(acting_user=user, file_name=f"bench-{run}.csv", content=content, commit=True)
    import_seconds = time.perf_counter() - started
    mix = f"{len(result.matched):,} matched, {len(result.suspense):,} to suspense"

    txn_rows, posting_rows = io.StringIO(), io.StringIO()
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('ledger_transaction', 'id'))")
        first = cursor.fetchone()[0] + 1
        cursor.execute("SELECT setval(pg_get_serial_sequence('ledger_transaction', 'id'), %s)", [first + lines])
        cursor.execute("SELECT id FROM ledger_account WHERE purpose = 'CLIENT_FUNDS' ORDER BY id")
        accounts = [row[0] for row in cursor.fetchall()]
        day = dt.date(2026, 12, 1)
        for i in range(lines):
            txn_id = first + i
            txn_rows.write(f"{txn_id}\t{day}\t2026-11-24 09:00:00+00\treceipt\tBank: BAC DWP PIP BENCH {i}"
                           f"\t{user.pk}\tbench-import-copy-{run}-{i}\t\\N\n")
            posting_rows.write(f"{txn_id}\t{bank.pk}\t12.34\t{day}\n"
                               f"{txn_id}\t{accounts[i % len(accounts)]}\t-12.34\t{day}\n")
        started = time.perf_counter()
        cursor.execute("SET session_replication_role = replica")
        with cursor.copy("COPY ledger_transaction (id, effective_date, posted_at, kind, memo, acting_user_id, "
                         "idempotency_key, reverses_id) FROM STDIN") as copy:
            copy.write(txn_rows.getvalue())
        with cursor.copy("COPY ledger_posting (transaction_id, account_id, amount, effective_date) FROM STDIN") as copy:
            copy.write(posting_rows.getvalue())
        cursor.execute("SET session_replication_role = origin")
        copy_seconds = time.perf_counter() - started
    return import_seconds, copy_seconds, mix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--postings", type=int, default=10_000_000)
    parser.add_argument("--posts", type=int, default=3_000, help="transactions to post through the service")
    parser.add_argument("--import-lines", type=int, default=100_000, help="lines in the bank statement imported")
    parser.add_argument("--import-only", action="store_true", help="measure only the bank statement import")
    args = parser.parse_args()
    setup_django(DATABASE)

    from ledger.models import Account, Posting
    from ledger.selectors import account_balance, account_statement

    user, bank = seed(clients=args.clients, postings=args.postings)
    total = Posting.objects.count()
    import_seconds, import_copy, import_mix = bench_import(user=user, bank=bank, clients=args.clients,
                                                           lines=args.import_lines)
    label = f"bank statement import, {args.import_lines:,} lines (s)"
    import_row = f"{label:<46} {import_seconds:>12.1f} {import_copy:>12.1f} {'< 60':>12}"
    if args.import_only:
        print()
        print(f"Ledger with {args.clients:,} clients and {total:,} postings")
        print(f"{'measure':<46} {'ours':>12} {'postgres':>12} {'target':>12}")
        print(import_row)
        print(f"  ({import_mix})")
        return
    accounts = list(Account.objects.filter(purpose="CLIENT_FUNDS").order_by("?")[:50])
    end = dt.date(2026, 11, 30)
    start = dt.date(2025, 12, 1)

    def balances():
        for account in accounts:
            account_balance(account=account)

    def balances_as_at():
        for account in accounts:
            account_balance(account=account, as_at=dt.date(2025, 6, 30))

    def statements():
        for account in accounts[:10]:
            account_statement(account=account, start=start, end=end)

    balance_ms = measure(balances, repeats=5)[0] / len(accounts)
    as_at_ms = measure(balances_as_at, repeats=5)[0] / len(accounts)
    statement_ms = measure(statements, repeats=5)[0] / 10
    sum_sql = "SELECT SUM(amount) FROM ledger_posting WHERE account_id = %s"
    balance_ceiling = sum(explain_ms(sum_sql, [a.pk]) for a in accounts) / len(accounts)
    statement_sql = ("SELECT effective_date, transaction_id, amount, SUM(amount) OVER (ORDER BY effective_date, id) "
                     "FROM ledger_posting WHERE account_id = %s AND effective_date BETWEEN %s AND %s "
                     "ORDER BY effective_date, id")
    statement_ceiling = sum(explain_ms(statement_sql, [a.pk, start, end]) for a in accounts[:10]) / 10
    bank_ms = measure(lambda: account_balance(account=bank), repeats=3)[0]
    bank_ceiling = explain_ms(sum_sql, [bank.pk])
    lines = Posting.objects.filter(account_id=accounts[0].pk, effective_date__range=(start, end)).count()
    service_rate, batched_rate, copy_rate = bench_posting(user=user, bank=bank, count=args.posts)

    print()
    print(f"Ledger with {args.clients:,} clients and {total:,} postings")
    print(f"{'measure':<46} {'ours':>12} {'postgres':>12} {'target':>12}")
    print(f"{'posting, one commit each (transactions/s)':<46} {service_rate:>12,.0f} {copy_rate:>12,.0f} "
          f"{'>= 1,000':>12}")
    print(f"{'posting, 100 per commit (transactions/s)':<46} {batched_rate:>12,.0f} {copy_rate:>12,.0f} "
          f"{'>= 1,000':>12}")
    print(f"{'client account balance now (ms)':<46} {balance_ms:>12.2f} {balance_ceiling:>12.2f} {'< 5':>12}")
    print(f"{'client account balance as at a date (ms)':<46} {as_at_ms:>12.2f} {'':>12} {'< 5':>12}")
    print(f"{'12-month statement, ~' + str(lines) + ' lines (ms)':<46} {statement_ms:>12.2f} "
          f"{statement_ceiling:>12.2f} {'< 50':>12}")
    print(f"{'pooled bank account balance (ms)':<46} {bank_ms:>12.2f} {bank_ceiling:>12.2f} {'':>12}")
    print(import_row)
    print(f"  ({import_mix})")


if __name__ == "__main__":
    main()
