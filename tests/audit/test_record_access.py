"""Who viewed a client's record is logged (special-category data under UK GDPR)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import RecordAccess
from audit.services import client_record_viewed

pytestmark = pytest.mark.django_db


def test_the_service_logs_who_looked_and_under_which_request(officer, north_client):
    access = client_record_viewed(user=officer, client=north_client, request_id="req-view-0001")
    access.refresh_from_db()
    assert access.user == officer
    assert access.user_name == "Olivia Officer"
    assert access.client == north_client
    assert access.request_id == "req-view-0001"
    assert access.viewed_at is not None


def test_opening_a_clients_page_is_logged_with_the_requests_id(client_as, officer, north_client):
    response = client_as(officer).get(north_client.get_absolute_url())
    assert response.status_code == 200
    access = RecordAccess.objects.get()
    assert (access.user, access.client) == (officer, north_client)
    assert access.request_id == response["X-Request-ID"]


def test_auditors_looking_are_logged_too(client_as, auditor, north_client):
    client_as(auditor).get(north_client.get_absolute_url())
    client_as(auditor).get(north_client.get_absolute_url())
    assert RecordAccess.objects.filter(user=auditor, client=north_client).count() == 2


def test_a_client_the_user_may_not_see_is_not_shown_and_not_logged(client_as, other_officer, north_client):
    assert client_as(other_officer).get(north_client.get_absolute_url()).status_code == 404
    assert not RecordAccess.objects.exists()


def test_the_access_log_page_lists_and_filters_views(client_as, officer, other_officer, auditor, north_client,
                                                     charging_client):
    client_record_viewed(user=officer, client=north_client, request_id="req-view-0001")
    client_record_viewed(user=other_officer, client=charging_client, request_id="req-view-0002")
    c = client_as(auditor)

    everything = c.get(reverse("audit:record-access"))
    assert everything.status_code == 200
    assert [a.request_id for a in everything.context["page"]] == ["req-view-0002", "req-view-0001"]
    assert "Olivia Officer" in everything.content.decode()

    by_client = c.get(reverse("audit:record-access"), {"client": north_client.council_reference})
    assert [a.request_id for a in by_client.context["page"]] == ["req-view-0001"]
    by_user = c.get(reverse("audit:record-access"), {"user": "owen"})
    assert [a.request_id for a in by_user.context["page"]] == ["req-view-0002"]
    assert c.get(reverse("audit:record-access"), {"client": "ASC-000000"}).status_code == 400
