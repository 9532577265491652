"""The people services' own rules, whoever calls them (pages, API, jobs, commands)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.exceptions import ApplicationError, PermissionDeniedError
from people import services
from people.models import Address, Allocation, Client, ClientContact, Contact, Note, Notification, Task
from people.selectors import clients_visible_to
from tests.factories import UserFactory, nhs_number
from tests.people.pages import row_counts

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def new_client(user, team, **fields):
    data = {"first_name": "Edith", "last_name": "Clarke", "date_of_birth": dt.date(1938, 3, 27)}
    data.update(fields)
    return services.client_create(acting_user=user, team=team, **data)


# --- clients ------------------------------------------------------------------------------------

def test_client_create_allocates_the_case_so_the_officer_can_see_it(officer, north_team):
    client = new_client(officer, north_team, nhs_number="943 476 5919")
    assert client.nhs_number == "9434765919"
    allocation = Allocation.objects.get(client=client)
    assert (allocation.team, allocation.service, allocation.end_date) == (north_team, north_team.service, None)
    assert clients_visible_to(user=officer).filter(pk=client.pk).exists()
    assert Client.history.get(id=client.pk).history_change_reason == "New client"


def test_client_create_issues_references_in_turn(officer, north_team):
    first = new_client(officer, north_team)
    second = new_client(officer, north_team, first_name="Arthur")
    assert int(second.council_reference.split("-")[1]) == int(first.council_reference.split("-")[1]) + 1


def test_duplicate_nhs_number_is_refused_on_that_field_and_nothing_is_written(officer, north_team, north_client):
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        new_client(officer, north_team, nhs_number=north_client.nhs_number)
    assert refused.value.code == "duplicate_nhs_number"
    assert refused.value.extra == {"nhs_number": [f"This NHS number is already on the record for Margaret Thornton ({north_client.council_reference})."]}
    assert row_counts() == before


def test_changing_to_another_clients_nhs_number_is_refused(officer, north_team, north_client):
    other = new_client(officer, north_team, nhs_number=nhs_number(900))
    with pytest.raises(ApplicationError) as refused:
        services.client_update(acting_user=officer, client=other, reason="Typo", nhs_number=north_client.nhs_number)
    assert refused.value.code == "duplicate_nhs_number"
    other.refresh_from_db()
    assert other.nhs_number == nhs_number(900)


def test_nhs_number_with_a_wrong_check_digit_is_refused(officer, north_team):
    with pytest.raises(ApplicationError) as refused:
        new_client(officer, north_team, nhs_number="9434765918")
    assert refused.value.extra["nhs_number"] == ["Enter a valid NHS number: the check digit does not match"]
    assert not Client.objects.filter(last_name="Clarke").exists()


def test_an_officer_cannot_add_a_client_to_another_teams_caseload(officer, charging_team):
    with pytest.raises(PermissionDeniedError):
        new_client(officer, charging_team)
    assert not Client.objects.exists()


def test_auditors_change_nothing(auditor, north_team, north_client):
    before = row_counts()
    with pytest.raises(PermissionDeniedError):
        new_client(auditor, north_team)
    with pytest.raises(PermissionDeniedError):
        services.client_update(acting_user=auditor, client=north_client, reason="Looking", phone="1")
    with pytest.raises(PermissionDeniedError):
        services.note_add(acting_user=auditor, client=north_client, text="Hello")
    assert row_counts() == before


def test_client_update_needs_a_reason(officer, north_client):
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        services.client_update(acting_user=officer, client=north_client, reason="  ", phone="0113 496 0000")
    assert refused.value.extra == {"reason": ["Give a reason for the change."]}
    assert row_counts() == before


def test_client_update_with_nothing_changed_writes_no_history(officer, north_client):
    before = row_counts()
    services.client_update(acting_user=officer, client=north_client, reason="Checked", first_name="Margaret")
    assert row_counts() == before


def test_client_update_of_another_teams_client_is_refused(officer, charging_client):
    with pytest.raises(PermissionDeniedError):
        services.client_update(acting_user=officer, client=charging_client, reason="Oops", phone="1")


def test_date_of_death_before_birth_is_refused(officer, north_client):
    with pytest.raises(ApplicationError):
        services.client_update(acting_user=officer, client=north_client, reason="Death notified",
                               date_of_death=north_client.date_of_birth - dt.timedelta(days=1))
    north_client.refresh_from_db()
    assert north_client.date_of_death is None


# --- addresses and contacts ---------------------------------------------------------------------

def test_a_new_address_ends_the_current_one_of_the_same_kind_the_day_before(officer, north_client):
    old = services.address_add(acting_user=officer, client=north_client, data=services.AddressInput(
        line_1="1 Old Road", town="Leeds", postcode="LS1 1AA", start_date=dt.date(2010, 1, 1)))
    services.address_add(acting_user=officer, client=north_client, data=services.AddressInput(
        line_1="2 New Road", town="Leeds", postcode="LS1 1AB", start_date=dt.date(2024, 4, 1)))
    old.refresh_from_db()
    assert old.end_date == dt.date(2024, 3, 31)
    assert Address.objects.filter(client=north_client, end_date__isnull=True).get().line_1 == "2 New Road"


def test_an_organisation_needs_its_type(officer):
    with pytest.raises(ApplicationError) as refused:
        services.contact_create(acting_user=officer, kind="organisation", name="Northern Bank")
    assert "organisation_type" in refused.value.extra
    assert not Contact.objects.exists()


def test_a_person_never_keeps_an_organisation_type(officer):
    contact = services.contact_create(acting_user=officer, kind="person", name="Susan", organisation_type="bank")
    assert contact.organisation_type == ""


def test_linking_needs_a_known_relationship(officer, north_client):
    contact = services.contact_create(acting_user=officer, name="Susan")
    with pytest.raises(ApplicationError):
        services.client_contact_link(acting_user=officer, client=north_client, contact=contact, relationship="cousin")
    assert not ClientContact.objects.exists()


def test_contact_update_needs_a_reason(officer):
    contact = services.contact_create(acting_user=officer, name="Susan")
    with pytest.raises(ApplicationError):
        services.contact_update(acting_user=officer, contact=contact, reason="", phone="1")


# --- caseloads ----------------------------------------------------------------------------------

def test_allocation_change_is_for_team_leaders_only(officer, north_client, charging_team):
    before = row_counts()
    with pytest.raises(PermissionDeniedError):
        services.allocation_change(acting_user=officer, client=north_client, service="client_affairs",
                                   team=charging_team, reason="Moving")
    assert row_counts() == before


def test_allocation_change_hands_the_case_over(team_leader, officer, other_officer, north_client, charging_team):
    services.allocation_change(acting_user=team_leader, client=north_client, service="client_affairs",
                               team=charging_team, officer=other_officer, reason="Moved to charging")
    allocations = Allocation.objects.filter(client=north_client, service="client_affairs").order_by("id")
    assert [a.end_date is None for a in allocations] == [False, True]
    assert allocations[1].team == charging_team
    assert clients_visible_to(user=other_officer).filter(pk=north_client.pk).exists()
    assert Allocation.history.first().history_change_reason == "Moved to charging"


# --- journal and tasks --------------------------------------------------------------------------

def test_an_empty_note_is_refused(officer, north_client):
    with pytest.raises(ApplicationError):
        services.note_add(acting_user=officer, client=north_client, text="   ")
    assert not Note.objects.exists()


def test_a_task_for_someone_inactive_is_refused(officer, north_client):
    gone = UserFactory(is_active=False)
    with pytest.raises(ApplicationError):
        services.task_create(acting_user=officer, client=north_client, title="Visit", assigned_to=gone,
                             due_date=TODAY)
    assert not Task.objects.exists()


def test_a_task_due_in_the_past_starts_overdue(officer, north_client):
    task = services.task_create(acting_user=officer, client=north_client, title="Visit", assigned_to=officer,
                                due_date=TODAY - dt.timedelta(days=1))
    assert task.status == "overdue"


def test_completing_a_task_twice_is_refused(officer, north_client):
    task = services.task_create(acting_user=officer, client=north_client, title="Visit", assigned_to=officer,
                                due_date=TODAY)
    services.task_complete(acting_user=officer, task=task, outcome="Visited")
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        services.task_complete(acting_user=officer, task=task, outcome="Again")
    assert refused.value.code == "already_closed"
    assert row_counts() == before
    task.refresh_from_db()
    assert task.outcome == "Visited"


def test_someone_elses_task_about_no_client_cannot_be_completed_by_an_officer(officer, other_officer):
    task = services.task_create(acting_user=other_officer, title="Training", assigned_to=other_officer,
                                due_date=TODAY)
    with pytest.raises(PermissionDeniedError):
        services.task_complete(acting_user=officer, task=task)


def test_deadlines_run_twice_notifies_once(officer, north_client):
    late = services.task_create(acting_user=officer, client=north_client, title="Renew insurance",
                                assigned_to=officer, due_date=TODAY + dt.timedelta(days=1))
    on_time = services.task_create(acting_user=officer, client=north_client, title="Deputy report",
                                   assigned_to=officer, due_date=TODAY + dt.timedelta(days=10))
    run_day = TODAY + dt.timedelta(days=3)

    first = services.deadlines_run(on=run_day)
    second = services.deadlines_run(on=run_day)

    assert first == {"marked_overdue": 1, "notified": 1}
    assert second == {"marked_overdue": 0, "notified": 0}
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert (late.status, on_time.status) == ("overdue", "open")
    notification = Notification.objects.get()
    assert notification.user == officer
    assert notification.key == f"task-overdue:{late.pk}"
    assert "Renew insurance" in notification.message and "Peggy Thornton" in notification.message
    assert notification.link == north_client.get_absolute_url()


def test_a_notification_is_marked_read_only_by_its_owner(officer, team_leader):
    notification, created = services.notification_send(user=officer, key="k", message="Hello")
    again, created_again = services.notification_send(user=officer, key="k", message="Hello")
    assert (created, created_again, again) == (True, False, notification)
    with pytest.raises(PermissionDeniedError):
        services.notification_mark_read(acting_user=team_leader, notification=notification)
    services.notification_mark_read(acting_user=officer, notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is not None
