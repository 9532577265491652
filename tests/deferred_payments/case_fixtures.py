"""The deferred payments team (an officer and a team leader), a client it holds with a home on the property
register, the council's policy, and a helper that takes an application through to an active agreement by
the services alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.roles import Role
from people.choices import Service
from people.selectors import today
from properties.models import Property
from tests.factories import ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory

D = Decimal


@pytest.fixture
def dpa_team(db):
    return TeamFactory(name="Deferred payments", service=Service.DEFERRED_PAYMENTS)


@pytest.fixture
def dpa_officer(dpa_team):
    user = UserFactory(username="nadia", first_name="Nadia", last_name="Begum", roles=[Role.OFFICER])
    TeamMembershipFactory(team=dpa_team, user=user)
    return user


@pytest.fixture
def dpa_leader(dpa_team):
    user = UserFactory(username="imran", first_name="Imran", last_name="Qureshi", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=dpa_team, user=user, is_leader=True)
    return user


@pytest.fixture
def dpa_client(dpa_team, dpa_officer):
    from people.models import Address

    client = ClientFactory(first_name="Edna", last_name="Marsh", team=dpa_team, team__officer=dpa_officer)
    Address.objects.create(client=client, line_1="Meadowbank Care Home", town="Borchester", postcode="QB3 7LP",
                           kind="care_home", start_date=dt.date(2024, 1, 1))
    return client


@pytest.fixture
def dpa_home(dpa_client, dpa_officer):
    return Property.objects.create(client=dpa_client, address_line_1="14 Mill Lane", town="Borchester",
                                   postcode="QB2 4RT", recorded_by=dpa_officer)


@pytest.fixture
def dpa_policy(dpa_leader):
    from deferred_payments.agreements.services import policy_record

    return policy_record(acting_user=dpa_leader, effective_from=dt.date(2020, 1, 1), rate_kind="fixed",
                         fixed_rate=D("4.25"), compounding="daily", day_basis="365", setup_fee=D("743.10"),
                         annual_fee=D("281.90"))


ELIGIBLE = dict(needs_met_in_care_home=True, owns_main_or_only_home=True, home_value_disregarded=False,
                first_charge_possible=True, agrees_to_terms=True)


def apply(*, officer, client, home, value="200000", share="100", other_capital="12000", **answers):
    from deferred_payments.applications.services import application_start, application_update

    on = today()
    application = application_start(acting_user=officer, client=client, enquiry_on=on - dt.timedelta(days=30))
    return application_update(
        acting_user=officer, application=application, home=home, applied_on=on - dt.timedelta(days=20),
        share_percent=share, valuation_value=value, valuation_on=on - dt.timedelta(days=25), valuer="J Smith MRICS",
        other_capital=other_capital, disposable_income_allowance="144", **{**ELIGIBLE, **answers})


def to_approved(*, officer, leader, application, starts_on=None):
    from deferred_payments.agreements.services import agreement_approve, agreement_offer, signature_record

    agreement = agreement_offer(acting_user=officer, agreement=application.agreement)
    on = today()
    signature_record(acting_user=officer, agreement=agreement, party="council", name="Imran Qureshi",
                     capacity="Team leader for the council", signed_on=on)
    signature_record(acting_user=officer, agreement=agreement, party="person", name="Edna Marsh",
                     capacity="The person", signed_on=on)
    return agreement_approve(acting_user=leader, agreement=agreement, starts_on=starts_on)


def to_active(*, officer, leader, application, starts_on=None):
    from deferred_payments.charges.services import charge_confirm, charge_register, charge_request

    agreement = to_approved(officer=officer, leader=leader, application=application, starts_on=starts_on)
    charge = charge_request(acting_user=officer, agreement=agreement)
    charge_register(acting_user=officer, charge=charge, title_number="NYK123456", registered_on=today())
    charge_confirm(acting_user=officer, charge=charge)
    agreement.refresh_from_db()
    return agreement
