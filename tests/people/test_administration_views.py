"""The administration pages: who may open them, and each page doing its one thing through its service."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.roles import Role
from people.choices import Service, StaffRole
from people.models import Team, TeamMembership
from tests.factories import ClientFactory, UserFactory
from tests.people.pages import error_summary, field_error

pytestmark = pytest.mark.django_db
User = get_user_model()


def _links(response) -> list[str]:
    return re.findall(r'href="([^"]+)"', response.content.decode())


@pytest.fixture
def pages(officer, north_team):
    membership = TeamMembership.objects.get(user=officer)
    return {
        "users": reverse("administration:users"),
        "user-create": reverse("administration:user-create"),
        "user-detail": reverse("administration:user-detail", args=[officer.pk]),
        "user-edit": reverse("administration:user-edit", args=[officer.pk]),
        "user-role": reverse("administration:user-role", args=[officer.pk]),
        "user-deactivate": reverse("administration:user-deactivate", args=[officer.pk]),
        "user-reactivate": reverse("administration:user-reactivate", args=[officer.pk]),
        "user-unlock": reverse("administration:user-unlock", args=[officer.pk]),
        "user-password-link": reverse("administration:user-password-link", args=[officer.pk]),
        "membership-add": reverse("administration:membership-add", args=[officer.pk]),
        "membership-change": reverse("administration:membership-change", args=[membership.pk]),
        "membership-remove": reverse("administration:membership-remove", args=[membership.pk]),
        "teams": reverse("administration:teams"),
        "team-create": reverse("administration:team-create"),
        "team-edit": reverse("administration:team-edit", args=[north_team.pk]),
    }


@pytest.mark.parametrize("persona", ["officer", "team_leader", "auditor", "other_officer"])
def test_only_administrators_open_the_pages_or_post_to_them(client_as, request, pages, persona):
    user = request.getfixturevalue(persona)
    browser = client_as(user)
    before = (User.history.count(), TeamMembership.history.count(), Team.history.count())
    read_only = {"users", "user-detail", "teams"}
    for name, url in pages.items():
        assert browser.get(url).status_code == 403, name
        posted = browser.post(url, {"reason": "Trying", "role": "administrator", "is_leader": "on"})
        # A page that only reads answers a POST 405, except to an auditor, whose every write is refused first.
        assert posted.status_code == (405 if name in read_only and persona != "auditor" else 403), name
    assert (User.history.count(), TeamMembership.history.count(), Team.history.count()) == before
    assert reverse("administration:users") not in _links(browser.get(reverse("my-work")))


def test_administrators_open_every_page_and_see_the_link(client_as, administrator, pages):
    browser = client_as(administrator)
    for name, url in pages.items():
        assert browser.get(url).status_code == 200, name
    assert reverse("administration:users") in _links(browser.get(reverse("my-work")))


def test_the_system_user_has_no_page(client_as, administrator):
    from core.context import system_user

    assert client_as(administrator).get(reverse("administration:user-detail", args=[system_user().pk])).status_code \
        == 404
    assert "(scheduled jobs)" not in client_as(administrator).get(reverse("administration:users")).content.decode()


# --- the users list ------------------------------------------------------------------------------

def _listed(response) -> set[str]:
    return {row["user"].username for row in response.context["rows"]}


def test_users_are_filtered_by_team_service_role_and_status(client_as, administrator, officer, team_leader,
                                                            other_officer, auditor, north_team):
    browser = client_as(administrator)
    url = reverse("administration:users")
    assert _listed(browser.get(url)) == {"admin1", "olivia", "tom", "owen", "ada"}
    assert _listed(browser.get(url, {"team": north_team.pk})) == {"olivia", "tom"}
    assert _listed(browser.get(url, {"service": Service.CHARGING})) == {"owen"}
    assert _listed(browser.get(url, {"role": "team_leader"})) == {"tom"}
    assert _listed(browser.get(url, {"role": "officer"})) == {"olivia", "owen"}
    assert _listed(browser.get(url, {"role": "auditor"})) == {"ada"}
    assert _listed(browser.get(url, {"role": "administrator"})) == {"admin1"}
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert _listed(browser.get(url, {"active": "no"})) == {"olivia"}
    assert _listed(browser.get(url, {"active": "yes", "q": "leader"})) == {"tom"}
    page = browser.get(url, {"team": north_team.pk}).content.decode()
    assert "Client affairs (North) (leads)" in page and "Deactivated" in page


def test_the_list_reads_a_fixed_number_of_queries(client_as, administrator, north_team, django_assert_max_num_queries):
    browser = client_as(administrator)
    browser.get(reverse("administration:users"))
    for n in range(30):
        TeamMembership.objects.create(team=north_team, user=UserFactory(username=f"u{n}"))
    with django_assert_max_num_queries(14):
        assert browser.get(reverse("administration:users")).status_code == 200


# --- opening an account and choosing a password ----------------------------------------------------

def test_opening_an_account_shows_the_link_once_and_the_link_sets_the_password(client_as, client, administrator):
    browser = client_as(administrator)
    response = browser.post(reverse("administration:user-create"), {
        "first_name": "Kiran", "last_name": "Patel", "username": "kpatel", "email": "k.patel@council.example",
        "role": StaffRole.NONE, "password_choice": "link", "reason": "New charging officer"})
    user = User.objects.get(username="kpatel")
    assert response.status_code == 302 and response["Location"] == reverse("administration:user-detail",
                                                                            args=[user.pk])
    first = browser.get(response["Location"]).content.decode()
    link = re.search(r"http://testserver(/administration/set-password/[^<\s]+)", first).group(1)
    assert "Account opened for Kiran Patel" in first
    assert "/set-password/" not in browser.get(response["Location"]).content.decode()  # shown once

    browser.logout()
    choose = client.get(link)  # the token moves into the session, as Django's reset pages do
    assert choose.status_code == 302
    page = client.get(choose["Location"])
    assert "Choose your password" in page.content.decode()
    done = client.post(choose["Location"], {"new_password1": "Tulips-in-April-2026",
                                            "new_password2": "Tulips-in-April-2026"})
    assert done.status_code == 302 and done["Location"] == reverse("login")
    user.refresh_from_db()
    assert user.check_password("Tulips-in-April-2026")
    row = User.history.filter(id=user.pk).latest("history_date")
    assert (row.history_user, row.history_change_reason) == (user, "Password chosen from a set-password link")
    assert "does not work any more" in client.get(link, follow=True).content.decode()


def test_opening_an_account_with_bad_details_explains_and_writes_nothing(client_as, administrator, officer):
    before = User.objects.count()
    response = client_as(administrator).post(reverse("administration:user-create"), {
        "first_name": "", "last_name": "Patel", "username": "Olivia", "email": "not-an-email",
        "role": StaffRole.NONE, "password_choice": "password", "password": "", "reason": ""})
    assert error_summary(response) == [
        "Enter the first name", "Enter an email address in the correct format, like name@council.example",
        "Enter the initial password", "Enter a reason for the change"]
    response = client_as(administrator).post(reverse("administration:user-create"), {
        "first_name": "Kiran", "last_name": "Patel", "username": "Olivia", "email": "k@council.example",
        "role": StaffRole.NONE, "password_choice": "password", "password": "short", "reason": "New"})
    assert field_error(response, "id_username") == "The username Olivia is taken: choose another"
    assert "This password is too short" in field_error(response, "id_password")
    assert User.objects.count() == before


# --- teams, roles and status -----------------------------------------------------------------------

def test_adding_an_administrator_to_a_team_asks_for_the_tick(client_as, administrator, north_team):
    other = UserFactory(username="admin2", first_name="Bea", last_name="Admin", roles=[Role.ADMINISTRATOR])
    url = reverse("administration:membership-add", args=[other.pk])
    browser = client_as(administrator)
    assert "I mean this administrator to do this team" in browser.get(url).content.decode()
    response = browser.post(url, {"team": north_team.pk, "is_leader": "on", "reason": "Cover"})
    assert field_error(response, "id_administrator_in_team").startswith("Bea Admin is an administrator.")
    assert not TeamMembership.objects.filter(user=other).exists()
    response = browser.post(url, {"team": north_team.pk, "is_leader": "on", "reason": "Cover for two weeks",
                                  "administrator_in_team": "on"})
    assert response.status_code == 302
    assert TeamMembership.objects.get(user=other).is_leader


def test_the_role_page_and_deactivating_from_the_pages(client_as, administrator, officer, north_team):
    browser = client_as(administrator)
    response = browser.post(reverse("administration:user-role", args=[officer.pk]),
                            {"role": StaffRole.AUDITOR, "reason": "Moving to audit"})
    assert field_error(response, "id_role").startswith("An auditor changes nothing, so cannot be in a team")
    ClientFactory(team=north_team, team__officer=officer)
    page = browser.get(reverse("administration:user-deactivate", args=[officer.pk])).content.decode()
    assert "1 case held, 0 open tasks" in page
    response = browser.post(reverse("administration:user-deactivate", args=[officer.pk]), {"reason": "Left"})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert not officer.is_active
    detail = browser.get(response["Location"]).content.decode()
    assert "account is deactivated" in detail and "Reactivate account" in detail


def test_an_administrator_is_not_offered_changes_to_their_own_account(client_as, administrator):
    browser = client_as(administrator)
    page = browser.get(reverse("administration:user-detail", args=[administrator.pk])).content.decode()
    assert "This is your own account" in page
    assert reverse("administration:user-deactivate", args=[administrator.pk]) not in page
    assert reverse("administration:user-role", args=[administrator.pk]) not in page
    response = browser.post(reverse("administration:user-deactivate", args=[administrator.pk]), {"reason": "x"})
    assert response.status_code == 403
    administrator.refresh_from_db()
    assert administrator.is_active


def test_taking_someone_out_of_a_team_who_holds_cases_says_what_to_do(client_as, administrator, officer,
                                                                      north_team):
    ClientFactory(team=north_team, team__officer=officer)
    membership = TeamMembership.objects.get(user=officer)
    url = reverse("administration:membership-remove", args=[membership.pk])
    page = client_as(administrator).get(url).content.decode()
    assert reverse("people:team-caseload", args=[north_team.pk]) in page
    response = client_as(administrator).post(url, {"reason": "Leaving"})
    assert error_summary(response) == [
        "Olivia Officer holds 1 case for Client affairs (North): reassign it from the team's caseload first."]
    assert TeamMembership.objects.filter(pk=membership.pk).exists()


def test_a_lock_out_is_shown_and_cleared_from_the_pages(client_as, client, settings, administrator, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "olivia", "password": "wrong"})
    browser = client_as(administrator)
    listed = browser.get(reverse("administration:users")).content.decode()
    assert "Locked out" in listed
    response = browser.post(reverse("administration:user-unlock", args=[officer.pk]), {"reason": "Phoned"})
    assert response.status_code == 302
    assert "Olivia Officer can sign in again" in browser.get(response["Location"]).content.decode()
    assert "Locked out" not in browser.get(reverse("administration:users")).content.decode()


def test_teams_are_listed_set_up_and_changed(client_as, administrator, officer, north_team):
    browser = client_as(administrator)
    page = browser.get(reverse("administration:teams")).content.decode()
    assert "Client affairs (North)" in page and "Olivia Officer" in page
    response = browser.post(reverse("administration:team-create"),
                            {"name": "Property (North)", "service": Service.PROPERTY, "reason": "New team"})
    team = Team.objects.get(name="Property (North)")
    assert response.status_code == 302
    response = browser.post(reverse("administration:team-edit", args=[team.pk]),
                            {"name": "Property", "service": Service.PROPERTY, "reason": "Renamed"})
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Property"
    response = browser.post(reverse("administration:team-edit", args=[team.pk]),
                            {"name": "Client affairs (north)", "service": Service.PROPERTY, "reason": "x"})
    assert field_error(response, "id_name") == "There is already a team called Client affairs (north)"
