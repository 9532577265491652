"""Team leaders' caseloads: who holds what, and handing a case to another officer in the team."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


# --- the caseloads page as a team leader's dashboard (core.registry.WorkPanel, place="dashboard") ------

def panels(response) -> dict[str, dict[str, int]]:
    """Each dashboard panel's lines, ``{panel key: {label: count}}``, as the page shows them."""
    found = {}
    for key, body in re.findall(r'data-panel="([^"]+)">(.*?)</section>', response.content.decode(), re.S):
        found[key] = {html.unescape(label): int(count) for label, count in
                      re.findall(r'<a class="govuk-link" href="[^"]*">([^<]+)</a> <strong class="app-count">(\d+)',
                                 body)}
    return found


@pytest.fixture
def many_cases(officer, colleague, north_team):
    from tests.factories import ClientFactory

    for _ in range(31):
        ClientFactory(team=north_team, team__officer=officer)
    for _ in range(2):
        ClientFactory(team=north_team, team__officer=colleague)
    return ClientFactory(team=north_team)  # no officer yet


def test_the_dashboard_counts_every_case_of_an_officer_who_holds_many(client_as, team_leader, officer, colleague,
                                                                       north_team, many_cases):
    browser = client_as(team_leader)
    url = reverse("people:team-caseload", args=[north_team.pk])
    whole = browser.get(url)
    assert panels(whole)["caseload"] == {"Cases held": 34, "Cases with no officer yet": 1}
    assert "client-money-team" in panels(whole) and "charging-team" not in panels(whole)  # a client affairs team
    row = re.search(r"Olivia Officer</a>.*?</tr>", whole.content.decode(), re.S).group(0)
    assert re.findall(r">(\d+)<", row)[0] == "31"

    olivia = browser.get(url, {"officer": officer.pk})
    assert panels(olivia)["caseload"] == {"Cases held": 31}
    assert olivia.context["allocations"].count() == 31
    assert {a.officer for a in olivia.context["allocations"]} == {officer}
    assert f"?officer={officer.pk}#cases" in olivia.content.decode()  # the count links to the same cases

    nobody = browser.get(url, {"officer": "none"})
    assert [a.client for a in nobody.context["allocations"]] == [many_cases]
    assert panels(nobody)["caseload"] == {"Cases held": 1} and "team-tasks" not in panels(nobody)


@pytest.mark.parametrize("wanted", ["abc", "999999", "other"])
def test_the_dashboard_refuses_an_officer_outside_the_team(client_as, team_leader, north_team, other_officer, wanted):
    officer_id = other_officer.pk if wanted == "other" else wanted
    response = client_as(team_leader).get(reverse("people:team-caseload", args=[north_team.pk]), {"officer": officer_id})
    assert response.status_code == 404


def test_the_dashboard_counts_open_and_overdue_tasks(client_as, team_leader, officer, colleague, north_team,
                                                     north_client):
    import datetime as dt

    from people import services
    from people.selectors import today

    for days, who in ((-3, officer), (4, officer), (-1, colleague)):
        services.task_create(acting_user=team_leader, title=f"Task {days}", assigned_to=who, client=north_client,
                             due_date=today() + dt.timedelta(days=days))
    url = reverse("people:team-caseload", args=[north_team.pk])
    browser = client_as(team_leader)
    assert panels(browser.get(url))["team-tasks"] == {"Open tasks": 3, "Overdue tasks": 2}
    assert panels(browser.get(url, {"officer": officer.pk}))["team-tasks"] == {"Open tasks": 2, "Overdue tasks": 1}


# The session, the user and their teams, the leader's check, a query or two a panel line (every domain's
# panels, each skipping a team of another service), the tables.
CEILING = 31


def test_the_dashboard_reads_a_bounded_number_of_queries(client_as, team_leader, officer, north_team,
                                                         django_assert_max_num_queries):
    from tests.factories import ClientFactory

    browser = client_as(team_leader)
    url = reverse("people:team-caseload", args=[north_team.pk])
    ClientFactory(team=north_team, team__officer=officer)
    browser.get(url)
    with CaptureQueriesContext(connection) as small:
        browser.get(url)
    for _ in range(20):
        ClientFactory(team=north_team, team__officer=officer)
    with django_assert_max_num_queries(CEILING) as large:
        browser.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
