"""Exports of the change history: CSV and JSON Lines, the page's filters, streamed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from audit.exports import FIELDS, csv_chunks, export_chunks
from audit.selectors import HistoryFilter, history_rows
from core.context import Actor, acting
from core.models import JobRun
from people import services
from people.models import Client

pytestmark = pytest.mark.django_db


def _download(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def _csv(browser, **params) -> list[dict]:
    response = browser.get(reverse("audit:export"), {"format": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="change-history-')
    assert response["Content-Disposition"].endswith('.csv"')
    text = _download(response)
    assert text.splitlines()[0] == ",".join(FIELDS)
    return list(csv.DictReader(io.StringIO(text)))


def _jsonl(browser, **params) -> list[dict]:
    response = browser.get(reverse("audit:export"), {"format": "jsonl", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    return [json.loads(line) for line in _download(response).splitlines()]


def test_csv_has_every_row_newest_first(client_as, auditor, changes):
    rows = _csv(client_as(auditor))
    assert len(rows) == history_rows(wanted=HistoryFilter()).count()
    assert [r["when"] for r in rows] == sorted((r["when"] for r in rows), reverse=True)
    changed = next(r for r in rows if r["request_id"] == "req-olivia-0001" and r["model"] == "people.client")
    assert changed == {
        "when": changed["when"],
        "user": "Olivia Officer",
        "user_id": str(changes["officer"].pk),
        "action": "changed",
        "history_type": "~",
        "model": "people.client",
        "record_id": str(changes["north"].pk),
        "client_reference": changes["north"].council_reference,
        "reason": "Daughter phoned with new number",
        "request_id": "req-olivia-0001",
        "history_id": changed["history_id"],
        "changed_fields": "phone",
        "changes": json.dumps({"phone": {"old": "", "new": "01632 960555"}}),
    }
    assert timezone.datetime.fromisoformat(changed["when"]).utcoffset() is not None


def test_jsonl_has_the_same_rows_as_csv(client_as, administrator, changes):
    c = client_as(administrator)
    as_csv = _csv(c)
    as_jsonl = _jsonl(c)
    assert [(r["model"], r["history_id"]) for r in as_jsonl] == [(r["model"], int(r["history_id"])) for r in as_csv]
    job = next(r for r in as_jsonl if r["model"] == "core.jobrun" and r["history_type"] == "+")
    assert job["client_reference"] == ""
    assert job["user"] == "System (scheduled jobs)"
    assert job["request_id"].startswith("job:deadlines:")


def test_exports_apply_the_pages_filters(client_as, auditor, changes):
    c = client_as(auditor)
    north = changes["north"].council_reference
    by_client = _jsonl(c, client=north)
    assert by_client and {r["client_reference"] for r in by_client} == {north}
    assert {r["model"] for r in by_client} >= {"people.client", "people.note", "people.allocation"}
    assert [r["reason"] for r in _csv(c, user="owen")] == ["Spelling corrected"]
    assert {r["model"] for r in _jsonl(c, model="core.jobrun")} == {"core.jobrun"}
    assert {r["request_id"] for r in _csv(c, request_id="req-olivia-0001")} == {"req-olivia-0001"}


def test_a_bad_filter_or_format_exports_nothing(client_as, auditor, changes):
    c = client_as(auditor)
    assert c.get(reverse("audit:export"), {"format": "csv", "client": "ASC-999999"}).status_code == 400
    response = c.get(reverse("audit:export"), {"format": "xlsx"})
    assert response.status_code == 400
    assert not isinstance(response, StreamingHttpResponse)


def test_text_people_typed_cannot_become_a_spreadsheet_formula(client_as, auditor, officer, north_client):
    with acting(Actor(user=officer, correlation_id="req-formula-01")):
        services.client_update(acting_user=officer, client=north_client, reason='=HYPERLINK("http://x","y")',
                               phone="01632 960999")
    rows = _csv(client_as(auditor), request_id="req-formula-01")
    assert [r["reason"] for r in rows] == ['\'=HYPERLINK("http://x","y")']
    assert [r["reason"] for r in _jsonl(client_as(auditor), request_id="req-formula-01")] == [
        '=HYPERLINK("http://x","y")'
    ]


def test_the_export_is_made_in_pieces_from_a_cursor():
    """5,000 rows come out in many pieces, read from the database in chunks, never all at once."""
    history = JobRun.history.model
    now = timezone.now()
    history.objects.bulk_create(
        [
            history(id=n, job="statements", period=f"p{n}", status="succeeded", attempts=1, started_at=now,
                    total=0, done=0, summary={}, error="", history_date=now, history_type="+",
                    history_user_name="System (scheduled jobs)", request_id="job:statements:bulk")
            for n in range(5000)
        ],
        batch_size=1000,
    )
    queryset = history_rows(wanted=HistoryFilter(model="core.jobrun"))
    pieces = export_chunks(queryset, "csv")
    first = next(pieces)  # the header goes out before any row is read
    assert first.startswith("when,user,")
    rest = [next(pieces)]
    with connection.cursor() as cursor:  # the rows come through a server-side cursor, still open
        cursor.execute("SELECT count(*) FROM pg_cursors WHERE name LIKE '_django_curs_%%'")
        assert cursor.fetchone()[0] == 1
    rest += list(pieces)
    assert len(rest) >= 10  # written a batch at a time
    assert sum(piece.count("\r\n") for piece in rest) == 5000
    assert max(len(piece) for piece in rest) < len("".join(rest)) / 5


def test_csv_pieces_are_batches_of_rows():
    rows = [
        {"audit_at": timezone.now(), "audit_model": "core.jobrun", "audit_history_id": n, "audit_action": "+",
         "audit_user_id": None, "audit_user_name": "", "audit_reason": None, "audit_request_id": "",
         "audit_object_id": str(n), "audit_client_id": None, "audit_client_ref": None}
        for n in range(1200)
    ]
    pieces = list(csv_chunks(iter(rows), batch=500))
    assert [piece.count("\r\n") for piece in pieces] == [1, 500, 500, 200]


def test_client_reference_is_the_clients_current_one(client_as, auditor, north_client):
    Client.objects.filter(pk=north_client.pk).update(council_reference="ASC-777777")
    rows = _jsonl(client_as(auditor), client="ASC-777777")
    assert rows and {r["client_reference"] for r in rows} == {"ASC-777777"}
