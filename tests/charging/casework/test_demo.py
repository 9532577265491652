"""The casework demo data goes through the services, as seed_demo runs it, and can be run twice."""

from __future__ import annotations

import datetime as dt

import pytest

from charging.casework.choices import TopUpInvoiceStatus
from charging.casework.models import Appeal, Referral, TopUpAgreement, TopUpInvoice
from charging.demo import CARE, seed_charging
from charging.casework.demo import seed_casework
from core.context import acting_as_job
from core.roles import Role
from people.choices import Service
from people.selectors import today
from tests.charging.casework.fixtures import row_counts
from tests.factories import ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


class Person:
    def __init__(self, last_name):
        self.last_name = last_name


def test_seed_casework(django_capture_on_commit_callbacks):
    from people import services as people_services
    from people.services import AddressInput

    team = TeamFactory(name="Financial assessment and charging", service=Service.CHARGING)
    priya = UserFactory(username="priya", first_name="Priya", roles=[Role.OFFICER])
    TeamMembershipFactory(team=team, user=priya)
    sam = UserFactory(username="sam", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=team, user=sam, is_leader=True)
    clients = []
    for index, care in enumerate(CARE):
        client = ClientFactory(last_name=care.last_name, team=team, team__officer=priya,
                               date_of_birth=dt.date(1950, 1, 1))
        people_services.address_add(acting_user=priya, client=client, data=AddressInput(
            line_1=f"{index + 1} High Street", town="Anytown", postcode="AN1 1AA", start_date=dt.date(2000, 1, 1)))
        clients.append((client, Person(care.last_name), index))
    users = {"priya": priya, "sam": sam, "admin": None}
    with django_capture_on_commit_callbacks(), acting_as_job("seed_demo"):
        seed_charging(on=today(), users=users, clients=clients, approver=sam)
        added = seed_casework(on=today(), users=users, clients=clients)
    assert added == {"top-up agreements": 2, "top-up invoices": 2, "missed top-ups followed up": 1, "appeals": 1,
                     "referrals": 1}
    assert TopUpAgreement.objects.filter(status="active").count() == 2
    statuses = sorted(TopUpInvoice.objects.values_list("status", flat=True))
    assert statuses == [TopUpInvoiceStatus.MISSED, TopUpInvoiceStatus.PAID]
    missed = TopUpInvoice.objects.get(status=TopUpInvoiceStatus.MISSED)
    assert missed.follow_up_task.assigned_to == priya
    assert Appeal.objects.get().outcome == "not_upheld"
    assert Referral.objects.get().task.assigned_to == sam

    before = row_counts()
    with acting_as_job("seed_demo"):
        again = seed_casework(on=today(), users=users, clients=clients)
    assert set(again.values()) == {0}
    assert row_counts() == before
