"""Each exported history row says which fields it changed, with their old and new values, worked out
from the record's previous historical row (however the export is filtered or batched)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.exports import jsonl_chunks
from audit.selectors import HistoryFilter, history_changes, history_rows
from core.context import Actor, acting
from core.history import save_attributed
from people import services
from people.models import TeamMembership
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def _export(browser, fmt="jsonl", **params) -> list[dict]:
    response = browser.get(reverse("audit:export"), {"format": fmt, **params})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    return [json.loads(line) for line in text.splitlines()]


def _as(user, request_id):
    return acting(Actor(user=user, correlation_id=request_id))


def test_a_change_carries_only_the_fields_it_changed(client_as, auditor, officer, north_client):
    north_client.phone = "01632 960100"
    save_attributed(north_client, user=officer, reason="Set up")
    with _as(officer, "req-change-0001"):
        services.client_update(acting_user=officer, client=north_client, reason="New number and email",
                               phone="01632 960555", email="peggy@example.com")
    [row] = _export(client_as(auditor), request_id="req-change-0001", model="people.client")
    assert row["changed_fields"] == ["phone", "email"]
    assert row["changes"] == {"phone": {"old": "01632 960100", "new": "01632 960555"},
                              "email": {"old": "", "new": "peggy@example.com"}}
    [as_csv] = _export(client_as(auditor), "csv", request_id="req-change-0001", model="people.client")
    assert as_csv["changed_fields"] == "phone; email"
    assert json.loads(as_csv["changes"]) == row["changes"]


def test_each_change_is_compared_with_the_one_before_even_outside_the_filter(client_as, auditor, officer,
                                                                             north_client):
    with _as(officer, "req-first-00001"):
        services.client_update(acting_user=officer, client=north_client, reason="First", phone="01632 960001")
    with _as(officer, "req-second-0001"):
        services.client_update(acting_user=officer, client=north_client, reason="Second", phone="01632 960002")
    with _as(officer, "req-third-00001"):
        services.client_update(acting_user=officer, client=north_client, reason="Died",
                               date_of_death=dt.date(2026, 11, 2))
    [second] = _export(client_as(auditor), request_id="req-second-0001")
    assert second["changes"] == {"phone": {"old": "01632 960001", "new": "01632 960002"}}
    [third] = _export(client_as(auditor), request_id="req-third-00001")
    assert third["changes"] == {"date_of_death": {"old": None, "new": "2026-11-02"}}


def test_a_creation_shows_new_values_and_a_deletion_old_ones(client_as, auditor, officer, north_team,
                                                             other_officer):
    with _as(officer, "req-note-000001"):
        client = ClientFactory(first_name="Edith", last_name="Clarke", team=north_team)
        note = services.note_add(acting_user=officer, client=client, text="Phoned the bank", kind="phone")
    [created] = _export(client_as(auditor), request_id="req-note-000001", model="people.note")
    assert created["action"] == "created"
    assert created["changes"]["text"] == {"old": None, "new": "Phoned the bank"}
    assert created["changes"]["kind"] == {"old": None, "new": "phone"}
    assert created["changes"]["author_id"] == {"old": None, "new": officer.pk}
    assert created["changes"]["client_id"] == {"old": None, "new": client.pk}
    assert "id" not in created["changed_fields"]
    assert created["changes"]["created_at"]["new"].startswith(str(note.created_at.year))

    membership = TeamMembership.objects.get(user=other_officer)
    with _as(officer, "req-delete-0001"):
        membership._history_user = officer
        membership._change_reason = "Left the team"
        membership.delete()
    [deleted] = _export(client_as(auditor), request_id="req-delete-0001")
    assert deleted["action"] == "deleted"
    assert deleted["changes"] == {"team_id": {"old": membership.team_id, "new": None},
                                  "user_id": {"old": other_officer.pk, "new": None},
                                  "is_leader": {"old": False, "new": None}}


def test_a_password_change_shows_no_password(client_as, auditor, officer):
    officer.set_password("another-long-password-2026")
    with _as(officer, "req-password-01"):
        save_attributed(officer, user=officer, reason="Changed password")
    [row] = _export(client_as(auditor), request_id="req-password-01")
    assert row["model"] == get_user_model()._meta.label_lower
    assert row["changes"] == {}
    everything = _export(client_as(auditor), model=row["model"])
    assert not any("password" in r["changed_fields"] or "last_login" in r["changed_fields"] for r in everything)
    assert "pbkdf2" not in json.dumps(everything)


def test_the_changes_cost_the_same_queries_for_a_batch_of_any_size(officer, north_team):
    clients = [ClientFactory(team=north_team) for _ in range(3)]

    def change_all(times):
        for n in range(times):
            for client in clients:
                services.client_update(acting_user=officer, client=client, reason=f"Change {n}",
                                       phone=f"01632 9{n:05d}")

    def queries_for_export():
        rows = list(history_rows(wanted=HistoryFilter(model="people.client")))
        with CaptureQueriesContext(connection) as captured:
            out = list(jsonl_chunks(iter(rows), batch=1000))
        return len(captured.captured_queries), out

    change_all(2)
    few, _ = queries_for_export()
    change_all(20)
    many, out = queries_for_export()
    assert few == many == 2  # this batch's rows with their previous rows' ids, then those previous rows
    last = json.loads(out[0].splitlines()[0])
    assert last["changes"] == {"phone": {"old": "01632 900018", "new": "01632 900019"}}


def test_rows_the_history_no_longer_holds_change_nothing():
    rows = [{"audit_model": "people.client", "audit_history_id": 987654321}]
    assert history_changes(rows) == {}
    user_model = get_user_model()._meta.label_lower
    assert history_changes([{"audit_model": user_model, "audit_history_id": 1}]) == {}
