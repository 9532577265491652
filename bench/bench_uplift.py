"""The April uplift at scale: preview and commit of 50,000 live assessments (target: under 5 minutes).

Run: ``.venv/bin/python bench/bench_uplift.py [--assessments 50000] [--chunk 500]``. The benchmark
makes its own database (``bench_uplift``, dropped and made again each run), seeds it quickly
(``bulk_create``: clients, care packages - residential and non-residential - and approved
assessments whose inputs and results come from the calculator itself, with the 2026/27 rates),
adds a new personal expenses allowance and MIG figure from Monday 5 April 2027, then times, in this
one process, chunk after chunk exactly as a worker runs them:

- **preview**: every live assessment worked out again with the new rates, stored as uplift items;
- **commit**: the new approved assessments (with their history), the old ones superseded.

Letters are left out (``letters=False``): they are made one by one by the workers afterwards. With two
workers the chunks run side by side; one process is the conservative figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time
from decimal import Decimal

import _common

DATABASE = "bench_uplift"
UPLIFT = dt.date(2027, 4, 5)
ASSESSED = dt.date(2026, 9, 7)
TARGET_SECONDS = 300


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


def _inputs(rng: random.Random):
    from charging.assessments.calculator import (
        AssessmentInput,
        CapitalItem,
        CapitalKind,
        Expense,
        IncomeItem,
        IncomeKind,
        Setting,
    )

    residential = rng.random() < 0.5
    pension_age = rng.random() < 0.8
    income = [IncomeItem(IncomeKind.STATE_PENSION, Decimal(rng.randint(15000, 23000)) / 100)] if pension_age else []
    if rng.random() < 0.5:
        income.append(IncomeItem(IncomeKind.OCCUPATIONAL_PENSION, Decimal(rng.randint(1000, 20000)) / 100, "Pension"))
    if not pension_age:
        income.append(IncomeItem(IncomeKind.UNIVERSAL_CREDIT, Decimal(rng.randint(8000, 15000)) / 100))
    capital = (CapitalItem("Bank", Decimal(rng.randint(0, 2300000)) / 100, CapitalKind.SAVINGS),)
    housing = () if residential else (Expense("Council Tax", Decimal(rng.randint(1000, 3000)) / 100),)
    return AssessmentInput(
        setting=Setting.RESIDENTIAL if residential else Setting.NON_RESIDENTIAL, assessment_date=ASSESSED,
        date_of_birth=dt.date(1940, 1, 1) if pension_age else dt.date(1980, 1, 1), pension_credit_age=pension_age,
        weekly_cost_of_care=Decimal("900.00") if residential else Decimal("350.00"),
        capital=capital, income=tuple(income), housing_costs=housing,
    )


def seed(n: int) -> tuple[object, object]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from charging.assessments.calculator import assess
    from charging.assessments.choices import AssessmentStatus, BackdatingRule
    from charging.models import Assessment, CarePackage, Rate
    from charging.selectors import rates_in_force
    from core.context import system_user
    from core.roles import Role, sync_role_groups
    from people.models import Client

    sync_role_groups()
    User = get_user_model()
    officer = User.objects.create(username="bench-officer", first_name="Owen")
    leader = User.objects.create(username="bench-leader", first_name="Leah")
    from django.contrib.auth.models import Group

    leader.groups.add(Group.objects.get(name=Role.TEAM_LEADER))
    from people.choices import Service
    from people.models import Team, TeamMembership

    # Only a charging team leader runs the uplift (charging.run_uplift); a second confirms a large one.
    team = Team.objects.create(name="Bench charging", service=Service.CHARGING)
    second = User.objects.create(username="bench-second", first_name="Sam")
    second.groups.add(Group.objects.get(name=Role.TEAM_LEADER))
    for user in (leader, second):
        TeamMembership.objects.create(team=team, user=user, is_leader=True)
    system_user()

    rng = random.Random(20260907)
    rates = rates_in_force(ASSESSED)
    variants = []
    for _ in range(200):
        inputs = _inputs(rng)
        variants.append((inputs.to_dict(), assess(inputs, rates).to_dict()))
    now = timezone.now()
    Client.objects.bulk_create([
        Client(council_reference=f"BEN-{i:07d}", first_name=f"Person{i}", last_name=f"Surname{i % 997}",
               date_of_birth=dt.date(1940, 1, 1)) for i in range(n)], batch_size=5000)
    client_ids = list(Client.objects.order_by("pk").values_list("pk", flat=True))
    packages = []
    for i, client_id in enumerate(client_ids):
        inputs, _ = variants[i % len(variants)]
        packages.append(CarePackage(client_id=client_id, setting=inputs["setting"], start_date=ASSESSED,
                                    weekly_cost=Decimal(inputs["weekly_cost_of_care"]), provider_name="Provider",
                                    created_by=officer))
    CarePackage.objects.bulk_create(packages, batch_size=5000)
    assessments = []
    for i, package in enumerate(packages):
        inputs, result = variants[i % len(variants)]
        assessments.append(Assessment(
            client_id=package.client_id, care_package_id=package.pk, status=AssessmentStatus.APPROVED,
            setting=inputs["setting"], assessment_date=ASSESSED, inputs=inputs, result=result,
            weekly_charge=Decimal(result["weekly_charge"]), council_share=Decimal(result["council_share"]),
            weekly_cost_of_care=Decimal(result["weekly_cost_of_care"]), reason="Seeded for the benchmark",
            assessed_by=officer, submitted_by=officer, submitted_at=now, approved_by=leader, approved_at=now,
            effective_from=ASSESSED, backdating_rule=BackdatingRule.FIRST, backdating_explanation="Seeded",
        ))
    Assessment.objects.bulk_create(assessments, batch_size=5000)
    # New figures from the uplift date (test figures), so that charges change.
    for code, value in (("PEA", "33.00"), ("MIG_SINGLE_PCA", "250.00"), ("MIG_SINGLE_25_TO_PCA", "125.00")):
        if code in rates.values:
            Rate.objects.create(code=code, value=Decimal(value), unit="GBP", effective_from=UPLIFT,
                                source="Benchmark figure")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return leader, second


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assessments", type=int, default=50_000)
    parser.add_argument("--chunk", type=int, default=500)
    args = parser.parse_args()

    _drop_database()
    _common.setup_django(DATABASE)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from charging.uplift import services as uplift
    from charging.models import Assessment, UpliftItem
    from core.context import acting_as_job

    started = time.perf_counter()
    leader, second = seed(args.assessments)
    seeded = time.perf_counter() - started

    rows = []
    with acting_as_job("uplift"):
        t0 = time.perf_counter()
        run = uplift.uplift_start(acting_user=leader, uplift_date=UPLIFT, send=False)
        chunks = uplift.uplift_chunks(run, chunk_size=args.chunk)
        for ids in chunks:
            uplift.uplift_preview_chunk(run_id=run.pk, assessment_ids=ids)
        run.refresh_from_db()
        preview = time.perf_counter() - t0
        rows.append(("preview (calculate + store items)", run.previewed, preview))

        t0 = time.perf_counter()
        run = uplift.uplift_commit(acting_user=leader, run=run, send=False)
        if run.status == "awaiting_second":  # more people than CHARGING_UPLIFT_SECOND_APPROVAL_ABOVE
            run = uplift.uplift_commit(acting_user=second, run=run, send=False)
        for ids in uplift.commit_chunks(run, chunk_size=args.chunk):
            uplift.uplift_commit_chunk(run_id=run.pk, item_ids=ids, letters=False, leader_id=run.committed_by_id)
        run.refresh_from_db()
        commit = time.perf_counter() - t0
        rows.append(("commit (new assessments + history)", run.committed, commit))

    changed = UpliftItem.objects.filter(run=run).exclude(new_weekly_charge=models_F()).count()
    assert run.status == "committed", run.status
    assert Assessment.objects.filter(status="approved", effective_from=UPLIFT).count() == run.committed
    print(f"seeded {args.assessments:,} live assessments in {seeded:.1f} s; chunks of {args.chunk}; "
          f"{changed:,} charges changed")
    print(f"{'phase':40} {'rows':>8} {'seconds':>9} {'rows/s':>9}")
    for name, count, seconds in rows:
        print(f"{name:40} {count:>8,} {seconds:>9.1f} {count / seconds:>9,.0f}")
    total = preview + commit
    print(f"{'preview + commit':40} {'':>8} {total:>9.1f} {'':>9}   target < {TARGET_SECONDS} s: "
          f"{'met' if total < TARGET_SECONDS else 'NOT MET'}")


def models_F():
    from django.db.models import F

    return F("old_weekly_charge")


if __name__ == "__main__":
    main()
