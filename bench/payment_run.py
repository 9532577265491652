"""A client affairs payment run of 5,000 payments built, checked and written (target: under 30 s).

Run: ``.venv/bin/python bench/payment_run.py [--payments 5000] [--approve]``. The benchmark makes its own
database (``bench_payment_run``, or ``$BENCH_DATABASE``; dropped and made again each run) and seeds it: one client affairs team
(an officer who prepares, a team leader who approves), ``--payments / 2`` clients held by the team, each
with a deputyship order, money in their funds (one receipt each, posted together through
``ledger.services.transactions_post``) and two approved payment requests due today (care fees and a
utility bill, to well-formed bank accounts), so the check adds each client's two lines against their funds.

It times, in this one process:

- **build and check** (:func:`deputyship.payruns.services.payment_run_build`): the approved requests
  gathered into the run and its lines, and the check of every line (funds with the run's other lines for
  the client, bank details, the legal authority, nothing twice);
- **write** (:func:`deputyship.payruns.services.payment_run_files`): the Bacs Standard 18 file and the
  bulk-payment CSV, each read back to count its records;
- with ``--approve``, also the approval (:func:`deputyship.payruns.services.payment_run_approve`): the check
  again, the files again and every line posted to its client's ledger together through
  ``ledger.client_money.client_payments_make`` (one ledger transaction per payment, each made as
  ``client_payment_make`` makes one; the care fees, over the second-person limit, held and released by the
  approver), the lines and requests marked paid. Its own target is also 30 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from decimal import Decimal

import _common

DATABASE = os.environ.get("BENCH_DATABASE", "bench_payment_run")
TARGET_SECONDS = 30


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


def seed(payments: int):
    from django.contrib.auth import get_user_model

    from core.roles import Role, sync_role_groups
    from deputyship.authority.models import LegalAuthority
    from deputyship.schedule.models import PaymentRequest
    from ledger import modulus
    from ledger.choices import AccountKind, MoneyInCategory, MoneyOutCategory, OwnerKind, Purpose
    from ledger.client_money import _pooled_bank
    from ledger.models import Account
    from ledger.services import NewTransaction, PostingLine, transactions_post
    from ledger.statements.bank_details import bank_details_set
    from people.choices import Service
    from people.models import Allocation, Client, Team, TeamMembership

    sync_role_groups()
    User = get_user_model()
    officer = User.objects.create(username="bench-officer", first_name="Olivia", last_name="Officer")
    leader = User.objects.create(username="bench-leader", first_name="Tom", last_name="Leader")
    from django.contrib.auth.models import Group

    officer.groups.add(Group.objects.get(name=Role.OFFICER.label))
    leader.groups.add(Group.objects.get(name=Role.TEAM_LEADER.label))
    team = Team.objects.create(name="Client affairs (North)", service=Service.CLIENT_AFFAIRS)
    TeamMembership.objects.create(team=team, user=officer)
    TeamMembership.objects.create(team=team, user=leader, is_leader=True)
    today = dt.date.today()
    n = payments // 2
    clients = Client.objects.bulk_create([
        Client(council_reference=f"ASC-{300000 + i:06d}", first_name="Client", last_name=f"Number {i}",
               date_of_birth=dt.date(1940, 1, 1) + dt.timedelta(days=i % 9000)) for i in range(n)], batch_size=2000)
    Allocation.objects.bulk_create([
        Allocation(client=c, team=team, service=Service.CLIENT_AFFAIRS, officer=officer,
                   start_date=today - dt.timedelta(days=400)) for c in clients], batch_size=2000)
    LegalAuthority.objects.bulk_create([
        LegalAuthority(client=c, kind="deputy", reference=f"COP {c.pk}", made_on=today - dt.timedelta(days=400),
                       starts_on=today - dt.timedelta(days=400), payment_limit=Decimal("5000.00"),
                       recorded_by=officer) for c in clients], batch_size=2000)
    bank = _pooled_bank(acting_user=leader)
    bank_details_set(acting_user=leader, sort_code="600000", account_number="12345678", reason="Benchmark")
    funds = Account.objects.bulk_create([
        Account(name=f"{c.council_reference}: funds held", kind=AccountKind.LIABILITY, owner_kind=OwnerKind.CLIENT,
                client=c, purpose=Purpose.CLIENT_FUNDS) for c in clients], batch_size=2000)
    for start in range(0, n, 2000):
        transactions_post(acting_user=officer, client_money=True, transactions=[
            NewTransaction(effective_date=today - dt.timedelta(days=3), kind="receipt", memo="Pension",
                           category=MoneyInCategory.STATE_PENSION, idempotency_key=f"bench-receipt-{f.pk}",
                           postings=[PostingLine(bank, Decimal("2500.00")), PostingLine(f, Decimal("-2500.00"))])
            for f in funds[start:start + 2000]])
    # 97 care homes' accounts at one sort code, each passing the modulus check the run makes.
    homes = [n for n in (f"{10000000 + k:08d}" for k in range(2000)) if modulus.check("309457", n).valid][:97]
    requests = []
    for i, c in enumerate(clients):
        common = dict(client=c, due_on=today, status="approved", requested_by=officer)
        requests.append(PaymentRequest(payee=f"Care Home {i % 97}", payee_sort_code="309457",
                                       payee_account_number=homes[i % 97], reference=c.council_reference,
                                       amount=Decimal("1234.56") + (i % 100) / Decimal(100),
                                       category=MoneyOutCategory.CARE_FEES, **common))
        requests.append(PaymentRequest(payee="Anglian Water", payee_sort_code="200415", payee_account_number="38290008",
                                       reference=f"WTR {i:06d}", amount=Decimal("32.10"),
                                       category=MoneyOutCategory.WATER, **common))
    PaymentRequest.objects.bulk_create(requests, batch_size=5000)
    return officer, leader, today


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--payments", type=int, default=5000)
    parser.add_argument("--approve", action="store_true", help="also time the approval (files and postings)")
    args = parser.parse_args()

    _drop_database()
    _common.setup_django(DATABASE)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from deputyship.payruns import services
    from deputyship.payruns.choices import RunStatus
    from deputyship.payruns.models import PaymentRunLine
    from ledger.models import Payment

    started = time.perf_counter()
    officer, leader, today = seed(args.payments)
    seeded = time.perf_counter() - started

    rows = []
    t0 = time.perf_counter()
    run = services.payment_run_build(acting_user=officer, pay_on=today)
    built = time.perf_counter() - t0
    rows.append(("build and check", run.line_count, built))
    lines = list(PaymentRunLine.objects.filter(run=run).select_related("client").order_by("id"))
    t0 = time.perf_counter()
    bacs, csv_text, _layout = services.payment_run_files(run=run, lines=lines)
    written = time.perf_counter() - t0
    rows.append(("write the Bacs file and the CSV", len(lines), written))
    assert run.status == RunStatus.CHECKED, run.problems
    assert len(bacs.split("\r\n")) - 1 == len(lines) + 1 and len(csv_text.split("\r\n")) - 1 == len(lines)
    total = built + written
    if args.approve:
        t0 = time.perf_counter()
        services.payment_run_approve(acting_user=leader, run=run)
        approved = time.perf_counter() - t0
        rows.append(("approve: checked, written and posted", len(lines), approved))
        assert Payment.objects.filter(transaction__isnull=False).count() == len(lines)
        from django.db.models import Sum

        assert Payment.objects.aggregate(total=Sum("amount"))["total"] == run.total

    print(f"seeded {args.payments // 2:,} clients with {args.payments:,} approved payments in {seeded:.0f} s")
    print(f"{'phase':40} {'payments':>9} {'seconds':>9}")
    for name, count, seconds in rows:
        print(f"{name:40} {count:>9,} {seconds:>9.1f}")
    print(f"{'built, checked and written':40} {'':>9} {total:>9.1f}   target < {TARGET_SECONDS} s: "
          f"{'met' if total < TARGET_SECONDS else 'NOT MET'}")
    if args.approve:
        print(f"{'approved (posted)':40} {'':>9} {approved:>9.1f}   target < {TARGET_SECONDS} s: "
              f"{'met' if approved < TARGET_SECONDS else 'NOT MET'}")


if __name__ == "__main__":
    main()
