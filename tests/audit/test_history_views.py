"""The auditors' change-history explorer: who may see it, what it lists and how it filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.selectors import HistoryFilter, history_rows, history_sources
from core.models import JobRun
from people.models import Client, Note

pytestmark = pytest.mark.django_db

PAGES = ["audit:history", "audit:export", "audit:record-access"]


# --- who may look ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 403), ("team_leader", 403), ("other_officer", 403), ("auditor", 200), ("administrator", 200)],
)
def test_only_auditors_and_administrators_may_look(request, client_as, name, persona, status):
    user = request.getfixturevalue(persona)
    response = client_as(user).get(reverse(name))
    assert response.status_code == status


@pytest.mark.parametrize("name", PAGES)
def test_signed_out_people_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_history_cannot_be_posted_to(client_as, administrator):
    assert client_as(administrator).post(reverse("audit:history")).status_code == 405


# --- what it lists -----------------------------------------------------------------------------

def test_every_audited_model_is_a_source():
    labels = {source.label for source in history_sources()}
    assert {"people.client", "people.task", "people.note", "people.notification", "core.jobrun", "auth.user"} <= labels
    client_source = next(s for s in history_sources() if s.label == "people.client")
    assert client_source.client_column == "id"
    assert next(s for s in history_sources() if s.label == "people.note").client_column == "client_id"
    assert next(s for s in history_sources() if s.label == "core.jobrun").client_column is None


def test_the_page_shows_who_did_what_when_and_why(client_as, auditor, changes):
    response = client_as(auditor).get(reverse("audit:history"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Olivia Officer" in page
    assert "Daughter phoned with new number" in page
    assert "req-olivia-0001" in page
    assert "System (scheduled jobs)" in page
    assert "Started attempt 1 (job: deadlines)" in page
    assert "Margaret Thornton (ASC-" in page  # the client record described as it was
    entries = response.context["entries"]
    assert entries[0].at >= entries[-1].at  # newest first
    changed = next(e for e in entries if e.request_id == "req-olivia-0001" and e.model == "people.client")
    assert changed.action == "~" and changed.action_name == "Changed"
    assert changed.client_reference == changes["north"].council_reference
    assert changed.object_id == str(changes["north"].pk)


def test_filter_by_client_keeps_its_own_records_and_leaves_out_the_rest(client_as, auditor, changes):
    north = changes["north"]
    response = client_as(auditor).get(reverse("audit:history"), {"client": north.council_reference.lower()})
    assert response.status_code == 200
    entries = response.context["entries"]
    assert entries
    assert {e.client_reference for e in entries} == {north.council_reference}
    assert {"people.client", "people.note", "people.allocation"} <= {e.model for e in entries}
    assert "core.jobrun" not in {e.model for e in entries}
    assert "req-owen-0002" not in {e.request_id for e in entries}


def test_filter_by_kind_of_record_and_record_number(client_as, auditor, changes):
    note = Note.objects.get()
    response = client_as(auditor).get(reverse("audit:history"), {"model": "people.note", "record": str(note.pk)})
    entries = response.context["entries"]
    assert [(e.model, e.object_id, e.action) for e in entries] == [("people.note", str(note.pk), "+")]
    assert entries[0].object_label.startswith("Case note on")


def test_filter_by_user_name_or_username(client_as, auditor, changes):
    for value in ("olivia", "Olivia Off", "OLIVIA"):
        entries = client_as(auditor).get(reverse("audit:history"), {"user": value}).context["entries"]
        assert entries, value
        assert {e.user_name for e in entries} == {"Olivia Officer"}, value
        assert {e.request_id for e in entries} == {"req-olivia-0001"}


def test_filter_by_request_id(client_as, auditor, changes):
    entries = client_as(auditor).get(reverse("audit:history"), {"request_id": "req-owen-0002"}).context["entries"]
    assert [(e.model, e.reason) for e in entries] == [("people.client", "Spelling corrected")]


@pytest.fixture
def owen_changed_in_january(request):
    """The ``changes``, with Owen's made last January: history cannot be edited afterwards (23H01), so the
    row is dated as it is written."""
    from simple_history.signals import pre_create_historical_record

    def backdate(sender, history_instance, **kwargs):
        if history_instance.request_id == "req-owen-0002":
            history_instance.history_date = timezone.make_aware(dt.datetime(2026, 1, 15, 10, 30))

    pre_create_historical_record.connect(backdate)
    try:
        request.getfixturevalue("changes")
    finally:
        pre_create_historical_record.disconnect(backdate)


def test_filter_by_date_range(client_as, auditor, owen_changed_in_january):
    # One change made last January, the rest today.
    assert Client.history.get(request_id="req-owen-0002").history_date.month == 1

    def between(start: dt.date, end: dt.date):
        params = {
            "date_from_0": start.day, "date_from_1": start.month, "date_from_2": start.year,
            "date_to_0": end.day, "date_to_1": end.month, "date_to_2": end.year,
        }
        response = client_as(auditor).get(reverse("audit:history"), params)
        assert response.status_code == 200
        return response.context["entries"]

    january = between(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert [e.request_id for e in january] == ["req-owen-0002"]
    assert between(dt.date(2026, 1, 16), dt.date(2026, 1, 31)) == []
    assert [e.request_id for e in between(dt.date(2026, 1, 15), dt.date(2026, 1, 15))] == ["req-owen-0002"]
    today = timezone.localdate()
    recent = between(today - dt.timedelta(days=1), today)
    assert recent and "req-owen-0002" not in {e.request_id for e in recent}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"client": "ASC-999999"}, "client", "No client has that council reference"),
        ({"record": "12"}, "model", "Choose the kind of record"),
        ({"model": "people.client", "record": "twelve"}, "record", "Enter the record number in figures"),
        ({"model": "not.a.model"}, "model", "Select a valid choice"),
        ({"date_from_0": "31", "date_from_1": "1", "date_from_2": "2026",
          "date_to_0": "1", "date_to_1": "1", "date_to_2": "2026"}, "date_to", "must be the same as or after"),
        ({"date_from_0": "31", "date_from_1": "2", "date_from_2": "2026"}, "date_from", "must be a real date"),
    ],
)
def test_bad_filters_are_explained_and_nothing_is_listed(client_as, auditor, changes, params, field, message):
    response = client_as(auditor).get(reverse("audit:history"), params)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert response.context["page"] is None
    assert "There is a problem" in response.content.decode()


def test_the_history_is_paged(client_as, auditor, changes):
    JobRun.history.model.objects.bulk_create([
        JobRun.history.model(
            id=1000 + n, job="statements", period=f"2026-{n:04d}", status="succeeded", attempts=1,
            started_at=timezone.now(), total=0, done=0, summary={}, error="", history_date=timezone.now(),
            history_type="+", history_user_name="System (scheduled jobs)", request_id="job:statements:bulk",
        )
        for n in range(60)
    ])
    total = history_rows(wanted=HistoryFilter()).count()
    assert total > 60
    first = client_as(auditor).get(reverse("audit:history"), {"model": "core.jobrun"})
    second = client_as(auditor).get(reverse("audit:history"), {"model": "core.jobrun", "page": 2})
    assert len(first.context["entries"]) == 50
    assert first.context["page"].paginator.count == JobRun.history.count()
    assert len(second.context["entries"]) == JobRun.history.count() - 50
    assert not {e.history_id for e in first.context["entries"]} & {e.history_id for e in second.context["entries"]}
    assert "page=2" in first.content.decode()  # the pagination links keep the filters
    assert "model=core.jobrun" in first.content.decode()


def test_a_page_of_history_takes_a_bounded_number_of_queries(client_as, auditor, changes, django_assert_max_num_queries):
    """Sign-in and layout (about 8), the count and the page, then at most one per kind of record on
    the page: never one per row."""
    from people import services

    for n in range(20):
        services.note_add(acting_user=changes["officer"], client=changes["north"], text=f"Note {n}")
    c = client_as(auditor)
    with django_assert_max_num_queries(10 + len(history_sources())):
        response = c.get(reverse("audit:history"))
    assert response.status_code == 200
    assert len(response.context["entries"]) > 30
