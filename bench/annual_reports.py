"""Annual deputy reports at scale: 1,500 clients, a year of about 200 transactions each, every report's
figures worked out from the ledger, checked against it, and rendered to PDF.

Run: ``.venv/bin/python bench/annual_reports.py [--clients 1500] [--transactions 200]`` with
``DATABASE_URL`` / ``REDIS_URL`` set (or unset, for the embedded servers). It uses its own database
``ascfinance_annual_reports_bench``; the first run seeds it with set-based SQL (clients held by a client
affairs team, each with a funds account, a deputyship order and its first court return; an opening receipt
before the period and ``--transactions`` categorised receipts and payments in the period, against the
pooled bank), later runs reuse it. It prints one table:

* **figures**: every report's inputs read from the ledger as the report page reads them
  (:func:`deputyship.returns.selectors.ledger_figures`, two grouped queries for all clients), then the pure
  calculation (:func:`deputyship.returns.calculator.report_figures`) for each;
* **check**: each report's opening and closing balances against the ledger's own balances as at the
  period's days (a separate query on posting dates), its money in and out against a separate sum of the
  postings by direction, and its balance check (no difference: every seeded posting has a category);
* **PDFs**: every report rendered through the report's template, 50 to a WeasyPrint pass
  (:func:`documents.pdf.render_letters_together`), as a bulk job would.

Target: all of it in under 10 minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from _common import setup_django

DATABASE = "ascfinance_annual_reports_bench"
TARGET_SECONDS = 600
RENDER_BATCH = 50
PERIOD_START = dt.date(2025, 10, 1)
PERIOD_END = dt.date(2026, 9, 30)
IN_CATEGORIES = ["state_pension", "attendance_allowance", "pension_credit", "personal_pension", "account_interest"]
OUT_CATEGORIES = ["care_fees", "personal_allowance", "electricity_and_gas", "water", "food", "insurance",
                  "council_tax", "clothes"]


def seed(*, clients: int, transactions: int):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from ledger.models import Account
    from people.models import Team, TeamMembership

    call_command("migrate", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username="bench-reports", defaults={"first_name": "Bench"})
    team, _ = Team.objects.get_or_create(name="Client affairs (bench)", defaults={"service": "client_affairs"})
    TeamMembership.objects.get_or_create(team=team, user=user)
    bank, _ = Account.objects.get_or_create(purpose="POOLED_BANK", owner_kind="council", client=None,
                                            defaults={"name": "Pooled client bank account", "kind": "asset"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM ledger_transaction WHERE idempotency_key LIKE 'bench-report-%%'")
        if cursor.fetchone()[0] >= clients * (transactions + 1):
            return user
        cursor.execute("SELECT COUNT(*) FROM ledger_transaction WHERE idempotency_key LIKE 'bench-report-%%'")
        if cursor.fetchone()[0]:
            raise SystemExit("The bench database holds a different number of clients or transactions: drop it first.")
        started = time.perf_counter()
        cursor.execute("""
            INSERT INTO people_client (council_reference, title, first_name, middle_names, last_name, preferred_name,
                date_of_birth, nhs_number, phone, email, created_at, updated_at)
            SELECT 'ASCR-' || g, 'Mrs', 'Client', '', 'Number ' || g, '', date '1935-01-01' + (g %% 15000), '', '', '',
                   now(), now()
            FROM generate_series(1, %s) g ON CONFLICT (council_reference) DO NOTHING""", [clients])
        cursor.execute("""
            INSERT INTO people_allocation (client_id, team_id, service, officer_id, start_date, end_date)
            SELECT c.id, %s, 'client_affairs', %s, date '2020-01-01', NULL FROM people_client c
            WHERE c.council_reference LIKE 'ASCR-%%' AND NOT EXISTS (SELECT 1 FROM people_allocation a
                                                                    WHERE a.client_id = c.id)""", [team.pk, user.pk])
        cursor.execute("""
            INSERT INTO ledger_account (name, kind, owner_kind, client_id, owner_reference, purpose, currency,
                is_active, created_at, bank_sort_code, bank_account_number, bank_iban)
            SELECT 'Client funds: ' || c.council_reference, 'liability', 'client', c.id, '', 'CLIENT_FUNDS', 'GBP',
                   true, now(), '', '', ''
            FROM people_client c WHERE c.council_reference LIKE 'ASCR-%%'
              AND NOT EXISTS (SELECT 1 FROM ledger_account a
                              WHERE a.client_id = c.id AND a.purpose = 'CLIENT_FUNDS')""")
        cursor.execute("""
            INSERT INTO deputyship_legalauthority (client_id, kind, reference, made_on, starts_on, ends_on, end_reason,
                may_sell_property, may_make_gifts, gift_limit, payment_limit, scope, restrictions, recorded_by_id,
                recorded_at)
            SELECT c.id, 'deputy', 'COP ' || c.id, %s, %s, NULL, '', false, false, NULL, NULL, '', '', %s, now()
            FROM people_client c WHERE c.council_reference LIKE 'ASCR-%%'
              AND NOT EXISTS (SELECT 1 FROM deputyship_legalauthority l WHERE l.client_id = c.id)""",
                       [PERIOD_START, PERIOD_START, user.pk])
        cursor.execute("""
            INSERT INTO deputyship_courtreturn (client_id, authority_id, number, period_start, period_end, due_on,
                final, status, form, difference_note, created_at, submitted_reference)
            SELECT l.client_id, l.id, 1, %s, %s, %s, false, 'draft', '', '', now(), ''
            FROM deputyship_legalauthority l JOIN people_client c ON c.id = l.client_id
            WHERE c.council_reference LIKE 'ASCR-%%'
              AND NOT EXISTS (SELECT 1 FROM deputyship_courtreturn r WHERE r.authority_id = l.id)""",
                       [PERIOD_START, PERIOD_END, PERIOD_END + dt.timedelta(days=56)])
        cursor.execute("""SELECT array_agg(a.id ORDER BY a.id) FROM ledger_account a JOIN people_client c
                          ON c.id = a.client_id
                          WHERE c.council_reference LIKE 'ASCR-%%' AND a.purpose = 'CLIENT_FUNDS'""")
        accounts = cursor.fetchone()[0]
        n = len(accounts)
        # The rows are balanced by construction; the per-row triggers are for the services.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("CREATE TEMP TABLE bench_accounts AS SELECT ordinality - 1 AS n, id "
                       "FROM unnest(%s::bigint[]) WITH ORDINALITY AS id", [accounts])
        cursor.execute("CREATE UNIQUE INDEX ON bench_accounts (n)")
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM ledger_transaction")
        first_id = cursor.fetchone()[0] + 1
        total = n * (transactions + 1)
        days = (PERIOD_END - PERIOD_START).days + 1
        # g < n: each client's opening receipt, the day before the period; then receipts (4 in 10, £150-£900,
        # a money-in category) and payments (6 in 10, £5-£125, a money-out category) spread over the period,
        # never more out than in for any client (the opening receipt is £20,000).
        rows = f"""
            SELECT %(first)s + g AS id, g,
                   CASE WHEN g < {n} THEN %(before)s::date
                        ELSE %(start)s::date + ((g * 7919) %% {days})::int END AS day,
                   CASE WHEN g < {n} OR g %% 10 < 4 THEN 'receipt' ELSE 'payment' END AS kind,
                   CASE WHEN g < {n} THEN 20000.00 WHEN g %% 10 < 4 THEN (((g * 104729) %% 75000) + 15000) / 100.0
                        ELSE (((g * 104729) %% 12000) + 500) / 100.0 END AS pounds,
                   CASE WHEN g < {n} THEN 'sale_of_assets'
                        WHEN g %% 10 < 4 THEN (ARRAY{IN_CATEGORIES!r})[(g / 10) %% {len(IN_CATEGORIES)} + 1]
                        ELSE (ARRAY{OUT_CATEGORIES!r})[(g / 10) %% {len(OUT_CATEGORIES)} + 1] END AS category,
                   (g %% {n})::int AS n
            FROM generate_series(0::bigint, {total - 1}::bigint) g"""
        params = {"first": first_id, "before": PERIOD_START - dt.timedelta(days=1), "start": PERIOD_START}
        cursor.execute(f"""
            INSERT INTO ledger_transaction (id, effective_date, posted_at, kind, memo, acting_user_id, idempotency_key,
                reverses_id, category, relates_to_date)
            SELECT id, day, now(), kind, initcap(replace(category, '_', ' ')), %(user)s, 'bench-report-' || id, NULL,
                   category, NULL FROM ({rows}) r""", {**params, "user": user.pk})
        cursor.execute(f"""
            INSERT INTO ledger_posting (transaction_id, account_id, amount, effective_date)
            SELECT r.id, a.id, CASE WHEN r.kind = 'receipt' THEN -r.pounds ELSE r.pounds END, r.day
            FROM ({rows}) r JOIN bench_accounts a ON a.n = r.n
            UNION ALL
            SELECT r.id, %(bank)s, CASE WHEN r.kind = 'receipt' THEN r.pounds ELSE -r.pounds END, r.day
            FROM ({rows}) r""", {**params, "bank": bank.pk})
        cursor.execute("SET session_replication_role = origin")
        cursor.execute("SELECT setval(pg_get_serial_sequence('ledger_transaction', 'id'), "
                       "(SELECT MAX(id) FROM ledger_transaction))")
        cursor.execute("ANALYZE ledger_posting")
        cursor.execute("ANALYZE ledger_transaction")
    print(f"Seeded {clients:,} clients and {total:,} transactions in {time.perf_counter() - started:.0f} s",
          flush=True)
    return user


def _check_against_ledger(returns, figures_by_client) -> int:
    """The reports' balances and totals against the ledger read another way: balances as at the period's
    days by posting date, money in and out by the sign of each posting. Returns how many reports agree."""
    from django.db import connection

    ids = [r.client_id for r in returns]
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT a.client_id,
                   -COALESCE(SUM(p.amount) FILTER (WHERE p.effective_date < %s), 0),
                   -COALESCE(SUM(p.amount) FILTER (WHERE p.effective_date <= %s), 0),
                   -COALESCE(SUM(p.amount) FILTER (WHERE p.effective_date BETWEEN %s AND %s AND p.amount < 0), 0),
                   COALESCE(SUM(p.amount) FILTER (WHERE p.effective_date BETWEEN %s AND %s AND p.amount > 0), 0)
            FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id
            WHERE a.purpose = 'CLIENT_FUNDS' AND a.client_id = ANY(%s)
            GROUP BY a.client_id""", [PERIOD_START, PERIOD_END, PERIOD_START, PERIOD_END, PERIOD_START, PERIOD_END,
                                      ids])
        ledger = {row[0]: row[1:] for row in cursor.fetchall()}
    agree = 0
    for client_id, figures in figures_by_client.items():
        opening, closing, money_in, money_out = ledger.get(client_id, (0, 0, 0, 0))
        if (figures.opening, figures.closing, figures.total_in, figures.total_out) != (
                opening, closing, money_in, money_out) or not figures.balances:
            raise AssertionError(f"Client {client_id}: the report's figures do not agree with the ledger")
        agree += 1
    return agree


