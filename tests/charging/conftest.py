"""Fixtures for assessments: the charging team's leader, a care home resident with an address to
write to and a care package, inputs for the calculator, and a real Celery worker for the letter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from charging import services
from charging.assessments.calculator import AssessmentInput, IncomeItem, IncomeKind, Setting
from core.roles import Role
from people import services as people_services
from people.selectors import today
from people.services import AddressInput
from tests.celery_worker import celery_worker
from tests.factories import TeamMembershipFactory, UserFactory

D = Decimal
CARE_STARTED_WEEKS_AGO = 16


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its letters in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def resident(charging_client, other_officer):
    """Harold Pemberton (charging team), living in a care home since 16 weeks ago."""
    people_services.client_update(acting_user=other_officer, client=charging_client, reason="Title", title="Mr")
    charging_client.refresh_from_db()
    people_services.address_add(
        acting_user=other_officer, client=charging_client,
        data=AddressInput(kind="care_home", line_1="Beech House Care Home", line_2="12 Elm Road", town="Anytown",
                          postcode="AN4 7GH", start_date=care_started()),
    )
    return charging_client


def care_started() -> dt.date:
    return today() - dt.timedelta(weeks=CARE_STARTED_WEEKS_AGO)


@pytest.fixture
def care_home(resident, other_officer):
    return services.care_package_add(
        acting_user=other_officer, client=resident, setting="residential", weekly_cost="900.00",
        start_date=care_started(), provider_name="Beech House Care Home", reason="Moved into Beech House",
    )


def resident_inputs(*, pension: str = "230.25", occupational: str = "50.00", **overrides) -> AssessmentInput:
    """A care home resident of pension age with a State Pension and an occupational pension: charge
    = income - the personal expenses allowance (£31.80 in 2026/27)."""
    fields = dict(
        setting=Setting.RESIDENTIAL, assessment_date=care_started(), date_of_birth=dt.date(1941, 5, 17),
        pension_credit_age=True, weekly_cost_of_care=D("900.00"),
        income=(IncomeItem(IncomeKind.STATE_PENSION, D(pension)),
                IncomeItem(IncomeKind.OCCUPATIONAL_PENSION, D(occupational), "Aviva")),
    )
    fields.update(overrides)
    return AssessmentInput(**fields)


@pytest.fixture
def make_assessment(care_home, other_officer, charging_leader):
    """``make_assessment(status="approved", on=..., **inputs)``: an assessment of the resident by Owen,
    taken as far as ``status`` (Leah approves)."""

    def make(status: str = "draft", *, on: dt.date | None = None, package=None, **input_overrides):
        package = package or care_home
        assessment = services.assessment_draft_create(
            acting_user=other_officer, client=package.client, care_package=package,
            assessment_date=on or package.start_date, inputs=resident_inputs(**input_overrides),
            reason="Moved into a care home",
        )
        if status in ("submitted", "approved"):
            assessment = services.assessment_submit(acting_user=other_officer, assessment=assessment)
        if status == "approved":
            assessment = services.assessment_approve(acting_user=charging_leader, assessment=assessment)
        return assessment

    return make


@pytest.fixture
def charging_worker(transactional_db, tmp_path):
    with celery_worker(log_dir=tmp_path) as worker:
        yield worker

# The charging run and uplift fixtures (tests/charging/run_fixtures.py).
from tests.charging.run_fixtures import make_resident, rates_seeded  # noqa: E402,F401
