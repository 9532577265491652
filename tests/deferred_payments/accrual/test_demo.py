"""The deferred payments money demo: rates up to today, the fee schedule, three agreements accrued to today and
their six-monthly statement; run twice, it adds nothing."""

from __future__ import annotations

from types import SimpleNamespace

from deferred_payments.accrual.demo import seed_demo_step as accrual_demo
from deferred_payments.accrual.models import AccrualPosting, FeeScheduleItem
from deferred_payments.rates.demo import seed_demo_step as rates_demo
from deferred_payments.rates.selectors import first_missing_period
from deferred_payments.statements.models import AgreementStatement
from people.demo import CLIENTS as DEMO_CLIENTS, DEFERRED
from people.selectors import today
from tests.factories import ClientFactory


def test_the_demo_accrues_to_today_and_issues_a_statement(dp_team, dp_officer, dp_leader):
    from people.models import Address

    people = [p for p in DEMO_CLIENTS if p.team == DEFERRED and p.last_name in ("Marsh", "Tindall", "Royle")]
    clients = []
    for index, person in enumerate(people):
        client = ClientFactory(first_name=person.first_name, last_name=person.last_name, team=dp_team,
                               team__officer=dp_officer)
        Address.objects.create(client=client, kind="home", line_1="1 Mill Lane", town="Anytown", postcode="AN1 1AA",
                               start_date=today().replace(year=2000))
        clients.append((client, person, index))
    run = SimpleNamespace(made={"users": {"nadia": dp_officer, "imran": dp_leader}, "clients": clients}, on=today())
    made = rates_demo(run)
    assert made["fees"] == 3 and first_missing_period(on=today()) is None
    made = accrual_demo(run)
    assert made["agreements"] == 3 and made["statements"] == 3 and made["interest"] > 0
    assert FeeScheduleItem.objects.count() == 3
    assert AgreementStatement.objects.filter(document__status="ready").count() == 3
    count = AccrualPosting.objects.count()
    assert rates_demo(run) == {"rates": 0, "fees": 0}
    again = accrual_demo(run)
    assert again["agreements"] == 0 and again["statements"] == 0 and AccrualPosting.objects.count() == count
