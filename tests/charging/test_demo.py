"""The charging demo data goes through the services and can be run twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from charging.assessments.choices import AssessmentStatus
from charging.policy.models import CouncilPolicyVersion
from charging.demo import CARE, seed_charging
from charging.models import Assessment, AssessmentEvidence, CarePackage
from core.roles import Role
from people.choices import Service
from people.selectors import today
from tests.factories import ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


class Person:
    def __init__(self, last_name):
        self.last_name = last_name


def test_seed_charging(django_capture_on_commit_callbacks):
    from people import services as people_services
    from people.services import AddressInput

    team = TeamFactory(name="Financial assessment and charging", service=Service.CHARGING)
    priya = UserFactory(username="priya", roles=[Role.OFFICER])
    TeamMembershipFactory(team=team, user=priya)
    leader = UserFactory(username="sam", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=team, user=leader, is_leader=True)
    clients = []
    for index, care in enumerate(CARE):
        client = ClientFactory(last_name=care.last_name, team=team, date_of_birth=dt.date(1950, 1, 1))
        people_services.address_add(acting_user=priya, client=client, data=AddressInput(
            line_1=f"{index + 1} High Street", town="Anytown", postcode="AN1 1AA", start_date=dt.date(2000, 1, 1)))
        clients.append((client, Person(care.last_name), index))

    with django_capture_on_commit_callbacks():
        added = seed_charging(on=today(), users={"priya": priya, "admin": None}, clients=clients, approver=leader)
    assert added == {"care packages": 6, "assessments": 7, "assessment letters": 5, "evidence files": 1,
                     "charging policy versions": 1}
    # The demonstration council's policy, from the document it cites, applies to the assessments after it.
    policy = CouncilPolicyVersion.objects.get()
    assert policy.dre_flat == Decimal("10.85") and "reading.gov.uk" in policy.source
    assert policy.minimum_charge == Decimal("1.25") and "Minimum Assessed Contribution" in policy.source
    statuses = sorted(Assessment.objects.values_list("status", flat=True))
    assert statuses.count(AssessmentStatus.APPROVED) == 4
    assert statuses.count(AssessmentStatus.SUPERSEDED) == 1
    assert statuses.count(AssessmentStatus.SUBMITTED) == 1 and statuses.count(AssessmentStatus.DRAFT) == 1
    assert not Assessment.objects.filter(status=AssessmentStatus.APPROVED, letter__isnull=True).exists()
    # The assessment waiting for approval has a copy of the award letter uploaded as evidence: a real PDF.
    [uploaded] = AssessmentEvidence.objects.filter(document__isnull=False).select_related("assessment", "document")
    assert uploaded.assessment.status == AssessmentStatus.SUBMITTED
    assert uploaded.document.file_name == "DWP award letter.pdf" and uploaded.document.is_ready
    with uploaded.document.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"

    again = seed_charging(on=today(), users={"priya": priya, "admin": None}, clients=clients, approver=leader)
    assert again == {"care packages": 0, "assessments": 0, "assessment letters": 0, "evidence files": 0,
                     "charging policy versions": 0}
    assert CarePackage.objects.count() == 6


def test_seed_uplift_shows_charges_rising_with_pensions_and_benefits(django_capture_on_commit_callbacks):
    from charging.demo import UPLIFT_CARE, seed_uplift
    from charging.models import UpliftItem, UpliftRun
    from people import services as people_services
    from people.services import AddressInput

    team = TeamFactory(name="Financial assessment and charging", service=Service.CHARGING)
    priya = UserFactory(username="priya", roles=[Role.OFFICER])
    TeamMembershipFactory(team=team, user=priya)
    sam = UserFactory(username="sam", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=team, user=sam, is_leader=True)
    clients = []
    for index, care in enumerate(UPLIFT_CARE):
        client = ClientFactory(last_name=care.last_name, team=team, date_of_birth=dt.date(1940 + index, 1, 1))
        people_services.address_add(acting_user=priya, client=client, data=AddressInput(
            line_1=f"{index + 1} Mill Lane", town="Anytown", postcode="AN1 1AA", start_date=dt.date(2000, 1, 1)))
        clients.append((client, Person(care.last_name), index))
    users = {"priya": priya, "sam": sam}

    with django_capture_on_commit_callbacks():
        added = seed_uplift(on=dt.date(2026, 12, 3), users=users, clients=clients)
    assert added == {"uplift assessments": 3, "uplifts": 1}
    run = UpliftRun.objects.get()
    assert run.uplift_date == dt.date(2026, 4, 6) and run.status == "previewed"
    items = list(UpliftItem.objects.filter(run=run))
    assert len(items) == 3 and all(item.error == "" and item.difference > 0 for item in items)
    lines = [line for item in items for line in item.income_lines]
    # The new State Pension's full rate goes to next year's figure; a non-state pension is kept to check.
    assert {"label": "New State Pension", "old": "230.25", "new": "241.30"}.items() <= next(
        line for line in lines if line["label"] == "New State Pension").items()
    assert any(line["kind"] == "occupational_pension" and line["method"] == "to_check" for line in lines)

    assert seed_uplift(on=dt.date(2026, 12, 3), users=users, clients=clients) == {"uplift assessments": 0,
                                                                                  "uplifts": 0}
