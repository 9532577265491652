"""Property fixtures: the property team (Owen the officer, Beth the leader), a client it holds whose
money the North client affairs team keeps, and her home."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.roles import Role
from people.choices import Service
from people.models import Allocation
from properties.register.services import property_record
from tests.factories import ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory


@pytest.fixture
def property_team(db):
    return TeamFactory(name="Property", service=Service.PROPERTY)


@pytest.fixture
def prop_officer(property_team):
    user = UserFactory(username="owenp", first_name="Owen", last_name="Price", roles=[Role.OFFICER])
    TeamMembershipFactory(team=property_team, user=user)
    return user


@pytest.fixture
def prop_leader(property_team):
    user = UserFactory(username="bethl", first_name="Beth", last_name="Lowe", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=property_team, user=user, is_leader=True)
    return user


@pytest.fixture
def prop_client(property_team, prop_officer, prop_leader, north_team, officer):
    client = ClientFactory(first_name="Eileen", last_name="Marsden", team=property_team, team__officer=prop_officer)
    Allocation.objects.create(client=client, team=north_team, service=north_team.service, officer=officer,
                              start_date=dt.date.today() - dt.timedelta(days=365))
    return client


@pytest.fixture
def today():
    return dt.date.today()


@pytest.fixture
def home(prop_client, prop_officer, today):
    return property_record(acting_user=prop_officer, client=prop_client, address_line_1="14 Mill Lane", town="Borchester",
                           postcode="qb2 4hn", reason="Registered", client_share=Decimal("50"),
                           occupancy_since=today - dt.timedelta(days=400))
