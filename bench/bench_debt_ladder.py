"""The daily recovery ladder over 50,000 debtor accounts (target: under 60 s).

Run: ``.venv/bin/python bench/bench_debt_ladder.py [--debtors 50000] [--years 4]``. The benchmark makes
its own database (``bench_debt_ladder``, dropped and made again each run) and seeds it with set-based
SQL (``INSERT ... SELECT`` over ``generate_series``, triggers off for the ledger rows, which are balanced
by construction):

- 50,000 clients with a home address, held by one debt recovery team, each with a debtor account on
  their own care-charge receivable;
- four-weekly care charges for ``--years`` years on the council's common billing calendar (13 a year),
  each a balanced two-posting transaction (receivable / charging income), and payments (council bank /
  receivable) in realistic patterns: 60% pay every invoice 18 days after it; 8% pay late, so the newest
  invoice is still unpaid on the day measured; 10% stopped paying at some point in the last three years;
  10% pay half of each invoice; 6% paid nothing for the last three invoices; 6% overpaid into credit.
  With the default four years that is 10 million postings, the issue's scale.
- the default ladder, and each overdue debt's ladder position as the daily runs before would have left
  it (set-based, from the same step timings), so the day measured is an ordinary working day of the job.

The day measured is the reminder day of the newest invoice (21 days after it), the heaviest day of the
four-weekly cycle: every late payer gets a reminder letter. It times, in this one process, the ladder
run as the job runs it (``job_run``): reading what is overdue (one query), the holds, leaving and
starting the ladder (set-based), and each step due with its letter (data gathered and the document
stored; the PDF is rendered afterwards by the workers, as for every letter) and task. Then the same day
again (nothing to do: it is a succeeded run) and the work itself again outside ``job_run`` (each debt
finds its step taken).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time

import _common

DATABASE = "bench_debt_ladder"
TARGET_SECONDS = 60
FIRST_CHARGE = dt.date(2022, 11, 27)  # a Sunday, the end of a four-weekly period


def _drop_database() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return
    import psycopg

    base, _, query = url.partition("?")
    server = base.rsplit("/", 1)[0]
    with psycopg.connect(_common._libpq(f"{server}/postgres" + (f"?{query}" if query else "")),
                         autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def seed(n: int, periods: int) -> tuple[object, dt.date]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection

    from core.context import system_user
    from core.roles import Role, sync_role_groups
    from debt_recovery.ladder.defaults import seed_default_ladder
    from ledger.receivables import charging_income_account, council_bank_account
    from people.choices import Service
    from people.models import Team, TeamMembership

    sync_role_groups()
    User = get_user_model()
    officer = User.objects.create(username="bench-officer", first_name="Dev", last_name="Officer")
    leader = User.objects.create(username="bench-leader", first_name="Joan", last_name="Leader")
    officer.groups.add(Group.objects.get(name=Role.OFFICER))
    leader.groups.add(Group.objects.get(name=Role.TEAM_LEADER))
    team = Team.objects.create(name="Bench debt recovery", service=Service.DEBT_RECOVERY)
    TeamMembership.objects.create(team=team, user=officer)
    TeamMembership.objects.create(team=team, user=leader, is_leader=True)
    system_user()
    income = charging_income_account(acting_user=officer)
    bank = council_bank_account(acting_user=officer)
    seed_default_ladder(acting_user=leader)
    last_charge = FIRST_CHARGE + dt.timedelta(days=28 * (periods - 1))
    on = last_charge + dt.timedelta(days=21)  # the newest invoice's reminder day

    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO people_client (council_reference, title, first_name, middle_names, last_name, preferred_name,
                date_of_birth, nhs_number, phone, email, created_at, updated_at)
            SELECT 'BDL-' || lpad(i::text, 7, '0'), 'Mrs', 'Person' || i, '', 'Surname' || (i %% 997), '',
                   date '1935-01-01' + (i %% 7000), '', '', '', now(), now()
            FROM generate_series(1, %s) i""", [n])
        cursor.execute("""
            INSERT INTO people_address (client_id, kind, line_1, line_2, town, county, postcode, start_date)
            SELECT id, 'home', (id % 200 + 1) || ' Long Lane', '', 'Anytown', '', 'AN1 1AA', date '2015-01-01'
            FROM people_client WHERE council_reference LIKE 'BDL-%'""")
        cursor.execute("""
            INSERT INTO people_allocation (client_id, team_id, service, officer_id, start_date, end_date)
            SELECT id, %s, 'debt_recovery', %s, date '2020-01-01', NULL FROM people_client
            WHERE council_reference LIKE 'BDL-%%'""", [team.pk, officer.pk])
        cursor.execute("""
            INSERT INTO ledger_account (name, kind, owner_kind, client_id, owner_reference, purpose, currency,
                is_active, created_at, bank_account_number, bank_sort_code)
            SELECT 'Care charges: ' || council_reference, 'asset', 'client', id, '', 'CARE_CHARGE_RECEIVABLE', 'GBP',
                   true, now(), '', ''
            FROM people_client WHERE council_reference LIKE 'BDL-%'""")
        cursor.execute("""
            INSERT INTO debt_recovery_debtoraccount (reference, client_id, kind, name, contact_id, customer_type,
                payment_method, letters_to, contact_by, email, phone, ledger_account_id, status, opened_by_id,
                opened_at)
            SELECT 'D' || lpad(c.id::text, 7, '0'), c.id, 'person', 'Mrs ' || c.first_name || ' ' || c.last_name,
                   NULL, 'service_user', 'card', 'client_rule', 'letter', '', '', a.id, 'open', %s, now()
            FROM people_client c JOIN ledger_account a ON a.client_id = c.id AND a.purpose = 'CARE_CHARGE_RECEIVABLE'
            WHERE c.council_reference LIKE 'BDL-%%'""", [officer.pk])
        # Every charge and payment as one event; each becomes a transaction with two postings.
        cursor.execute("""
            CREATE TEMP TABLE bench_events AS
            WITH debtors AS (
                SELECT d.id AS n, d.ledger_account_id AS account, (d.id %% 50) AS pattern,
                       (12000 + (d.id * 7919) %% 90000) / 100.0 AS weekly
                FROM debt_recovery_debtoraccount d
            ),
            charges AS (
                SELECT n, account, pattern, k, %(first)s::date + 28 * k AS day, round(weekly * 4, 2) AS amount
                FROM debtors CROSS JOIN generate_series(0, %(periods)s - 1) k
            )
            SELECT account, day, amount, 'charge' AS kind FROM charges
            UNION ALL
            SELECT account, day + 18, CASE WHEN pattern BETWEEN 35 AND 39 THEN round(amount / 2, 2)
                                           WHEN pattern >= 47 THEN amount + 10 ELSE amount END, 'receipt'
            FROM charges
            WHERE day + 18 < %(on)s AND (
                  pattern < 30                                                        -- pay on time (60%%)
               OR (pattern BETWEEN 30 AND 33 AND k < %(periods)s - 1)                 -- late payers (8%%)
               OR (pattern BETWEEN 34 AND 38 AND pattern <> 34 AND pattern < 39)      -- pay half (8%%)
               OR (pattern = 34 AND k < %(periods)s - 1 - (n %% 39))                  -- stopped (2%%)
               OR (pattern BETWEEN 39 AND 42 AND k < %(periods)s - 1 - (n %% 39))     -- stopped (8%%)
               OR (pattern BETWEEN 43 AND 45 AND k < %(periods)s - 3)                 -- nothing lately (6%%)
               OR pattern >= 47)                                                      -- in credit (6%%)
            """, {"first": FIRST_CHARGE, "periods": periods, "on": on})
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM ledger_transaction")
        base = cursor.fetchone()[0]
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("""
            CREATE TEMP TABLE bench_numbered AS
            SELECT %s + row_number() OVER () AS id, account, day, amount, kind FROM bench_events""", [base])
        cursor.execute("""
            INSERT INTO ledger_transaction (id, effective_date, posted_at, kind, memo, acting_user_id, idempotency_key)
            SELECT id, day, now(), kind, CASE WHEN kind = 'charge' THEN 'Care charges' ELSE 'Payment, thank you' END,
                   %s, 'bench-' || id FROM bench_numbered""", [officer.pk])
        cursor.execute("""
            INSERT INTO ledger_posting (transaction_id, account_id, amount, effective_date)
            SELECT id, account, CASE WHEN kind = 'charge' THEN amount ELSE -amount END, day FROM bench_numbered
            UNION ALL
            SELECT id, CASE WHEN kind = 'charge' THEN %s ELSE %s END,
                   CASE WHEN kind = 'charge' THEN -amount ELSE amount END, day FROM bench_numbered""",
                       [income.pk, bank.pk])
        cursor.execute("SET session_replication_role = origin")
        cursor.execute("SELECT setval(pg_get_serial_sequence('ledger_transaction', 'id'), "
                       "(SELECT MAX(id) FROM ledger_transaction))")
        cursor.execute("DROP TABLE bench_events, bench_numbered")
    _positions_as_before(on)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE ledger_posting")
        cursor.execute("ANALYZE")
    return officer, on