def bench(*, clients: int) -> dict:
    from documents.letters import letterhead
    from documents.pdf import render_letters_together

    from deputyship.returns.calculator import ReportInputs, report_figures
    from deputyship.returns.letters import TEMPLATE
    from deputyship.returns.models import CourtReturn
    from deputyship.returns.selectors import SHORT_FORM_BELOW, ledger_figures

    returns = list(CourtReturn.objects.filter(client__council_reference__startswith="ASCR-")
                   .select_related("client", "authority").order_by("client_id")[:clients])
    started = time.perf_counter()
    accounts = ledger_figures(periods={r.client_id: (r.period_start, r.period_end) for r in returns})
    read = time.perf_counter() - started
    started = time.perf_counter()
    figures = {}
    for r in returns:
        # The ledger part of the report's inputs from the bulk read (no fees or entries in the bench).
        inputs = ReportInputs(period_start=r.period_start, period_end=r.period_end, accounts=[accounts[r.client_id]],
                              short_form_below=SHORT_FORM_BELOW)
        figures[r.client_id] = report_figures(inputs)
    calculate = time.perf_counter() - started
    started = time.perf_counter()
    agree = _check_against_ledger(returns, figures)
    check = time.perf_counter() - started
    head = letterhead()
    letters = [(TEMPLATE, {
        "letterhead": head, "letter": {"title": "Annual report to the Office of the Public Guardian",
                                       "date": PERIOD_END.isoformat(), "reference": r.authority.reference},
        "client": {"full_name": r.client.full_name, "reference": r.client.council_reference,
                   "date_of_birth": r.client.date_of_birth.isoformat()},
        "report": {"number": r.number, "final": r.final, "status": r.status, "due_on": r.due_on.isoformat(),
                   "order_reference": r.authority.reference, "order_made_on": r.authority.made_on.isoformat()},
        "figures": figures[r.client_id].as_data(), "decisions": [], "contacts": [], "visits": [], "actions": []})
        for r in returns]
    started = time.perf_counter()
    pages = 0
    size = 0
    for i in range(0, len(letters), RENDER_BATCH):
        pdf, counts = render_letters_together(letters[i:i + RENDER_BATCH])
        pages += sum(counts)
        size += len(pdf)
    render = time.perf_counter() - started
    return {"reports": len(returns), "read": read, "calculate": calculate, "check": check, "agree": agree,
            "render": render, "pages": pages, "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1_500)
    parser.add_argument("--transactions", type=int, default=200, help="Transactions a client in the year.")
    parser.add_argument("--database", default=DATABASE)
    args = parser.parse_args()
    setup_django(args.database)
    seed(clients=args.clients, transactions=args.transactions)
    from core.context import acting_as_job

    with acting_as_job("bench-annual-reports"):
        result = bench(clients=args.clients)
    total = result["read"] + result["calculate"] + result["check"] + result["render"]
    print(f"\n{result['reports']:,} annual reports, {args.transactions} transactions each in the year "
          f"({PERIOD_START} to {PERIOD_END})")
    print(f"{'what':60} {'seconds':>9} {'reports a second':>17}")
    for label, key in (("figures read from the ledger (ledger_figures, 2 queries)", "read"),
                       ("figures calculated (report_figures, one per report)", "calculate"),
                       ("checked against the ledger read another way", "check"),
                       (f"PDFs rendered, {RENDER_BATCH} a WeasyPrint pass ({result['pages']:,} pages)", "render")):
        print(f"{label:60} {result[key]:>9.1f} {result['reports'] / max(result[key], 1e-9):>17,.0f}")
    print(f"{'all':60} {total:>9.1f}   target < {TARGET_SECONDS} s: {'met' if total < TARGET_SECONDS else 'NOT met'}"
          f"; {result['agree']:,} of {result['reports']:,} reports agree with the ledger")


if __name__ == "__main__":
    main()
