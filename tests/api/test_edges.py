"""The API's edges: every error in the one documented shape, paging that refuses what it cannot serve,
and one 201 for an idempotency key however many callers send it at once."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client as BrowserClient
from django.urls import include, path
from rest_framework.test import APIClient
from rest_framework.views import APIView

from ledger.models import Payment, Transaction
from people.models import Client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KEY = "HTTP_IDEMPOTENCY_KEY"
RECEIPT = {"amount": "187.60", "effective_date": "2026-04-02", "category": "state_pension", "memo": "Pension"}


def assert_error_shape(response, status: int, code: str | None = None) -> dict:
    """The documented shape (core.api; ``Error`` in the schema): JSON with a string ``code`` and
    ``message``, and ``errors``, if present, each field's problems as a list of strings."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) <= {"code", "message", "errors"}, body
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["message"], str) and body["message"]
    for field, messages in body.get("errors", {}).items():
        assert isinstance(field, str)
        assert isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages), body
    if code is not None:
        assert body["code"] == code, body
    return body


# --- every status -----------------------------------------------------------------------------------


def test_400_bad_input_names_nested_fields_by_path(api, officer, north_client):
    body = assert_error_shape(api(officer).post("/api/v1/clients/", {"first_name": "", "address": {"line_1": "x"}},
                                                format="json"), 400, "invalid")
    assert "address.postcode" in body["errors"]


def test_400_a_list_where_an_object_belongs(api, officer):
    body = assert_error_shape(api(officer).post("/api/v1/clients/", ["not", "an", "object"], format="json"), 400)
    assert body["errors"]


def test_400_unreadable_json(api, officer):
    assert_error_shape(api(officer).post("/api/v1/clients/", "{not json", content_type="application/json"), 400)


def test_403_signed_out_and_read_only(api, auditor):
    assert_error_shape(api(None).get("/api/v1/clients/"), 403)
    assert_error_shape(api(auditor).post("/api/v1/clients/", {}, format="json"), 403, "permission_denied")


@pytest.mark.parametrize("url", ["/api/v1/clients/999999/", "/api/v1/clients/not-a-number/", "/api/v1/no-such-thing/",
                                 "/api/v1/clients/99999999999999999999/money/"])
def test_404_in_the_same_shape_whatever_is_missing(api, officer, url):
    assert_error_shape(api(officer).get(url), 404, "not_found")


def test_405(api, officer):
    assert_error_shape(api(officer).delete("/api/v1/clients/"), 405, "method_not_allowed")


def test_413_a_declared_body_over_the_limit(api, officer, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    response = api(officer).post("/api/v1/clients/", {"memo": "x" * 2000}, format="json")
    assert_error_shape(response, 413, "too_large")


def test_413_a_body_too_large_to_read_into_memory(api, officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api(officer).post("/api/v1/clients/", {"memo": "x" * 2000}, format="json")
    assert_error_shape(response, 413, "too_large")


def test_415(api, officer):
    response = api(officer).post("/api/v1/clients/", "first_name=Ann", content_type="text/plain")
    assert_error_shape(response, 415, "unsupported_media_type")


def test_429_locked_out_in_the_api(officer, password, settings):
    browser = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        browser.credentials(HTTP_AUTHORIZATION=_basic(officer.username, "wrong"))
        browser.get("/api/v1/clients/")
    browser.credentials(HTTP_AUTHORIZATION=_basic(officer.username, password))
    response = browser.get("/api/v1/clients/")
    body = assert_error_shape(response, 429, "locked_out")
    assert "30 minutes" in body["message"]
    assert response["Retry-After"] == "1800"


def _basic(username, password):
    import base64

    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


class _Crash(APIView):
    rules = {"read": "people.use_service"}

    def get(self, request):
        raise RuntimeError("an unexpected fault")


def _page_crash(request):
    raise RuntimeError("an unexpected fault")


urlpatterns = [
    path("api/v1/crash/", _Crash.as_view()),
    path("crash/", _page_crash),
    path("", include("config.urls")),
]
handler500 = "core.views.server_error"


@pytest.mark.urls(__name__)
def test_500_in_the_same_shape_and_a_page_for_people(officer):
    browser = BrowserClient(raise_request_exception=False)
    browser.force_login(officer)
    body = assert_error_shape(browser.get("/api/v1/crash/"), 500, "server_error")
    assert "fault" not in body["message"]  # nothing of the fault itself is told
    page = browser.get("/crash/")
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")
    assert "Sorry, there is a problem with the service" in page.content.decode()


# --- paging ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query, parameter", [
    ("limit=abc", "limit"), ("limit=-1", "limit"), ("limit=0", "limit"), ("limit=201", "limit"),
    ("limit=99999999999999999999", "limit"), ("limit=1e3", "limit"), ("offset=-1", "offset"),
    ("offset=abc", "offset"), ("offset=99999999999999999999", "offset"), ("limit=%EF%BC%95", "limit"),
])
@pytest.mark.parametrize("url", ["/api/v1/clients/", "/api/v1/contacts/", "/api/v1/ledger/accounts/",
                                 "/api/v1/charging/assessments/"])
