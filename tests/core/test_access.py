"""Sign-in, lockout, session expiry, request ids and the auditor's read-only rule."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_pages_need_sign_in(client):
    response = client.get("/clients/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_in_with_good_password_reaches_my_work(client, officer, password):
    response = client.post(reverse("login"), {"username": "olivia", "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("my-work")


def test_bad_password_gives_a_clear_message(client, officer):
    response = client.post(reverse("login"), {"username": "olivia", "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, officer, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "olivia", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "olivia", "password": password})
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, officer, team_leader, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "olivia", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "tom", "password": password})
    assert response.status_code == 302


def test_session_expires_after_inactivity(client, officer, password, settings):
    client.post(reverse("login"), {"username": "olivia", "password": password})
    assert client.get("/clients/").status_code == 200
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/clients/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_every_response_carries_a_request_id(client_as, officer):
    response = client_as(officer).get("/clients/")
    assert len(response["X-Request-ID"]) == 32


def test_a_well_formed_incoming_request_id_is_kept(client_as, officer):
    response = client_as(officer).get("/clients/", HTTP_X_REQUEST_ID="gateway-1234abcd")
    assert response["X-Request-ID"] == "gateway-1234abcd"


@pytest.mark.parametrize("path", ["/clients/add/", "/clients/", "/api/v1/clients/", "/"])
def test_auditor_post_is_refused_anywhere(client_as, auditor, path):
    response = client_as(auditor).post(path, {"first_name": "X"})
    assert response.status_code == 403


def test_auditor_can_sign_out(client_as, auditor):
    c = client_as(auditor)
    response = c.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in c.session
