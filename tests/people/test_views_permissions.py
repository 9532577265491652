"""Who may open and submit each people page.

- an officer works their own team's records: another team's client, contact or task is a 404,
  exactly like one that does not exist;
- an auditor reads every record (200), sees no control that writes, and is refused (403) on
  every page that only exists to write and on every POST, which changes nothing;
- nobody signed out sees anything: every page sends them to sign in.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.people.pages import row_counts, write_controls

pytestmark = pytest.mark.django_db

# (url name, which record of the world it takes: None, or "client" / "contact" / "task" / "notification")
READ_PAGES = [
    ("my-work", None),
    ("people:notifications", None),
    ("people:client-search", None),
    ("people:contact-list", None),
    ("people:client-detail", "client"),
    ("people:contact-detail", "contact"),
]
FORM_PAGES = [
    ("people:client-create", None),
    ("people:task-add", None),
    ("people:client-edit", "client"),
    ("people:address-add", "client"),
    ("people:client-contact-add", "client"),
    ("people:note-add", "client"),
    ("people:client-task-add", "client"),
    ("people:contact-edit", "contact"),
    ("people:task-complete", "task"),
]
POST_ONLY = [("people:notification-read", "notification")]


def url(world, name, kind, team="north"):
    if kind is None:
        return reverse(name)
    return reverse(name, args=[getattr(world, f"{team}_{kind}").pk])


def ids(pages):
    return [f"{name}:{kind or '-'}" for name, kind in pages]


EVERY_PAGE = READ_PAGES + FORM_PAGES + POST_ONLY


@pytest.mark.parametrize(("name", "kind"), EVERY_PAGE, ids=ids(EVERY_PAGE))
def test_signed_out_users_are_sent_to_sign_in(client, world, name, kind):
    target = url(world, name, kind)
    for response in (client.get(target), client.post(target, {})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize(("name", "kind"), READ_PAGES + FORM_PAGES, ids=ids(READ_PAGES + FORM_PAGES))
def test_officer_opens_every_page_for_their_own_team(client_as, officer, world, name, kind):
    assert client_as(officer).get(url(world, name, kind)).status_code == 200


@pytest.mark.parametrize(("name", "kind"), [p for p in READ_PAGES + FORM_PAGES if p[1]],
                         ids=ids([p for p in READ_PAGES + FORM_PAGES if p[1]]))
def test_another_teams_record_is_not_found_for_an_officer(client_as, officer, world, name, kind):
    assert client_as(officer).get(url(world, name, kind, team="charging")).status_code == 404


@pytest.mark.parametrize(("name", "kind"), [p for p in READ_PAGES + FORM_PAGES if p[1]],
                         ids=ids([p for p in READ_PAGES + FORM_PAGES if p[1]]))
def test_the_other_team_opens_its_own_records(client_as, other_officer, world, name, kind):
    assert client_as(other_officer).get(url(world, name, kind, team="charging")).status_code == 200


@pytest.mark.parametrize(("name", "kind"), [p for p in FORM_PAGES + POST_ONLY if p[1]],
                         ids=ids([p for p in FORM_PAGES + POST_ONLY if p[1]]))
def test_posting_to_another_teams_record_is_not_found_and_writes_nothing(client_as, officer, world, name, kind):
    before = row_counts()
    response = client_as(officer).post(url(world, name, kind, team="charging"), {"reason": "x", "text": "x"})
    assert response.status_code == 404
    assert row_counts() == before


def test_a_client_that_does_not_exist_is_not_found(client_as, officer, world):
    assert client_as(officer).get(reverse("people:client-detail", args=[999999])).status_code == 404
    assert client_as(officer).get("/tasks/add/?client=999999").status_code == 404
    assert client_as(officer).get("/tasks/add/?client=nonsense").status_code == 404


def test_an_officer_cannot_add_a_task_for_another_teams_client_by_query_string(client_as, officer, world):
    response = client_as(officer).get(f"/tasks/add/?client={world.charging_client.pk}")
    assert response.status_code == 404


# --- auditors -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kind"), READ_PAGES, ids=ids(READ_PAGES))
@pytest.mark.parametrize("team", ["north", "charging"])
def test_auditor_reads_every_teams_records_and_sees_no_control_that_writes(client_as, auditor, world, name, kind,
                                                                          team):
    response = client_as(auditor).get(url(world, name, kind, team=team))
    assert response.status_code == 200
    assert write_controls(response) == []


@pytest.mark.parametrize(("name", "kind"), [p for p in READ_PAGES if p[1]], ids=ids([p for p in READ_PAGES if p[1]]))
def test_an_officer_does_see_the_controls_the_auditor_does_not(client_as, officer, world, name, kind):
    """The check above would pass on a page with no controls at all; this shows it can fail."""
    response = client_as(officer).get(url(world, name, kind))
    assert write_controls(response)


def test_auditor_sees_no_add_buttons_on_lists(client_as, auditor, officer, world):
    for path in (reverse("my-work"), reverse("people:client-search")):
        officer_page = client_as(officer).get(path).content.decode()
        auditor_page = client_as(auditor).get(path).content.decode()
        assert "Add a" in officer_page
        assert "Add a" not in auditor_page


@pytest.mark.parametrize(("name", "kind"), FORM_PAGES, ids=ids(FORM_PAGES))
def test_auditor_is_refused_the_pages_that_only_exist_to_write(client_as, auditor, world, name, kind):
    assert client_as(auditor).get(url(world, name, kind)).status_code == 403


@pytest.mark.parametrize(("name", "kind"), FORM_PAGES + POST_ONLY, ids=ids(FORM_PAGES + POST_ONLY))
def test_every_post_by_an_auditor_is_refused_and_writes_nothing(client_as, auditor, world, name, kind):
    before = row_counts()
    response = client_as(auditor).post(url(world, name, kind), {"reason": "Auditor trying", "text": "x"})
    assert response.status_code == 403
    assert row_counts() == before


def test_administrator_sees_every_teams_client(client_as, administrator, world):
    assert client_as(administrator).get(world.charging_client.get_absolute_url()).status_code == 200
    assert client_as(administrator).get(world.north_client.get_absolute_url()).status_code == 200


# --- notifications belong to one person ---------------------------------------------------------

def test_an_officer_cannot_mark_someone_elses_notification_read(client_as, officer, world):
    response = client_as(officer).post(reverse("people:notification-read", args=[world.charging_notification.pk]))
    assert response.status_code == 404
    world.charging_notification.refresh_from_db()
    assert world.charging_notification.read_at is None


def test_someone_elses_notifications_are_not_listed(client_as, officer, world):
    page = client_as(officer).get(reverse("people:notifications")).content.decode()
    assert "Overdue: Renew home insurance" in page
    assert "Someone else&#x27;s" not in page and "Someone else's" not in page


# --- methods ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kind"), READ_PAGES, ids=ids(READ_PAGES))
def test_read_pages_do_not_accept_posts(client_as, officer, world, name, kind):
    assert client_as(officer).post(url(world, name, kind), {}).status_code == 405


def test_marking_a_notification_read_needs_a_post(client_as, officer, world):
    path = reverse("people:notification-read", args=[world.north_notification.pk])
    assert client_as(officer).get(path).status_code == 405
