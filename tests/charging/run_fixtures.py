"""Arrangements for the charging run and the uplift: residents with care homes and approved
assessments, made through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from charging import services
from people import services as people_services
from people.services import AddressInput
from tests.charging.conftest import resident_inputs
from tests.factories import ClientFactory

D = Decimal
#: State Pension 125.65 + occupational 50.00 - PEA 31.80 (2026/27) = £143.85 a week, £20.55 a day exactly.
WEEKLY = D("143.85")
DAILY = D("20.55")


@pytest.fixture
def rates_seeded(db):
    """The seeded rates, put back if an earlier transactional test flushed them."""
    from importlib import import_module

    from django.apps import apps

    from charging.models import Rate

    if not Rate.objects.exists():
        import_module("charging.migrations.0002_seed_rates").seed(apps, None)
        import_module("charging.migrations.0009_seed_benefit_rates").seed(apps, None)


@pytest.fixture
def make_resident(rates_seeded, charging_team, other_officer, charging_leader):
    """``make_resident(care_start, pension=...)``: a new client of the charging team in a care home
    from ``care_start``, with a first assessment approved by Leah (so charged from ``care_start``)."""

    def make(care_start: dt.date, *, pension: str = "125.65", first_name: str = "Edith", approve: bool = True,
             income=None):
        client = ClientFactory(first_name=first_name, last_name="Resident", team=charging_team,
                               team__officer=other_officer, date_of_birth=dt.date(1941, 5, 17))
        people_services.address_add(
            acting_user=other_officer, client=client,
            data=AddressInput(kind="care_home", line_1="Beech House Care Home", line_2="12 Elm Road", town="Anytown",
                              postcode="AN4 7GH", start_date=care_start),
        )
        package = services.care_package_add(
            acting_user=other_officer, client=client, setting="residential", weekly_cost="900.00",
            start_date=care_start, provider_name="Beech House Care Home", reason="Moved into Beech House",
        )
        assessment = services.assessment_draft_create(
            acting_user=other_officer, client=client, care_package=package, assessment_date=care_start,
            inputs=resident_inputs(pension=pension, **({"income": income} if income is not None else {})),
            reason="Moved into a care home",
        )
        if approve:
            assessment = services.assessment_submit(acting_user=other_officer, assessment=assessment)
            assessment = services.assessment_approve(acting_user=charging_leader, assessment=assessment)
        client.refresh_from_db()
        return client, package, assessment

    return make


def reassess(*, client, package, on: dt.date, pension: str, officer, leader):
    """A re-assessment of ``client`` as at ``on``, approved."""
    assessment = services.assessment_draft_create(
        acting_user=officer, client=client, care_package=package, assessment_date=on,
        inputs=resident_inputs(pension=pension), reason="Change of circumstances",
    )
    assessment = services.assessment_submit(acting_user=officer, assessment=assessment)
    return services.assessment_approve(acting_user=leader, assessment=assessment)
