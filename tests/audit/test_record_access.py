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


# --- every read of a client's data, not only the client page ---------------------------------------

from tests.charging.conftest import care_home, make_assessment, resident  # noqa: E402,F401 (fixtures)


@pytest.fixture
def api(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def _logged(user) -> list[tuple[int, str, str]]:
    return list(RecordAccess.objects.filter(user=user).order_by("id").values_list("client_id", "kind", "path"))


def test_money_charging_and_casework_pages_are_logged_as_pages(client_as, other_officer, make_assessment):
    assessment = make_assessment("submitted")
    client = assessment.client
    browser = client_as(other_officer)
    paths = [reverse("ledger:client-money", args=[client.pk]), reverse("charging:client-charging", args=[client.pk]),
             reverse("charging:assessment-detail", args=[assessment.pk]),
             reverse("casework:appeal-list", args=[client.pk])]
    for path in paths:
        assert browser.get(path).status_code == 200
    assert _logged(other_officer) == [(client.pk, "page", path) for path in paths]


def test_api_reads_are_logged_as_the_api_with_each_client_a_list_shows(api, officer, north_client, arthur):
    web = api(officer)
    detail = f"/api/v1/clients/{north_client.pk}/"
    assert web.get(detail).status_code == 200
    assert web.get(f"/api/v1/clients/{north_client.pk}/money/").status_code == 200
    assert web.get("/api/v1/clients/").status_code == 200
    logged = _logged(officer)
    assert logged[:2] == [(north_client.pk, "api", detail), (north_client.pk, "api", detail + "money/")]
    assert {(client_id, kind) for client_id, kind, path in logged[2:]} == {(north_client.pk, "api"), (arthur.pk, "api")}


def test_a_document_download_is_logged_as_a_download(client_as, officer, north_client, tmp_path, settings):
    import hashlib

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from documents.models import Document

    settings.MEDIA_ROOT = tmp_path
    content = b"%PDF-1.4 letter"
    document = Document(client=north_client, kind="contact_details", title="Contact details",
                        template_name="documents/letters/contact_details.html", template_version="1",
                        request_key="access-log-1", requested_by=officer, status="ready",
                        sha256=hashlib.sha256(content).hexdigest(), size=len(content), rendered_at=timezone.now())
    document.file.save("letter.pdf", ContentFile(content), save=False)
    document.save()
    path = reverse("documents:download", args=[document.pk])
    response = client_as(officer).get(path)
    assert response.status_code == 200
    assert _logged(officer) == [(north_client.pk, "download", path)]


def test_refused_and_missing_reads_leave_no_trace(client_as, api, other_officer, north_client):
    assert client_as(other_officer).get(reverse("ledger:client-money", args=[north_client.pk])).status_code == 404
    assert api(other_officer).get(f"/api/v1/clients/{north_client.pk}/money/").status_code == 404
    assert not RecordAccess.objects.exists()
