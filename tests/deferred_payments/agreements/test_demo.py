"""The deferred payments demo goes through the services, makes one agreement of each kind, and can be run
twice."""

from __future__ import annotations

from types import SimpleNamespace

from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.agreements.demo import seed_demo_step
from deferred_payments.agreements.models import Agreement
from people.choices import Service
from people.demo import DEFERRED, PROPERTY
from people.models import Address
from people.selectors import today
from tests.factories import ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory


def test_the_demo_makes_one_agreement_of_each_kind(dpa_team, dpa_officer, dpa_leader):
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
    assert seed_demo_step(run) == {"policies": 1, "agreements": 3}
    by_name = {a.client.last_name: a for a in Agreement.objects.select_related("client")}
    assert by_name["Marsh"].status == AgreementStatus.APPLIED
    assert by_name["Tindall"].status == AgreementStatus.ACTIVE
    assert (today() - by_name["Tindall"].legal_charge.registered_on).days in range(360, 370)
    assert by_name["Royle"].status == AgreementStatus.ACTIVE  # the ending step records her death after the accrual
    assert seed_demo_step(run) == {"policies": 0, "agreements": 0}
