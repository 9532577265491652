"""Deferred payment accrual and statements at scale: a six-month period for 5,000 agreements, then their statements.

Run: ``.venv/bin/python bench/dpa_accrual.py [--agreements 5000] [--catch-up 500] [--render 400] [--rounds 2]``
with ``DATABASE_URL`` / ``REDIS_URL`` set (or unset, for the embedded servers). It uses its own database
``ascfinance_dpa_bench``; the first run seeds it (clients with a home address, active agreements from 1 July
2023 with a weekly deferral, each with its debt account, and the council's fee schedule: a set-up and an
annual fee) and accrues them to 30 June 2024 as the daily runs would have: each week's deferral as the week
ended, the set-up fee, the second half of 2023's interest. It prints one table:

* **accrual**: the period end, ``accrual_run`` for 1 July 2024 over every agreement: the first half of 2024's
  interest worked out over 26 weeks of deferrals and a rate change behind it, the annual fee due on the first
  anniversary, the week just ended, and the equity positions, with PostgreSQL's deferred balance checks
  (``SET CONSTRAINTS ALL IMMEDIATE``) inside the timing; target under 30 s (the issue's "a six-month period
  ... interest and fees, ledger writes").
* **catch-up** (no target, for the record): ``--catch-up`` agreements that have never been accrued, brought
  from 1 July 2023 to 1 July 2024 in one run: a year of weekly deferrals, both fees, both half-years' interest
  (about 56 ledger transactions each); what a run after a long outage does.
* **PDFs**: ``--render`` six-monthly statements made by the run's path (``statements_make`` then
  ``statements_render``: 100 letters to a WeasyPrint pass, cut into one stored file each), beside WeasyPrint's own
  batch rendering of the same letters in the same run (one HTML, one PDF; ``bench_debt_statements._weasyprint_batch``);
  target at least 80% of WeasyPrint's rate. Both are measured ``--rounds`` times, alternately, best kept.

Everything the run makes is rolled back at the end, so every run measures the same work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from decimal import Decimal

from _common import setup_django

DATABASE = "ascfinance_dpa_bench"
START = dt.date(2023, 7, 1)
ON = dt.date(2024, 7, 1)
END = dt.date(2024, 6, 30)
TARGET_SECONDS = 30
RENDER_TARGET = 0.80


def seed(*, agreements: int, catch_up: int):
    _seed_agreements(prefix="B", count=agreements)
    _seed_agreements(prefix="C", count=catch_up)
    _accrue_to_period_end()


def _accrue_to_period_end() -> None:
    """The daily runs up to 30 June 2024 for the main set (committed, once): every deferral, the set-up fee and
    2023's second half of interest, so that the timed run is the period end's work."""
    from core.context import acting_as_job
    from core.context import system_user
    from deferred_payments.accrual.models import AccrualPosting
    from deferred_payments.accrual.services import accrual_chunk, council_accounts
    from deferred_payments.agreements.models import Agreement

    ids = list(Agreement.objects.filter(reference__startswith="DPA-B").exclude(
        pk__in=AccrualPosting.objects.values("agreement_id")).order_by("pk").values_list("pk", flat=True))
    if not ids:
        return
    started = time.perf_counter()
    with acting_as_job("bench-dpa-accrual-seed"):
        user = system_user()
        accounts = council_accounts(acting_user=user)
        for i in range(0, len(ids), 500):
            accrual_chunk(acting_user=user, agreement_ids=ids[i:i + 500], on=END, accounts=accounts)
    print(f"Accrued {len(ids):,} agreements to {END:%-d %b %Y} in {time.perf_counter() - started:.0f} s", flush=True)


def _seed_agreements(*, prefix: str, count: int):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from deferred_payments.accrual.models import FeeScheduleItem
    from deferred_payments.agreements.models import Agreement, WeeklyDeferral
    from ledger.models import Account

    call_command("migrate", verbosity=0)
    User = get_user_model()
    preparer, _ = User.objects.get_or_create(username="bench-dpa-officer", defaults={"first_name": "Bench"})
    approver, _ = User.objects.get_or_create(username="bench-dpa-leader", defaults={"first_name": "Bench"})
    if not FeeScheduleItem.objects.exists():
        FeeScheduleItem.objects.bulk_create([
            FeeScheduleItem(name="Set-up fee", kind="set_up", amount=Decimal("743.10"), effective_from=START,
                            source="Reading 2024/25 (bench)", recorded_by=approver),
            FeeScheduleItem(name="Annual fee", kind="annual", amount=Decimal("281.90"), effective_from=START,
                            source="Reading 2024/25 (bench)", recorded_by=approver)])
    have = Agreement.objects.filter(reference__startswith=f"DPA-{prefix}").count()
    if have >= count:
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO people_client (council_reference, title, first_name, middle_names, last_name, preferred_name,
                date_of_birth, nhs_number, phone, email, created_at, updated_at)
            SELECT %s || g, 'Mrs', 'Deferred', '', 'Number ' || g, '', date '1935-01-01' + (g %% 15000), '', '',
                   '', now(), now()
            FROM generate_series(%s, %s) g ON CONFLICT (council_reference) DO NOTHING""",
                       [f"ASC{prefix}-", have + 1, count])
        cursor.execute("""
            INSERT INTO people_address (client_id, kind, line_1, line_2, town, county, postcode, start_date)
            SELECT c.id, 'home', (c.id %% 200 + 1) || ' Mill Lane', '', 'Anytown', '', 'AN1 1AA', date '2020-01-01'
            FROM people_client c WHERE c.council_reference LIKE %s
              AND NOT EXISTS (SELECT 1 FROM people_address a WHERE a.client_id = c.id)""", [f"ASC{prefix}-%"])
        cursor.execute("SELECT id, council_reference FROM people_client WHERE council_reference LIKE %s AND NOT "
                       "EXISTS (SELECT 1 FROM deferred_payments_agreement d WHERE d.client_id = people_client.id)",
                       [f"ASC{prefix}-%"])
        clients = cursor.fetchall()
    accounts = Account.objects.bulk_create([
        Account(name=f"{ref}: deferred payment agreement", kind="asset", owner_kind="agreement",
                owner_reference=f"DPA-{prefix}{ref[5:]}", purpose="DEFERRED_DEBT") for _pk, ref in clients])
    made = Agreement.objects.bulk_create([
        Agreement(reference=f"DPA-{prefix}{ref[5:]}", client_id=pk, status="active", starts_on=START,
                  deferral_allowed_from=START, equity_limit=Decimal("165750.00"), debt_account=account,
                  compounding=("daily", "monthly", "six_monthly", "simple")[pk % 4],
                  day_basis=("365", "actual")[pk % 2], prepared_by=preparer, approved_by=approver)
        for (pk, ref), account in zip(clients, accounts, strict=True)])
    WeeklyDeferral.objects.bulk_create([
        WeeklyDeferral(agreement=a, effective_from=START, amount=Decimal("400.00") + (a.pk % 400),
                       source="bench", recorded_by=preparer) for a in made])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Seeded {len(made):,} agreements in {time.perf_counter() - started:.0f} s", flush=True)


