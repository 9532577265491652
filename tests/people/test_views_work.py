"""My work, notifications, the case journal and tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from people import services
from people.models import Note, Notification, Task
from tests.factories import UserFactory
from tests.people.pages import date_parts, error_summary, field_error, row_counts

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def make_task(user, client=None, days=0, title="A task", status="open"):
    return Task.objects.create(title=title, client=client, assigned_to=user, created_by=user,
                               due_date=TODAY + dt.timedelta(days=days), status=status)


# --- my work ------------------------------------------------------------------------------------

def test_my_work_groups_my_open_tasks_by_when_they_are_due(client_as, officer, team_leader, north_client):
    make_task(officer, north_client, days=-2, title="Overdue insurance", status="overdue")
    make_task(officer, north_client, days=3, title="Soon deputy report")
    make_task(officer, north_client, days=14, title="Fortnight visit")
    make_task(officer, north_client, days=40, title="Later pension review")
    services.task_complete(acting_user=officer, task=make_task(officer, north_client, days=1, title="Finished thing"))
    make_task(team_leader, north_client, days=2, title="Someone else's task")

    response = client_as(officer).get(reverse("my-work"))
    work = response.context["work"]
    assert [t.title for t in work["overdue"]] == ["Overdue insurance"]
    assert [t.title for t in work["due_soon"]] == ["Soon deputy report", "Fortnight visit"]
    assert [t.title for t in work["later"]] == ["Later pension review"]
    page = response.content.decode()
    assert "Finished thing" not in page and "Someone else" not in page
    assert north_client.get_absolute_url() in page  # each task links to its client
    assert reverse("people:task-add") in page


def test_my_work_page_query_count_does_not_grow_with_tasks(client_as, officer, north_client,
                                                           django_assert_max_num_queries):
    for n in range(30):
        make_task(officer, north_client, days=n - 5, title=f"Task {n}")
    browser = client_as(officer)
    browser.get(reverse("people:client-search"))
    # With the user's teams, the client money panel's three counts (held, suspense, the month to reconcile)
    # and client affairs casework's panels (referrals, bonds, payment runs, missed income, returns and fees).
    with django_assert_max_num_queries(26):
        browser.get(reverse("my-work"))


# --- notifications ------------------------------------------------------------------------------

def test_notifications_newest_first_with_unread_marked(client_as, officer):
    services.notification_send(user=officer, key="a", message="First message")
    services.notification_send(user=officer, key="b", message="Second message")
    Notification.objects.filter(key="a").update(read_at="2026-01-01T00:00Z")
    response = client_as(officer).get(reverse("people:notifications"))
    assert [n.message for n in response.context["page"]] == ["Second message", "First message"]
    page = response.content.decode()
    assert page.count("Unread") == 1
    assert page.index("Second message") < page.index("Unread") < page.index("First message")
    assert "Notifications (1)" in page  # the unread count in the navigation


def test_marking_a_notification_read(client_as, officer):
    notification, _ = services.notification_send(user=officer, key="a", message="Overdue: insurance")
    response = client_as(officer).post(reverse("people:notification-read", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:notifications")
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert Notification.history.first().request_id == response["X-Request-ID"]


# --- notes --------------------------------------------------------------------------------------

def test_add_a_note_to_the_journal(client_as, officer, north_client):
    response = client_as(officer).post(reverse("people:note-add", args=[north_client.pk]),
                                       {"kind": "phone", "text": "  Susan phoned about the fees.  "})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:client-notes", args=[north_client.pk])
    note = Note.objects.get(client=north_client)
    assert (note.kind, note.text, note.author) == ("phone", "Susan phoned about the fees.", officer)
    assert Note.history.first().request_id == response["X-Request-ID"]
    page = client_as(officer).get(response["Location"]).content.decode()
    assert "Note added to the journal" in page and "Susan phoned about the fees." in page


@pytest.mark.parametrize(
    ("data", "field_id", "message"),
    [
        ({"kind": "phone", "text": ""}, "id_text", "Enter the note"),
        ({"kind": "phone", "text": "   "}, "id_text", "Enter the note"),
        ({"kind": "", "text": "Something"}, "id_kind", "Choose what kind of entry this is"),
        ({"kind": "gossip", "text": "Something"}, "id_kind",
         "Select a valid choice. gossip is not one of the available choices."),
    ],
    ids=["empty", "blank", "no-kind", "unknown-kind"],
)
def test_add_note_bad_input_saves_nothing(client_as, officer, north_client, data, field_id, message):
    before = row_counts()
    response = client_as(officer).post(reverse("people:note-add", args=[north_client.pk]), data)
    assert response.status_code == 200
    assert field_error(response, field_id) == message
    assert row_counts() == before


# --- tasks --------------------------------------------------------------------------------------

def task_form(user, **overrides):
    data = {"title": "Renew home insurance", "details": "Policy ends on the 30th", "assigned_to": user.pk,
            **date_parts("due_date", TODAY + dt.timedelta(days=10))}
    data.update(overrides)
    return data


def test_task_form_offers_active_colleagues_and_defaults_to_me(client_as, officer, team_leader, other_officer):
    UserFactory(username="gone", first_name="Gone", last_name="Away", is_active=False).memberships.create(
        team=officer.teams.first())
    form = client_as(officer).get(reverse("people:task-add")).context["form"]
    assert set(form.fields["assigned_to"].queryset) == {officer, team_leader}
    assert form["assigned_to"].value() == officer.pk


@pytest.mark.parametrize("route", ["path", "query"])
def test_add_a_task_for_a_client(client_as, officer, team_leader, north_client, route):
    path = (reverse("people:client-task-add", args=[north_client.pk]) if route == "path"
            else f"{reverse('people:task-add')}?client={north_client.pk}")
    response = client_as(officer).post(path, task_form(team_leader))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:client-tasks", args=[north_client.pk])
    task = Task.objects.get()
    assert (task.client, task.assigned_to, task.created_by, task.status) == (north_client, team_leader, officer, "open")
    assert task.due_date == TODAY + dt.timedelta(days=10)
    history = Task.history.first()
    assert history.history_user == officer and history.request_id == response["X-Request-ID"]


def test_add_a_task_about_no_client(client_as, officer):
    response = client_as(officer).post(reverse("people:task-add"), task_form(officer, title="Team training"))
    assert response["Location"] == reverse("my-work")
    assert Task.objects.get().client is None


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"title": ""}, "id_title", "Enter what needs doing"),
        (date_parts("due_date", d="", m="", y=""), "id_due_date_group", "Enter the due date"),
        (date_parts("due_date", d="31", m="9", y="2030"), "id_due_date_group", "The due date must be a real date"),
        (date_parts("due_date", TODAY - dt.timedelta(days=1)), "id_due_date_group",
         "The due date must be today or in the future"),
        (date_parts("due_date", d="1", m="13", y="2030"), "id_due_date_group", "The due date must be a real date"),
    ],
    ids=["no-title", "no-date", "impossible-date", "past-date", "month-13"],
)
def test_add_task_bad_input_saves_nothing(client_as, officer, north_client, changes, field_id, message):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-task-add", args=[north_client.pk]),
                                       task_form(officer, **changes))
    assert response.status_code == 200
    assert field_error(response, field_id) == message
    assert message in error_summary(response)
    assert row_counts() == before


def test_a_task_cannot_be_given_to_someone_outside_my_teams(client_as, officer, other_officer, north_client):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-task-add", args=[north_client.pk]),
                                       task_form(other_officer))
    assert field_error(response, "id_assigned_to") == "Choose someone in your team"
    assert row_counts() == before


def test_complete_a_task_from_the_client_page(client_as, officer, north_client):
    task = make_task(officer, north_client, days=2)
    back = reverse("people:client-tasks", args=[north_client.pk])
    response = client_as(officer).post(reverse("people:task-complete", args=[task.pk]), {"next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    task.refresh_from_db()
    assert (task.status, task.completed_by, task.outcome) == ("done", officer, "")
    history = Task.history.first()
    assert history.history_change_reason == "Task completed"
    assert history.request_id == response["X-Request-ID"]


def test_complete_a_task_with_an_outcome(client_as, officer, north_client):
    task = make_task(officer, north_client, days=2)
    page = client_as(officer).get(reverse("people:task-complete", args=[task.pk]))
    assert "Outcome (optional)" in page.content.decode()
    client_as(officer).post(reverse("people:task-complete", args=[task.pk]), {"outcome": "Renewed to March 2027"})
    task.refresh_from_db()
    assert (task.status, task.outcome) == ("done", "Renewed to March 2027")
    client_page = client_as(officer).get(reverse("people:client-tasks", args=[north_client.pk])).content.decode()
    assert "Renewed to March 2027" in client_page


def test_completing_a_task_twice_is_explained_and_writes_nothing(client_as, officer, north_client):
    task = make_task(officer, north_client, days=2)
    browser = client_as(officer)
    browser.post(reverse("people:task-complete", args=[task.pk]))
    before = row_counts()
    response = browser.post(reverse("people:task-complete", args=[task.pk]))
    assert response.status_code == 200
    assert error_summary(response) == ["This task is already closed."]
    assert row_counts() == before


def test_completing_goes_back_only_to_this_site(client_as, officer, north_client):
    task = make_task(officer, north_client, days=2)
    response = client_as(officer).post(reverse("people:task-complete", args=[task.pk]),
                                       {"next": "https://evil.example/phish"})
    assert response["Location"] == reverse("people:client-tasks", args=[north_client.pk])


def test_a_task_about_no_client_is_only_for_the_people_it_concerns(client_as, officer, team_leader, other_officer):
    task = make_task(officer, None, days=2, title="Team training")
    assert client_as(officer).get(reverse("people:task-complete", args=[task.pk])).status_code == 200
    assert client_as(other_officer).get(reverse("people:task-complete", args=[task.pk])).status_code == 404
