"""The demo settles Mrs Royle's agreement after her death: the estate's part-payment and the rest of the
settlement figure, the final statement, and a task for legal services to remove the charge; run twice, it
adds nothing."""

from __future__ import annotations

from types import SimpleNamespace

from deferred_payments.accrual.demo import seed_demo_step as accrual_demo
from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.agreements.demo import seed_demo_step as agreements_demo
from deferred_payments.agreements.models import Agreement
from deferred_payments.ending.demo import PART_PAYMENT, seed_demo_step as ending_demo
from deferred_payments.rates.demo import seed_demo_step as rates_demo
from ledger.selectors import account_balance
from people.choices import Service
from people.demo import DEFERRED, PROPERTY
from people.models import Address
from people.selectors import today
from tests.factories import ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory


def test_the_demo_settles_an_agreement_after_a_death(dpa_team, dpa_officer, dpa_leader):
    property_team = TeamFactory(name=PROPERTY, service=Service.PROPERTY)
    beth = UserFactory(username="beth")
    TeamMembershipFactory(team=property_team, user=beth, is_leader=True)
    clients = []
    for n, name in enumerate(("Marsh", "Tindall", "Royle")):
        client = ClientFactory(last_name=name, team=dpa_team, team__officer=dpa_officer)
        Address.objects.create(client=client, line_1="Meadowbank Care Home", town="Borchester", postcode="QB3 7LP",
                               kind="care_home", start_date=today())
        person = SimpleNamespace(last_name=name, team=DEFERRED, also=(), relative=(f"Kin of {name}", "Son"))
        clients.append((client, person, n))
    run = SimpleNamespace(made={"users": {"nadia": dpa_officer, "imran": dpa_leader, "beth": beth},
                                "clients": clients}, on=today())
    rates_demo(run)
    agreements_demo(run)
    accrual_demo(run)
    assert ending_demo(run) == {"settled": 1}
    royle = Agreement.objects.get(client__last_name="Royle")
    assert royle.status == AgreementStatus.SETTLED and royle.ending.reason == "death"
    assert [r.kind for r in royle.repayments.all()] == ["part_payment", "proceeds"]
    assert royle.repayments.all()[0].amount == PART_PAYMENT
    assert account_balance(account=royle.debt_account) == 0
    assert royle.ending.final_statement is not None and "Remove the legal charge" in royle.ending.release_task.title
    assert ending_demo(run) == {"settled": 0}
    assert royle.repayments.count() == 2
