"""Team leaders' caseloads: who holds what, and handing a case to another officer in the team."""

import html
import re

import pytest
from django.urls import reverse

from people.models import Allocation
from people.selectors import current_allocations
from core.roles import Role
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def colleague(north_team):
    user = UserFactory(username="nina", first_name="Nina", last_name="North", roles=[Role.OFFICER])
    TeamMembershipFactory(team=north_team, user=user)
    return user


def test_the_leader_sees_the_team_caseload(client_as, team_leader, officer, north_client, north_team):
    browser = client_as(team_leader)
    response = browser.get(reverse("people:caseloads"), follow=True)
    page = text(response)
    assert response.redirect_chain[-1][0] == reverse("people:team-caseload", args=[north_team.pk])
    assert "Client affairs (North)" in page and north_client.full_name in page
    assert "Olivia Officer 1" in page  # one case
    assert "Caseloads" in page  # in the service navigation


@pytest.mark.parametrize("who", ["officer", "auditor", "other_officer"])
def test_caseloads_are_for_team_leaders(client_as, request, who, north_team, north_client):
    browser = client_as(request.getfixturevalue(who))
    assert browser.get(reverse("people:caseloads")).status_code == 403
    assert browser.get(reverse("people:team-caseload", args=[north_team.pk])).status_code == 403
    assert "Caseloads" not in text(browser.get(reverse("my-work")))


def test_a_leader_cannot_see_or_change_another_teams_caseload(client_as, team_leader, charging_team,
                                                              charging_client):
    browser = client_as(team_leader)
    assert browser.get(reverse("people:team-caseload", args=[charging_team.pk])).status_code == 403
    allocation = current_allocations().get(client=charging_client)
    assert browser.get(reverse("people:allocation-reassign", args=[allocation.pk])).status_code == 404


def test_a_case_is_handed_to_another_officer_with_a_reason(client_as, team_leader, officer, colleague,
                                                           north_client):
    allocation = current_allocations().get(client=north_client)
    browser = client_as(team_leader)
    url = reverse("people:allocation-reassign", args=[allocation.pk])
    before = Allocation.objects.count()
    refused = text(browser.post(url, {"officer": colleague.pk, "reason": ""}))
    assert "There is a problem" in refused and "Enter a reason for the change" in refused
    assert Allocation.objects.count() == before

    done = text(browser.post(url, {"officer": colleague.pk, "reason": "Rebalancing caseloads"}, follow=True))
    assert f"{north_client.full_name}'s case is now with Nina North" in done
    now = current_allocations().get(client=north_client)
    assert now.officer == colleague and now.pk != allocation.pk
    history = now.history.first()
    assert history.history_user == team_leader and history.history_change_reason == "Rebalancing caseloads"


def test_only_an_officer_of_the_team_can_be_chosen(client_as, team_leader, other_officer, north_client):
    allocation = current_allocations().get(client=north_client)
    page = text(client_as(team_leader).post(reverse("people:allocation-reassign", args=[allocation.pk]),
                                            {"officer": other_officer.pk, "reason": "Mistake"}))
    assert "Choose an officer in the team" in page
    assert current_allocations().get(client=north_client).pk == allocation.pk


def test_an_officer_holding_many_cases_is_counted_once_per_case(team_leader, officer, colleague, north_team):
    """31 cases for Olivia, 2 for Nina, 1 with no officer yet: each count right, not one per client."""
    from people.selectors import team_caseload
    from tests.factories import ClientFactory

    for _ in range(31):
        ClientFactory(team=north_team, team__officer=officer)
    for _ in range(2):
        ClientFactory(team=north_team, team__officer=colleague)
    ClientFactory(team=north_team)
    loads, allocations = team_caseload(team=north_team)
    counts = {(load.officer.username if load.officer else None): load.cases for load in loads}
    assert counts == {"olivia": 31, "nina": 2, "tom": 0, None: 1}
    assert allocations.count() == 34