def _accrue(prefix: str, on: dt.date) -> dict:
    """What ``accrual_run`` does (chunk by chunk, the same chunk size) for one set of the bench's agreements,
    timed with the ledger's deferred checks, then rolled back."""
    from django.db import connection, transaction

    from core.context import acting_as_job, system_user
    from deferred_payments.accrual.services import CHUNK_SIZE, accrual_chunk, council_accounts
    from deferred_payments.agreements.models import Agreement

    ids = list(Agreement.objects.filter(reference__startswith=f"DPA-{prefix}").order_by("pk")
               .values_list("pk", flat=True))
    summary: dict = {"agreements": 0}
    with acting_as_job("bench-dpa-accrual"), transaction.atomic():
        started = time.perf_counter()
        user = system_user()
        accounts = council_accounts(acting_user=user)
        for i in range(0, len(ids), CHUNK_SIZE):
            part = accrual_chunk(acting_user=user, agreement_ids=ids[i:i + CHUNK_SIZE], on=on, accounts=accounts)
            for key in ("agreements", "deferral", "fee", "interest"):
                summary[key] = summary.get(key, 0) + int(part.get(key, 0))
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the ledger's deferred balance checks, timed too
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {"seconds": seconds, **summary}


def bench_render(*, count: int, rounds: int) -> dict:
    from django.db import transaction

    from bench_debt_statements import _weasyprint_batch
    from core.context import acting_as_job, system_user
    from deferred_payments.accrual.services import accrual_chunk, council_accounts
    from deferred_payments.agreements.models import Agreement
    from deferred_payments.statements import services
    from deferred_payments.statements.models import AgreementStatement
    from documents.models import Document
    from documents.pdf import render_letters_together

    with acting_as_job("bench-dpa-statements"), transaction.atomic():
        ids = list(Agreement.objects.filter(reference__startswith="DPA-B").order_by("pk")
                   .values_list("pk", flat=True)[:count])
        user = system_user()
        accounts = council_accounts(acting_user=user)
        for i in range(0, len(ids), 500):
            accrual_chunk(acting_user=user, agreement_ids=ids[i:i + 500], on=ON, accounts=accounts)
        started = time.perf_counter()
        made = []
        for i in range(0, len(ids), services.CHUNK_SIZE):
            made += services.statements_make(agreement_ids=ids[i:i + services.CHUNK_SIZE], end=END)
        make_seconds = time.perf_counter() - started
        document_ids = list(AgreementStatement.objects.filter(pk__in=made).order_by("pk")
                            .values_list("document_id", flat=True))
        documents = list(Document.objects.filter(pk__in=document_ids).order_by("pk"))
        render_letters_together([(d.template_name, d.data) for d in documents[:2]])  # warm both paths up
        weasy, ours = [], []
        for _ in range(rounds):
            weasy.append(_weasyprint_batch(documents))
            savepoint = transaction.savepoint()
            started = time.perf_counter()
            services.statements_render(statement_ids=made)
            ours.append(time.perf_counter() - started)
            transaction.savepoint_rollback(savepoint)
        transaction.set_rollback(True)
    return {"count": len(documents), "make": make_seconds, "ours": min(ours), "weasy": min(weasy),
            "batch": services.RENDER_BATCH}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=5_000)
    parser.add_argument("--catch-up", type=int, default=500)
    parser.add_argument("--render", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--database", default=DATABASE)
    args = parser.parse_args()
    setup_django(args.database)
    seed(agreements=args.agreements, catch_up=args.catch_up)
    accrual = _accrue("B", ON)
    catch_up = _accrue("C", ON)
    render = bench_render(count=args.render, rounds=args.rounds)
    postings = sum(int(accrual.get(k, 0)) for k in ("deferral", "fee", "interest"))
    caught = sum(int(catch_up.get(k, 0)) for k in ("deferral", "fee", "interest"))
    print(f"\n{accrual['agreements']:,} agreements from {START:%-d %b %Y}, accrued daily to {END:%-d %b %Y}; "
          f"the period end's run on {ON:%-d %b %Y}")
    print(f"{'what':60} {'count':>8} {'seconds':>9} {'per second':>11}")
    print(f"{'accrual, period end: interest, fees, week, ledger, positions':60} {postings:>8,} "
          f"{accrual['seconds']:>9.1f} {postings / accrual['seconds']:>11,.0f}   target < {TARGET_SECONDS} s: "
          f"{'met' if accrual['seconds'] < TARGET_SECONDS else 'NOT met'}")
    print(f"{'  of which interest postings':60} {int(accrual.get('interest', 0)):>8,}")
    print(f"{'  of which fees':60} {int(accrual.get('fee', 0)):>8,}")
    if catch_up["agreements"]:
        label = f"catch-up: {catch_up['agreements']:,} never accrued, a year at once (no target)"
        print(f"{label:60} {caught:>8,} {catch_up['seconds']:>9.1f} {caught / catch_up['seconds']:>11,.0f}")
    print(f"{'statements made with their letter data (statements_make)':60} {render['count']:>8,} "
          f"{render['make']:>9.1f} {render['count'] / render['make']:>11,.1f}")
    ours_rate, weasy_rate = render["count"] / render["ours"], render["count"] / render["weasy"]
    print(f"{'PDFs: the run (' + str(render['batch']) + ' a pass, cut, stored one per letter)':60} "
          f"{render['count']:>8,} {render['ours']:>9.1f} {ours_rate:>11,.1f}")
    print(f"{'PDFs: WeasyPrint own batch (one HTML, one PDF)':60} {render['count']:>8,} {render['weasy']:>9.1f} "
          f"{weasy_rate:>11,.1f}")
    print(f"{'the run / WeasyPrint':60} {'':>8} {'':>9} {ours_rate / weasy_rate:>10.0%}   target >= "
          f"{RENDER_TARGET:.0%}: {'met' if ours_rate / weasy_rate >= RENDER_TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
