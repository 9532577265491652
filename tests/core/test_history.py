"""Every change is attributed: a user, a reason and a request or job id."""

import datetime as dt

import pytest
from django.conf import settings

from core.context import acting_as_job
from people import services
from people.models import Client, Task

pytestmark = pytest.mark.django_db


def test_job_changes_are_attributed_to_the_system_user_and_job(north_client, officer):
    due = dt.date.today() + dt.timedelta(days=1)
    services.task_create(acting_user=officer, title="Chase bank statement", assigned_to=officer,
                         due_date=due, client=north_client)
    with acting_as_job("deadlines") as actor:
        services.deadlines_run(on=due + dt.timedelta(days=1))
    row = Task.history.filter(history_type="~").latest("history_date")
    assert row.history_user.username == settings.SYSTEM_USERNAME
    assert row.history_user_name == "System (scheduled jobs)"
    assert row.request_id == actor.correlation_id
    assert row.request_id.startswith("job:deadlines:")
    assert "job: deadlines" in row.history_change_reason


def test_signing_in_is_recorded_as_the_users_own_act(client, officer, password):
    from django.contrib.auth import get_user_model

    response = client.post("/sign-in/", {"username": "olivia", "password": password})
    row = get_user_model().history.filter(id=officer.pk).latest("history_date")
    assert row.history_change_reason == "Signed in"
    assert row.history_user == officer
    assert row.request_id == response["X-Request-ID"]


def test_service_change_records_the_reason_and_user(north_client, officer):
    from core.context import Actor, acting

    with acting(Actor(user=officer, correlation_id="req-abc12345")):
        services.client_update(acting_user=officer, client=north_client, reason="Daughter phoned with new number",
                               phone="01632 960123")
    row = Client.history.filter(id=north_client.pk).latest("history_date")
    assert row.history_type == "~"
    assert row.history_change_reason == "Daughter phoned with new number"
    assert row.history_user == officer
    assert row.history_user_name == "Olivia Officer"
    assert row.request_id == "req-abc12345"
    assert row.phone == "01632 960123"


def test_update_without_a_reason_changes_nothing(north_client, officer):
    from core.exceptions import ApplicationError

    before = Client.history.count()
    with pytest.raises(ApplicationError):
        services.client_update(acting_user=officer, client=north_client, reason="  ", phone="0")
    north_client.refresh_from_db()
    assert north_client.phone == ""
    assert Client.history.count() == before


def test_every_model_of_ours_keeps_history():
    from django.apps import apps

    EXEMPT = {
        "audit.RecordAccess",  # the access log is itself an audit record
        # The ledger's journal is append-only (UPDATE and DELETE are refused by database triggers), so
        # it is its own history: each row carries its acting_user and posted_at and never changes.
        "ledger.Transaction",
        "ledger.Posting",
        # A statement file waiting, for an hour at most, for its uploader to confirm the import. It is a
        # working copy that changes nothing; the import itself is a StatementImport, with its history.
        "ledger.PendingStatement",
        # Debt allocations are append-only like the journal (UPDATE and DELETE refused by a trigger);
        # a correction is a cancelling row, so the table is its own history.
        "debt_recovery.Allocation",
    }

    ours = {"core", "people", "ledger", "documents", "audit", "deputyship", "charging", "deferred_payments",
            "debt_recovery", "properties"}
    missing = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in ours
        and not m.__name__.startswith("Historical")
        and not hasattr(m, "history")
        and m._meta.label not in EXEMPT
    ]
    assert missing == []