def test_bad_paging_is_a_400_naming_the_parameter(api, team_leader, north_client, url, query, parameter):
    body = assert_error_shape(api(team_leader).get(f"{url}?{query}"), 400, "invalid")
    assert list(body["errors"]) == [parameter]


def test_paging_within_bounds(api, officer, north_team):
    from tests.factories import ClientFactory

    for n in range(3):
        ClientFactory(last_name=f"Paged{n}", team=north_team, team__officer=officer)
    web = api(officer)
    assert [len(web.get(f"/api/v1/clients/?limit=2&offset={o}").json()["results"]) for o in (0, 2, 3)] == [2, 1, 0]
    assert web.get("/api/v1/clients/?limit=200&offset=10000000").status_code == 200


def test_the_schema_gives_the_paging_bounds(api, officer):
    parameters = api(officer).get("/api/schema/", HTTP_ACCEPT="application/json").json()[
        "paths"]["/api/v1/clients/"]["get"]["parameters"]
    limit = next(p for p in parameters if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 200)


# --- idempotency under concurrency --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["receipts", "payments"])
def test_one_key_sent_at_once_by_many_gets_one_201(officer, north_client, kind):
    if kind == "payments":  # money to pay out of
        from ledger import client_money
        from ledger.selectors import receipts_to_confirm

        client_money.client_receipt_record(acting_user=officer, client=north_client, amount=Decimal("500.00"),
                                           effective_date=dt.date(2026, 4, 1), category="state_pension",
                                           idempotency_key="seed")
        from core.roles import Role
        from tests.factories import TeamMembershipFactory

        second = UserFactory(username="second_officer", roles=[Role.OFFICER])
        TeamMembershipFactory(team=north_client.allocations.get().team, user=second)
        for receipt in receipts_to_confirm(client=north_client):
            client_money.receipt_confirm(acting_user=second, receipt=receipt)
    body = RECEIPT if kind == "receipts" else {"amount": "95.00", "effective_date": "2026-04-25",
                                               "category": "care_fees", "payee": "Oakwood Care Home",
                                               "reference": "INV-77"}
    callers = 8
    barrier = threading.Barrier(callers)
    answers: list = [None] * callers

    browsers = []
    for _ in range(callers):  # each caller signed in with a session of their own
        browsers.append(APIClient())
        browsers[-1].force_login(officer)

    def call(n):
        try:
            barrier.wait(10)
            answers[n] = browsers[n].post(f"/api/v1/clients/{north_client.pk}/money/{kind}/", body, format="json",
                                  **{KEY: "same-event"})
        finally:
            connection.close()

    threads = [threading.Thread(target=call, args=(n,)) for n in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] * (callers - 1) + [201], statuses
    assert len({answer.json()["id"] for answer in answers}) == 1
    recorded = Transaction if kind == "receipts" else Payment
    assert recorded.objects.filter(idempotency_key__endswith=":same-event").count() == 1
    assert Client.objects.count() == 1
