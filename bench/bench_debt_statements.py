"""The four-weekly statement run at scale: every statement's figures from the ledger, and the letters' PDFs.

Run: ``.venv/bin/python bench/bench_debt_statements.py [--debtors 50000] [--postings 10000000] [--render 400]``
with ``DATABASE_URL`` / ``REDIS_URL`` set (or unset, for the embedded servers). It uses its own database
``ascfinance_debt_statements_bench``; the first run seeds it with set-based SQL (clients with a home address,
a care-charge receivable and a debtor account each; balanced two-posting transactions spread over three
years up to the period stated: charges, payments and adjustments on the receivables against the council's
income and bank accounts), later runs reuse it. It prints one table:

* **ledger work**: what the run asks of the ledger, done as the run does it: the dispatch's query over
  every debtor (who to state), then each chunk's query for its debtors (their figures, as each statement
  stores them); target under 60 s in all.
* **PDFs**: ``--render`` statements made by the run's path (``documents_render_together``, RENDER_BATCH letters to a
  WeasyPrint pass: each laid out on its own, written as one PDF, cut into one stored file per letter), beside
  WeasyPrint's own batch rendering of the same letters in the same run (one HTML of them all, one PDF);
  target at least 80% of WeasyPrint's rate.
Everything the bench makes is rolled back at the end, so every run measures the same work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import time

from _common import explain_ms, setup_django

DATABASE = "ascfinance_debt_statements_bench"
PERIOD_LABEL = "2026-P08"  # 19 October to 15 November 2026
DAYS = 3 * 364
LEDGER_TARGET_SECONDS = 60
RENDER_TARGET = 0.80


def seed(*, debtors: int, postings: int):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from charging.selectors import period_from_label
    from core.roles import Role
    from ledger.models import Account, Posting
    from people.models import Team, TeamMembership

    call_command("migrate", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username="bench-debt", defaults={"first_name": "Bench",
                                                                                      "is_superuser": True})
    if hasattr(user, "roles") and Role.TEAM_LEADER not in (user.roles or []):
        user.roles = [Role.TEAM_LEADER]
        user.save()
    team, _ = Team.objects.get_or_create(name="Debt recovery (bench)", defaults={"service": "debt_recovery"})
    TeamMembership.objects.get_or_create(team=team, user=user, defaults={"is_leader": True})
    income, _ = Account.objects.get_or_create(purpose="CHARGING_INCOME", owner_kind="council", client=None,
                                              defaults={"name": "Care charging income", "kind": "income"})
    bank, _ = Account.objects.get_or_create(purpose="COUNCIL_BANK", owner_kind="council", client=None,
                                            defaults={"name": "Council bank account", "kind": "asset"})
    period = period_from_label(PERIOD_LABEL)
    first_day = period.end - dt.timedelta(days=DAYS - 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM debt_recovery_debtoraccount WHERE reference LIKE 'DB%%'")
        have = cursor.fetchone()[0]
        if have < debtors:
            started = time.perf_counter()
            cursor.execute("""
                INSERT INTO people_client (council_reference, title, first_name, middle_names, last_name,
                    preferred_name, date_of_birth, nhs_number, phone, email, created_at, updated_at)
                SELECT 'ASCD-' || g, 'Mrs', 'Debtor', '', 'Number ' || g, '', date '1935-01-01' + (g %% 15000),
                       '', '', '', now(), now()
                FROM generate_series(%s, %s) g ON CONFLICT (council_reference) DO NOTHING""", [have + 1, debtors])
            cursor.execute("""
                INSERT INTO people_allocation (client_id, team_id, service, officer_id, start_date, end_date)
                SELECT c.id, %s, 'debt_recovery', %s, date '2020-01-01', NULL FROM people_client c
                WHERE c.council_reference LIKE 'ASCD-%%'
                  AND NOT EXISTS (SELECT 1 FROM people_allocation a WHERE a.client_id = c.id)""", [team.pk, user.pk])
            cursor.execute("""
                INSERT INTO people_address (client_id, kind, line_1, line_2, town, county, postcode, start_date)
                SELECT c.id, 'home', (c.id %% 200 + 1) || ' Mill Lane', '', 'Anytown', '', 'AN1 1AA', date '2020-01-01'
                FROM people_client c WHERE c.council_reference LIKE 'ASCD-%%'
                  AND NOT EXISTS (SELECT 1 FROM people_address a WHERE a.client_id = c.id)""", [])
            cursor.execute("""
                INSERT INTO ledger_account (name, kind, owner_kind, client_id, owner_reference, purpose, currency,
                    is_active, created_at, bank_sort_code, bank_account_number)
                SELECT 'Care charges: ' || c.council_reference, 'asset', 'client', c.id, '', 'CARE_CHARGE_RECEIVABLE',
                       'GBP', true, now(), '', ''
                FROM people_client c WHERE c.council_reference LIKE 'ASCD-%%'
                  AND NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.client_id = c.id
                                  AND a.purpose = 'CARE_CHARGE_RECEIVABLE')""", [])
            cursor.execute("""
                INSERT INTO debt_recovery_debtoraccount (reference, client_id, kind, name, contact_id, customer_type,
                    payment_method, letters_to, contact_by, email, phone, ledger_account_id, status, opened_by_id,
                    opened_at)
                SELECT 'DB' || lpad(a.client_id::text, 7, '0'), a.client_id, 'person', 'Mrs Debtor ' || c.last_name,
                       NULL, 'service_user', 'card', 'client_rule', 'letter', '', '', a.id, 'open', %s, now()
                FROM ledger_account a JOIN people_client c ON c.id = a.client_id
                WHERE c.council_reference LIKE 'ASCD-%%' AND a.purpose = 'CARE_CHARGE_RECEIVABLE'
                  AND NOT EXISTS (SELECT 1 FROM debt_recovery_debtoraccount d WHERE d.ledger_account_id = a.id)""",
                           [user.pk])
            print(f"Seeded {debtors:,} debtors in {time.perf_counter() - started:.0f} s", flush=True)
    have_postings = Posting.objects.filter(account__purpose="CARE_CHARGE_RECEIVABLE",
                                           account__client__council_reference__startswith="ASCD-").count()
    if have_postings * 2 >= postings:
        return user, period
    with connection.cursor() as cursor:
        cursor.execute("""SELECT array_agg(a.id ORDER BY a.id) FROM ledger_account a JOIN people_client c
                          ON c.id = a.client_id WHERE c.council_reference LIKE 'ASCD-%%'
                          AND a.purpose = 'CARE_CHARGE_RECEIVABLE'""", [])
        accounts = cursor.fetchone()[0]
        transactions = (postings - have_postings * 2) // 2
        print(f"Seeding {transactions:,} transactions ({transactions * 2:,} postings) over {len(accounts):,} "
              f"receivables with set-based SQL; a few minutes the first time.", flush=True)
        started = time.perf_counter()
        # The rows are balanced by construction; the per-row constraint triggers are for the services.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("CREATE TEMP TABLE bench_accounts AS SELECT ordinality - 1 AS n, id "
                       "FROM unnest(%s::bigint[]) WITH ORDINALITY AS id", [accounts])
        cursor.execute("CREATE UNIQUE INDEX ON bench_accounts (n)")
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM ledger_transaction")
        first_id = cursor.fetchone()[0] + 1
        batch = 1_000_000
        n = len(accounts)
        for offset in range(0, transactions, batch):
            count = min(batch, transactions - offset)
            low, high = first_id + offset, first_id + offset + count - 1
            # g picks the kind (5 in 10 charges, 4 payments, 1 adjustment), the day and the amount; the
            # receivable is g's hash over the accounts, so each has ~postings/2/debtors of them.
            rows = f"""
                SELECT g AS id, %(first)s::date + ((g * 7919) %% {DAYS})::int AS day,
                       CASE WHEN g %% 10 < 5 THEN 'charge' WHEN g %% 10 < 9 THEN 'receipt' ELSE 'adjustment' END AS kind,
                       (((g * 104729) %% 60000) + 100) / 100.0 AS pounds,
                       ((g * 31337) %% {n})::int AS n
                FROM generate_series(%(low)s::bigint, %(high)s::bigint) g"""
            cursor.execute(f"""
                INSERT INTO ledger_transaction (id, effective_date, posted_at, kind, memo, acting_user_id,
                    idempotency_key, reverses_id, category, relates_to_date)
                SELECT id, day, now(), kind, '', %(user)s, 'bench-debt-' || id, NULL, NULL, NULL FROM ({rows}) r""",
                           {"first": first_day, "low": low, "high": high, "user": user.pk})
            cursor.execute(f"""
                INSERT INTO ledger_posting (transaction_id, account_id, amount, effective_date)
                SELECT r.id, a.id, CASE WHEN r.kind = 'charge' THEN r.pounds WHEN r.kind = 'receipt' THEN -r.pounds
                                        ELSE -round(r.pounds / 10, 2) END, r.day
                FROM ({rows}) r JOIN bench_accounts a ON a.n = r.n
                UNION ALL
                SELECT r.id, CASE WHEN r.kind = 'receipt' THEN %(bank)s ELSE %(income)s END,
                       CASE WHEN r.kind = 'charge' THEN -r.pounds WHEN r.kind = 'receipt' THEN r.pounds
                            ELSE round(r.pounds / 10, 2) END, r.day
                FROM ({rows}) r""", {"first": first_day, "low": low, "high": high, "bank": bank.pk,
                                     "income": income.pk})
            print(f"  {offset + count:,} transactions ({time.perf_counter() - started:.0f} s)", flush=True)
        cursor.execute("SET session_replication_role = origin")
        cursor.execute("SELECT setval(pg_get_serial_sequence('ledger_transaction', 'id'), "
                       "(SELECT MAX(id) FROM ledger_transaction))")
        cursor.execute("VACUUM ANALYZE ledger_posting")  # autocommit: the visibility map makes index-only scans
        cursor.execute("VACUUM ANALYZE ledger_transaction")
        cursor.execute("ANALYZE debt_recovery_debtoraccount")
    print(f"Seeded the postings in {time.perf_counter() - started:.0f} s", flush=True)
    return user, period


def bench_ledger(period) -> dict:
    """The run's ledger work, as the run asks for it: the dispatch's query over every debtor, then one
    query per chunk of CHUNK_SIZE debtors for their figures."""
    from debt_recovery.statements.figures import FIGURES_SQL, statement_figures
    from debt_recovery.statements.services import CHUNK_SIZE

    started = time.perf_counter()
    found = statement_figures(start=period.start, end=period.end)
    dispatch = time.perf_counter() - started
    ids = [f.debtor_id for f in found]
    started = time.perf_counter()
    stated = 0
    for i in range(0, len(ids), CHUNK_SIZE):
        stated += len(statement_figures(start=period.start, end=period.end, debtor_ids=ids[i:i + CHUNK_SIZE]))
    chunks = time.perf_counter() - started
    ceiling = explain_ms(FIGURES_SQL, {"debtors": None, "start": period.start, "end": period.end}) / 1000
    return {"debtors": len(ids), "stated": stated, "dispatch": dispatch, "chunks": chunks, "ceiling": ceiling,
            "chunk_count": (len(ids) + CHUNK_SIZE - 1) // CHUNK_SIZE}


def _weasyprint_batch(documents) -> float:
    """WeasyPrint's own batch rendering of the same letters: one HTML of them all, one PDF."""
    import weasyprint
    from django.template.loader import render_to_string

    from documents.pdf import _refuse_to_fetch

    pages = [render_to_string(d.template_name, {"data": d.data, "edition": None}) for d in documents]
    head, _, _ = pages[0].partition("<body>")
    bodies = [re.search(r"<body>(.*)</body>", html, re.S).group(1) for html in pages]
    html = head + "<body>" + "".join(f'<div style="break-before: page">{body}</div>' for body in bodies) + "</body></html>"
    started = time.perf_counter()
    weasyprint.HTML(string=html, url_fetcher=_refuse_to_fetch).write_pdf()
    return time.perf_counter() - started


