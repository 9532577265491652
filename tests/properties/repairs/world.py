"""Fixtures for repairs, clearance and sale: a property team (officer, second officer, leader), a client
it holds whose money client affairs also holds, the client's home and money in their account.

The officer ``pat`` and the leader ``lena`` also work in the client affairs team, so they may move the
client's money (``ledger.record_client_money``); ``quinn`` is in the property team only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.roles import Role
from deputyship.authority.services import authority_record
from ledger.choices import MoneyInCategory
from ledger.client_money import client_receipt_record
from people.choices import Service
from people.models import Allocation
from properties.register.services import property_record
from tests.factories import ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory
from tests.money import confirmed


def _person(username, teams, *, leads=()):
    user = UserFactory(username=username, first_name=username.title(), last_name="Tester",
                       roles=[Role.TEAM_LEADER if leads else Role.OFFICER])
    for team in teams:
        TeamMembershipFactory(team=team, user=user, is_leader=team in leads)
    return user


@pytest.fixture
def property_team(db):
    return TeamFactory(name="Property", service=Service.PROPERTY)


@pytest.fixture
def pat(property_team, north_team):
    return _person("pat", [property_team, north_team])


@pytest.fixture
def quinn(property_team):
    return _person("quinn", [property_team])


@pytest.fixture
def lena(property_team, north_team):
    return _person("lena", [property_team, north_team], leads=[property_team])


@pytest.fixture
def owner(property_team, north_team, pat, officer):
    """The client: held by the property team (officer pat) and by client affairs (olivia)."""
    client = ClientFactory(first_name="Edith", last_name="Marlow", team=property_team, team__officer=pat)
    Allocation.objects.create(client=client, team=north_team, service=Service.CLIENT_AFFAIRS, officer=officer,
                              start_date=dt.date.today() - dt.timedelta(days=365))
    return client


@pytest.fixture
def home(owner, pat):
    return property_record(acting_user=pat, client=owner, address_line_1="4 Mill Lane", town="Borchester",
                           postcode="qb1 4ml", reason="Test", occupancy="empty")


@pytest.fixture
def funds(owner, officer):
    """£5,000.00 in the client's account, confirmed."""
    return confirmed(client_receipt_record(acting_user=officer, client=owner, amount=Decimal("5000.00"),
                                           effective_date=dt.date.today(), category=MoneyInCategory.STATE_PENSION,
                                           idempotency_key=f"test-funds:{owner.pk}"))


@pytest.fixture
def may_sell(owner, officer):
    return authority_record(acting_user=officer, client=owner, kind="deputy", reference="COP-1234567",
                            made_on=dt.date.today() - dt.timedelta(days=200),
                            starts_on=dt.date.today() - dt.timedelta(days=200), reason="Order received",
                            may_sell_property=True)


@pytest.fixture
def may_not_sell(owner, officer):
    return authority_record(acting_user=officer, client=owner, kind="deputy", reference="COP-7654321",
                            made_on=dt.date.today() - dt.timedelta(days=200),
                            starts_on=dt.date.today() - dt.timedelta(days=200), reason="Order received")
