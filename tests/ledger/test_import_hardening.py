"""Bank statement imports that cannot leak or flood: another team's clients are not named, the file
waits on disk (not in Redis) and only for its uploader, expired files are purged, and a body larger
than anything we take is refused before it is read."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from ledger import pending, tasks
from ledger.imports import statement_import
from ledger.models import PendingStatement, StatementImport
from people.choices import Service
from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory
from tests.ledger.statements import data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def south_officer(db):
    team = TeamFactory(name="Client affairs (South)", service=Service.CLIENT_AFFAIRS)
    user = UserFactory(username="sunita", first_name="Sunita", last_name="South", roles=[Role.OFFICER])
    TeamMembershipFactory(team=team, user=user)
    return user


def upload(browser, content=None, name="natwest.csv"):
    return browser.post(reverse("ledger:imports"),
                        {"file": SimpleUploadedFile(name, content if content is not None else data(name), "text/csv")})


def test_an_import_names_only_the_clients_the_viewer_may_see(client_as, officer, south_officer, clients):
    record = statement_import(acting_user=officer, file_name="natwest.csv", content=data("natwest.csv"),
                              commit=True).statement_import
    url = reverse("ledger:import-detail", args=[record.pk])

    north = client_as(officer).get(url).content.decode()
    assert "Margaret Thornton" in north and "Arthur Bell" in north

    south = client_as(south_officer).get(url).content.decode()
    assert south.count("Another team's client") == 5  # the lines matched to North's clients
    for secret in ("Thornton", "Arthur Bell", "ASC-100001", "DWP PIP", "ANGLIAN WATER"):
        assert secret not in south, secret
    assert "Suspense" in south  # the lines nobody was matched to are the council's to see


def test_an_upload_waits_on_disk_for_its_uploader_only_not_in_redis(client_as, officer, team_leader, clients,
                                                                     media_root):
    redis_keys_before = set(cache._cache.get_client().keys("*"))
    response = upload(client_as(officer))
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]

    waiting = PendingStatement.objects.get()
    assert waiting.token == token and waiting.uploaded_by == officer and waiting.file_name == "natwest.csv"
    stored = Path(media_root) / waiting.file.name
    assert stored.read_bytes() == data("natwest.csv") and "natwest" not in stored.name
    assert set(cache._cache.get_client().keys("*")) == redis_keys_before  # nothing of it in Redis

    # Someone else with the link finds nothing to import.
    other = client_as(team_leader).post(response["Location"], follow=True)
    assert "That upload has expired or was already imported" in other.content.decode()
    assert StatementImport.objects.count() == 0

    client_as(officer).post(response["Location"])
    assert StatementImport.objects.count() == 1
    assert not PendingStatement.objects.exists() and not stored.exists()


def test_an_expired_upload_cannot_be_imported_and_is_purged_by_the_job(client_as, officer, clients, media_root):
    browser = client_as(officer)
    old = upload(browser)
    fresh = upload(browser)
    expired = PendingStatement.objects.get(token=old["Location"].rstrip("/").rsplit("/", 1)[-1])
    PendingStatement.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    expired_file = Path(media_root) / expired.file.name

    page = browser.post(old["Location"], follow=True).content.decode()
    assert "That upload has expired or was already imported" in page
    assert StatementImport.objects.count() == 0

    assert tasks.pending_statements_purge.apply().get() == {"removed": 1}
    assert tasks.pending_statements_purge.apply().get() == {"removed": 0}  # twice is harmless
    assert not expired_file.exists()
    assert list(PendingStatement.objects.values_list("token", flat=True)) == [
        fresh["Location"].rstrip("/").rsplit("/", 1)[-1]]


def test_a_body_larger_than_anything_we_take_is_refused_before_it_is_read(client_as, officer, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1024 * 1024
    browser = client_as(officer)
    # The declared length is what counts: the middleware answers without reading a byte of the body.
    page = browser.post(reverse("ledger:imports"), data=b"x" * 10, content_type="text/csv",
                        headers={"Content-Length": str(100 * 1024 * 1024)})
    assert page.status_code == 413
    assert "The file is too large" in page.content.decode()
    assert not PendingStatement.objects.exists()

    api = browser.post("/api/v1/ledger/transactions/", data=b"{}", content_type="application/json",
                       headers={"Content-Length": str(100 * 1024 * 1024)})
    assert api.status_code == 413
    assert json.loads(api.content) == {"code": "too_large",
                                       "message": "The request is larger than 1 MB, the most this service accepts."}