def bench_render(*, user, period, count: int, rounds: int) -> dict:
    """``count`` statements made by the run (their letters' data from the ledger), then their PDFs by the
    run's path and by WeasyPrint's own batch, in the same process."""
    from django.db import transaction

    from debt_recovery.statements import services
    from debt_recovery.statements.models import Statement, StatementRun
    from debt_recovery.statements.figures import statement_figures
    from documents.models import Document
    from documents.services import documents_render_together

    with transaction.atomic():
        run = StatementRun.objects.create(period=period.label, period_start=period.start, period_end=period.end,
                                          started_by=user)
        ids = [f.debtor_id for f in statement_figures(start=period.start, end=period.end)][:count]
        started = time.perf_counter()
        made = []
        for i in range(0, len(ids), services.CHUNK_SIZE):
            made += services.statements_make(run_id=run.pk, debtor_ids=ids[i:i + services.CHUNK_SIZE])
        make_seconds = time.perf_counter() - started
        document_ids = list(Statement.objects.filter(pk__in=made).order_by("debtor__reference")
                            .values_list("document_id", flat=True))
        documents = list(Document.objects.filter(pk__in=document_ids).order_by("pk"))
        from documents.pdf import render_letters_together

        render_letters_together([(d.template_name, d.data) for d in documents[:2]])  # warm both paths up
        # Alternate the two, ``rounds`` times, and keep each one's best: the machine is shared, and a
        # neighbour's load in one measurement should not decide the comparison.
        weasy, ours = [], []
        for _ in range(rounds):
            weasy.append(_weasyprint_batch(documents))
            savepoint = transaction.savepoint()
            started = time.perf_counter()
            for i in range(0, len(document_ids), services.RENDER_BATCH):
                documents_render_together(document_ids=document_ids[i:i + services.RENDER_BATCH])
            ours.append(time.perf_counter() - started)
            transaction.savepoint_rollback(savepoint)
        weasy, ours = min(weasy), min(ours)
        transaction.set_rollback(True)
    return {"count": len(document_ids), "make": make_seconds, "ours": ours, "weasy": weasy,
            "batch": services.RENDER_BATCH}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debtors", type=int, default=50_000)
    parser.add_argument("--postings", type=int, default=10_000_000)
    parser.add_argument("--render", type=int, default=400, help="Statements to render as PDFs.")
    parser.add_argument("--rounds", type=int, default=2, help="Times to measure each way of rendering (best kept).")
    parser.add_argument("--database", default=DATABASE)
    args = parser.parse_args()
    setup_django(args.database)
    user, period = seed(debtors=args.debtors, postings=args.postings)
    from core.context import acting_as_job

    with acting_as_job("bench-debt-statements"):
        ledger = bench_ledger(period)
        render = bench_render(user=user, period=period, count=args.render, rounds=args.rounds)
    total = ledger["dispatch"] + ledger["chunks"]
    print(f"\n{args.debtors:,} debtors, {args.postings:,} postings; period {period.label} ({period.describe()})")
    print(f"{'what':58} {'count':>8} {'seconds':>9} {'per second':>11}")
    print(f"{'dispatch: who to state (one query, every debtor)':58} {ledger['debtors']:>8,} {ledger['dispatch']:>9.1f} "
          f"{ledger['debtors'] / ledger['dispatch']:>11,.0f}")
    print(f"{'chunks: every statement figures (' + str(ledger['chunk_count']) + ' queries)':58} {ledger['stated']:>8,} "
          f"{ledger['chunks']:>9.1f} {ledger['stated'] / ledger['chunks']:>11,.0f}")
    print(f"{'ledger work in all':58} {ledger['stated']:>8,} {total:>9.1f} {'':>11}   target < "
          f"{LEDGER_TARGET_SECONDS} s: {'met' if total < LEDGER_TARGET_SECONDS else 'NOT met'}")
    print(f"{'  (PostgreSQL alone, the dispatch query: EXPLAIN ANALYZE)':58} {'':>8} {ledger['ceiling']:>9.1f}")
    print(f"{'statements made with their letter data (statements_make)':58} {render['count']:>8,} "
          f"{render['make']:>9.1f} {render['count'] / render['make']:>11,.1f}")
    ours_rate, weasy_rate = render["count"] / render["ours"], render["count"] / render["weasy"]
    print(f"{'PDFs: the run (' + str(render['batch']) + ' a pass, cut, stored one per letter)':58} {render['count']:>8,} {render['ours']:>9.1f} "
          f"{ours_rate:>11,.1f}")
    print(f"{'PDFs: WeasyPrint own batch (one HTML, one PDF)':58} {render['count']:>8,} {render['weasy']:>9.1f} "
          f"{weasy_rate:>11,.1f}")
    print(f"{'the run / WeasyPrint':58} {'':>8} {'':>9} {ours_rate / weasy_rate:>10.0%}   target >= "
          f"{RENDER_TARGET:.0%}: {'met' if ours_rate / weasy_rate >= RENDER_TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