def _positions_as_before(on: dt.date) -> None:
    """Each overdue debt's ladder position as the daily runs up to the day before would have left it: the
    last step whose day (the date the debt fell due plus the steps' days so far) came before ``on``."""
    from django.db import connection

    from debt_recovery.ladder.models import LadderStep
    from debt_recovery.ladder.selectors import overdue_debts

    steps = list(LadderStep.objects.filter(active=True).order_by("position"))
    found = overdue_debts(on=on - dt.timedelta(days=1))
    rows = []
    for debtor_id, debt in found.items():
        if not debt.is_overdue:
            continue
        day, last = debt.since, (None, None)
        for step in steps:
            day += dt.timedelta(days=step.days_after)
            if day >= on:
                break
            last = (step.pk, day)
        rows.append((debtor_id, debt.since, last[0], last[1], debt.overdue))
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO debt_recovery_ladderposition (debtor_id, episode, episode_started_on, last_step_id,
                last_step_on, overdue, left_on)
            SELECT debtor, 1, since, step, step_on, overdue, NULL
            FROM unnest(%s::bigint[], %s::date[], %s::bigint[], %s::date[], %s::numeric[])
                 AS r(debtor, since, step, step_on, overdue)""",
                       [[r[i] for r in rows] for i in range(5)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--debtors", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=4)
    args = parser.parse_args()
    periods = 13 * args.years

    _drop_database()
    _common.setup_django(DATABASE)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    from core.jobs import job_run
    from debt_recovery.ladder import services
    from debt_recovery.ladder.models import LadderAction, LadderPosition
    from documents.models import Document

    started = time.perf_counter()
    _officer, on = seed(args.debtors, periods)
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM ledger_posting")
        postings = cursor.fetchone()[0]
    on_ladder = LadderPosition.objects.filter(episode_started_on__isnull=False).count()

    # The letters' PDFs are the workers' job: count what would be queued instead of queueing it here.
    queued = []
    import documents.services as document_services

    document_services._queue_render = queued.append

    rows = []
    t0 = time.perf_counter()
    run = job_run(job="debt-ladder", period=on.isoformat(), work=lambda r: services.ladder_run(on=on, run=r))
    first = time.perf_counter() - t0
    summary = run.summary
    rows.append(("ladder run (the day's steps)", summary["steps_taken"], first))
    t0 = time.perf_counter()
    again = job_run(job="debt-ladder", period=on.isoformat(), work=lambda r: services.ladder_run(on=on, run=r))
    rows.append(("the same day again (job_run: done)", 0, time.perf_counter() - t0))
    t0 = time.perf_counter()
    redo = services.ladder_run(on=on)
    rows.append(("the work again (every step found taken)", redo["steps_taken"], time.perf_counter() - t0))

    assert again.attempts == 1 and redo["steps_taken"] == 0
    assert LadderAction.objects.filter(taken_on=on).count() == summary["steps_taken"] + summary["passed_over"]
    assert Document.objects.filter(kind__startswith="debt_recovery.").count() == summary["letters"] == len(queued)
    print(f"seeded {args.debtors:,} debtor accounts, {postings:,} postings ({periods} four-weekly periods) in "
          f"{seeded:.0f} s; day measured {on:%d %B %Y}; {summary['overdue']:,} overdue, {on_ladder:,} on the "
          f"ladder before the run")
    print(f"steps taken {summary['steps_taken']:,}, letters {summary['letters']:,}, tasks {summary['tasks']:,}, "
          f"passed over {summary['passed_over']:,}, left the ladder {summary['left']:,}, started {summary['started']:,}, "
          f"refused {summary['refused']:,}")
    print(f"{'phase':42} {'steps':>7} {'seconds':>9}")
    for name, count, seconds in rows:
        print(f"{name:42} {count:>7,} {seconds:>9.1f}")
    print(f"{'daily ladder run':42} {'':>7} {first:>9.1f}   target < {TARGET_SECONDS} s: "
          f"{'met' if first < TARGET_SECONDS else 'NOT MET'}")


if __name__ == "__main__":
    main()
