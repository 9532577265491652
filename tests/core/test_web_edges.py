"""The web's edges: the Content-Security-Policy and no inline script, nothing personal kept in a cache,
page numbers checked, and sign-in throttled per user, per address and per username."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import Client as BrowserClient
from django.urls import reverse

from tests.test_permission_matrix import EXPECT, PERSONAS, _url, expected, world  # noqa: F401 (world: fixture)

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
TEMPLATE_DIRS = [Path(django_settings.BASE_DIR) / "templates",
                 *sorted(Path(django_settings.BASE_DIR).glob("*/templates"))]


def script_problems(where: str, html: str) -> list[str]:
    return ([f"{where}: inline <script>: {m.group(0)}" for m in INLINE_SCRIPT.finditer(html)]
            + [f"{where}: inline event handler: {m.group(0)[:80]}" for m in EVENT_HANDLER.finditer(html)])


# --- Content-Security-Policy ---------------------------------------------------------------------------


def test_no_template_has_inline_script_or_event_handlers():
    templates = [path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html")]
    assert len(templates) > 50  # the scan found our templates
    problems = [problem for path in templates for problem in script_problems(str(path), path.read_text())]
    assert not problems, "\n".join(problems)


def test_the_scan_finds_what_it_looks_for():
    assert script_problems("x", "<p>a</p><script>alert(1)</script>")
    assert script_problems("x", '<button type="submit" onclick="go()">Go</button>')
    assert not script_problems("x", '<script type="module" src="/static/js/init.js"></script><p>only on=Monday</p>')


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_pages_send_a_policy_with_no_inline_script(client_as, officer):
    response = client_as(officer).get("/clients/")
    rules = policy(response)
    assert rules["script-src"] == ["'self'"]
    assert rules["default-src"] == ["'self'"] and rules["object-src"] == ["'none'"]
    assert rules["frame-ancestors"] == ["'none'"]
    assert not script_problems("/clients/", response.content.decode())


def test_the_sign_in_page_and_the_api_send_the_policy_too(client):
    assert policy(client.get(reverse("login")))["script-src"] == ["'self'"]
    assert policy(client.get("/api/v1/clients/"))["default-src"] == ["'self'"]


def test_the_api_docs_loosen_styles_only(client_as, officer):
    web = client_as(officer)
    for url in ("/api/docs/", "/api/redoc/"):
        response = web.get(url)
        assert response.status_code == 200
        rules = policy(response)
        assert rules["script-src"] == ["'self'"] and "'unsafe-inline'" in rules["style-src"]
        assert not INLINE_SCRIPT.search(response.content.decode()), url
    # Swagger UI's start-up script is a file of its own, on our origin.
    script = web.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


# --- every URL: no-store and the policy -----------------------------------------------------------------


def _reader(name, spec, scope):
    """Someone who may open the URL (so the answer is the page itself), else the administrator."""
    for persona in PERSONAS:
        want = expected(name, spec, "GET", persona, scope)
        if isinstance(want, set) and want - {403, 404, 405}:
            return persona
    return "administrator"


def test_every_answer_to_a_signed_in_person_is_not_stored(world):  # noqa: F811
    problems = []
    browsers = {}
    for name, spec in sorted(EXPECT.items()):
        for scope in spec.scopes or (None,):
            persona = _reader(name, spec, scope)
            if persona not in browsers:
                browsers[persona] = BrowserClient()
                browsers[persona].force_login(world.users[persona])
            url = _url(name, spec, world, scope)
            response = browsers[persona].get(url)
            where = f"{persona} GET {url} ({response.status_code})"
            if "no-store" not in response.get("Cache-Control", ""):
                problems.append(f"{where}: Cache-Control {response.get('Cache-Control')!r}")
            if "Content-Security-Policy" not in response:
                problems.append(f"{where}: no Content-Security-Policy")
            if response.get("Content-Type", "").startswith("text/html"):
                problems += script_problems(where, response.content.decode())
    assert not problems, "\n".join(problems)


def test_api_answers_are_not_stored_even_when_signed_out(client):
    response = client.get("/api/v1/clients/")
    assert response.status_code in (401, 403)
    assert "no-store" in response["Cache-Control"]


# --- page numbers ---------------------------------------------------------------------------------------

PAGED = [("people:client-search", "ca_officer", None), ("people:contact-list", "ca_officer", None),
         ("people:notifications", "ca_officer", None), ("charging:assessments", "ch_leader", None),
         ("audit:history", "auditor", None), ("audit:record-access", "auditor", None),
         ("administration:users", "administrator", None), ("ledger:suspense", "ca_leader", None),
         ("ledger:imports", "ca_leader", None), ("ledger:import-detail", "ca_leader", None),
         ("ledger:client-money", "ca_leader", "ca"), ("ledger:pooled-account", "ca_leader", None)]


@pytest.mark.parametrize("name, persona, scope", PAGED)
def test_a_page_number_that_is_not_a_page_is_a_400(world, name, persona, scope):  # noqa: F811
    browser = BrowserClient()
    browser.force_login(world.users[persona])
    url = _url(name, EXPECT[name], world, scope)
    joiner = "&" if "?" in url else "?"
    assert browser.get(f"{url}{joiner}page=1").status_code == 200
    answers = {value: browser.get(f"{url}{joiner}page={value}").status_code
               for value in ("abc", "-1", "0", "1.5", "99999999999999999999", "1e400", "9999999")}
    assert answers == dict.fromkeys(answers, 400), answers
    page = browser.get(f"{url}{joiner}page=abc").content.decode()
    assert "There is no page" in page


# --- sign-in throttling ---------------------------------------------------------------------------------


def _sign_in(browser, username, password, address):
    return browser.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_many_usernames_from_one_address_lock_the_address(client, officer, team_leader, password, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 8
    for n in range(7):  # made-up usernames, each failing once: under the per-user limit every time
        assert _sign_in(client, f"guess{n}", "wrong", "10.0.0.66").status_code == 200
    assert _sign_in(client, "guess7", "wrong", "10.0.0.66").status_code == 429  # the eighth locks the address
    locked = _sign_in(client, "olivia", password, "10.0.0.66")
    assert locked.status_code == 429
    assert "Try again in 30 minutes" in locked.content.decode()
    assert _sign_in(BrowserClient(), "tom", password, "10.0.0.7").status_code == 302  # another machine


def test_one_address_under_its_limit_is_not_locked(client, officer, password, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 8
    for n in range(7):
        _sign_in(client, f"guess{n}", "wrong", "10.0.0.66")
    assert _sign_in(client, "olivia", password, "10.0.0.66").status_code == 302


def test_one_username_from_many_addresses_locks_the_username(officer, password, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_USERNAME = 6
    for n in range(5):  # one failure from each of five machines: under the per-address limits
        assert _sign_in(BrowserClient(), "olivia", "wrong", f"10.0.1.{n}").status_code == 200
    assert _sign_in(BrowserClient(), "olivia", "wrong", "10.0.1.5").status_code == 429  # the sixth locks it
    assert _sign_in(BrowserClient(), "olivia", password, "10.0.2.1").status_code == 429


def test_signing_in_to_ones_own_account_does_not_clear_the_address(client, officer, team_leader, password,
                                                                    settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 6
    for n in range(5):
        _sign_in(client, f"guess{n}", "wrong", "10.0.0.66")
    assert _sign_in(client, "tom", password, "10.0.0.66").status_code == 302  # the attacker's own account
    client.logout()
    _sign_in(client, "guess9", "wrong", "10.0.0.66")
    assert _sign_in(client, "olivia", password, "10.0.0.66").status_code == 429
    assert AccessAttempt.objects.filter(username="tom").count() == 0  # tom's own failures were cleared


def test_the_lockout_says_how_long_from_the_setting(client, officer, password, settings):
    settings.AXES_COOLOFF_TIME = 2  # hours
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "olivia", "wrong", "10.0.0.5")
    page = _sign_in(client, "olivia", password, "10.0.0.5")
    assert page.status_code == 429
    assert "Your account is locked" in page.content.decode()
    assert "Try again in 2 hours" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, officer, password, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 4
    proxy = "10.9.9.9"  # every request arrives from the proxy
    for n in range(4):  # the attacker also forges an address of their own at the left of the header
        client.post(reverse("login"), {"username": f"guess{n}", "password": "wrong"}, REMOTE_ADDR=proxy,
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.66")
    colleague = BrowserClient().post(reverse("login"), {"username": "olivia", "password": password},
                                     REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert colleague.status_code == 302  # a colleague behind the same proxy is not locked out
    attacker = client.post(reverse("login"), {"username": "olivia", "password": password}, REMOTE_ADDR=proxy,
                           HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert attacker.status_code == 429
