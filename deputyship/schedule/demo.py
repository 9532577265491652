"""Demonstration income and bills on schedule, and payment runs, for the client affairs teams' clients.

For each living client of the North team (whose money the ledger's demo step holds): an order recorded if
none is (so payments are within a legal authority), their expected State Pension and a scheduled bill or
two; the day's payment requests made by the daily job's service (the unusual ones, each to a payee never
paid before, approved by Tom, the second person); one payment run paid today, prepared by Olivia and
approved by Tom with its files, and one for next week prepared by Olivia and waiting for approval. The
income check is run for today, so one client's pension that did not arrive shows as missed with its task.

Keyed on the records themselves: a client with expected income already is left alone, and the runs are
made only when no run exists, so a second run adds nothing. Amounts are each client's own; none is a
published figure.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from deputyship.authority.choices import AuthorityKind
from deputyship.authority.services import authority_in_force, authority_record
from deputyship.payruns import services as payruns
from deputyship.payruns.models import PaymentRun
from deputyship.schedule import services
from deputyship.schedule.choices import BillKind, Frequency, IncomeKind, RequestStatus
from deputyship.schedule.models import ExpectedIncome, PaymentRequest
from ledger.choices import MoneyOutCategory
from ledger.selectors import available_funds

BILLS = [  # kind, payee, sort code, account, reference, amount, frequency
    (BillKind.UTILITY, "Anglian Water", "200415", "38290008", "WTR 55120", Decimal("32.10"), Frequency.MONTHLY),
    (BillKind.INSURANCE, "Borsetshire Mutual Insurance", "401276", "71234568", "HOME 4471", Decimal("18.75"),
     Frequency.MONTHLY),
    (BillKind.PERSONAL_ALLOWANCE, "Prepaid card top-up", "608371", "20391847", "PEA", Decimal("31.80"),
     Frequency.WEEKLY),
]


def seed_demo_step(run) -> dict[str, int]:
    from people.demo import NORTH, clients_of

    users = run.made["users"]
    officer, leader = users["olivia"], users["tom"]
    on = run.on
    added = {"authorities": 0, "expected_income": 0, "scheduled_payments": 0, "payment_requests": 0,
             "payment_runs": 0, "income_checks": 0}
    living = [client for client, _person, _index in clients_of(run, NORTH) if not client.date_of_death][:8]
    for index, client in enumerate(living):
        if ExpectedIncome.objects.filter(client=client).exists():
            continue
        if authority_in_force(client=client, on=on) is None:
            authority_record(acting_user=officer, client=client, kind=AuthorityKind.DEPUTY,
                             reference=f"COP {13000000 + client.pk}", made_on=on - dt.timedelta(days=400),
                             starts_on=on - dt.timedelta(days=400), reason="Order received (demonstration)",
                             payment_limit=Decimal("5000.00"))
            added["authorities"] += 1
        # The first client's pension was due ten days ago and has not come: the income check finds it missed.
        first = on - dt.timedelta(days=10) if index == 0 else on + dt.timedelta(days=1 + index % 6)
        services.expected_income_record(
            acting_user=officer, client=client, kind=IncomeKind.STATE_PENSION, payer="DWP Pension Service",
            amount=Decimal("230.25") - index, frequency=Frequency.FOUR_WEEKLY, first_due_on=first, tolerance_days=3)
        added["expected_income"] += 1
        if available_funds(client=client) < Decimal("300.00"):
            continue  # too little money to pay bills from in the demonstration
        for kind, payee, sort, account, reference, amount, frequency in BILLS[index % 2: index % 2 + 2]:
            services.scheduled_payment_record(
                acting_user=officer, client=client, kind=kind, payee=payee, payee_sort_code=sort,
                payee_account_number=account, reference=reference, amount=amount, frequency=frequency,
                first_due_on=on - dt.timedelta(days=1) if kind != BillKind.INSURANCE else on + dt.timedelta(days=5))
            added["scheduled_payments"] += 1
    if added["expected_income"]:
        added["payment_requests"] = services.payment_requests_generate(on=on)["made"]
        added["income_checks"] = sum(services.income_checks_run(on=on).values())
    for made in PaymentRequest.objects.filter(client__in=living, status=RequestStatus.AWAITING_APPROVAL,
                                              requested_by=officer):
        services.payment_request_approve(acting_user=leader, request=made)
    if not PaymentRun.objects.exists() and PaymentRequest.objects.filter(status=RequestStatus.APPROVED).exists():
        today = payruns.payment_run_build(acting_user=officer, pay_on=on)
        if today.status == "checked":
            payruns.payment_run_approve(acting_user=leader, run=today)
        added["payment_runs"] += 1
        if living:  # a one-off for next week's run, which waits for Tom
            made = services.payment_request_create(
                acting_user=officer, client=living[-1], payee="Anglian Water", payee_sort_code="200415",
                payee_account_number="38290008", amount=Decimal("12.40"), category=MoneyOutCategory.WATER,
                due_on=on + dt.timedelta(days=7), reference="WTR ARREARS")
            if made.status == RequestStatus.AWAITING_APPROVAL:
                services.payment_request_approve(acting_user=leader, request=made)
        if PaymentRequest.objects.filter(status=RequestStatus.APPROVED).exists():
            payruns.payment_run_build(acting_user=officer, pay_on=on + dt.timedelta(days=7))
            added["payment_runs"] += 1
    return added
