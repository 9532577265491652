"""Shared fixtures: named personas on two teams, their clients, and the browser set-up.

- ``officer`` (Olivia Officer) and ``team_leader`` (Tom Leader) are in the North client affairs team;
- ``other_officer`` (Owen Other) is in the charging team and must never see North's clients;
- ``auditor`` (Ada Auditor) reads everything and changes nothing;
- ``administrator`` sees everything.
"""

from __future__ import annotations

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.roles import Role
from people.choices import Service
from tests.factories import PASSWORD, ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# --- the two database roles (core/database_roles.py) -------------------------------------------
#
# The test database is created and migrated by the owner role, as `manage.py migrate` would; tests
# then run as the application role, as the web server and the worker do, except those marked
# ``db_owner`` (the few that show a trigger holds even for the owner). Django's flush after a
# transactional test runs as the owner (core/management/commands/flush.py).

_role_for_this_test = "app"


def _use_role(role: str) -> None:
    from django.db import connection

    from core.database_roles import use_role

    use_role(connection, role)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    global _role_for_this_test
    _role_for_this_test = "owner" if item.get_closest_marker("db_owner") else "app"
    _use_role(_role_for_this_test)
    yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    from django.db import connection

    from core.database_roles import hand_test_database_to_owner

    _use_role("owner")
    hand_test_database_to_owner(connection.settings_dict, connection.creation._get_test_db_name())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    _use_role(_role_for_this_test)
    yield
    _use_role("owner")  # the owner drops the test database


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def north_team(db):
    return TeamFactory(name="Client affairs (North)", service=Service.CLIENT_AFFAIRS)


@pytest.fixture
def charging_team(db):
    return TeamFactory(name="Financial assessment", service=Service.CHARGING)


def _member(team, **kwargs):
    user = UserFactory(**kwargs)
    TeamMembershipFactory(team=team, user=user, is_leader=Role.TEAM_LEADER in kwargs.get("roles", []))
    return user


@pytest.fixture
def officer(north_team):
    return _member(north_team, username="olivia", first_name="Olivia", last_name="Officer", roles=[Role.OFFICER])


@pytest.fixture
def team_leader(north_team):
    return _member(north_team, username="tom", first_name="Tom", last_name="Leader", roles=[Role.TEAM_LEADER])


@pytest.fixture
def other_officer(charging_team):
    return _member(charging_team, username="owen", first_name="Owen", last_name="Other", roles=[Role.OFFICER])


@pytest.fixture
def charging_leader(charging_team):
    """Leah Lead, team leader of the financial assessment team."""
    return _member(charging_team, username="leah", first_name="Leah", last_name="Lead", roles=[Role.TEAM_LEADER])


@pytest.fixture
def auditor(db):
    return UserFactory(username="ada", first_name="Ada", last_name="Auditor", roles=[Role.AUDITOR])


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin1", first_name="Alex", last_name="Admin", roles=[Role.ADMINISTRATOR])


@pytest.fixture
def north_client(north_team, officer):
    return ClientFactory(
        first_name="Margaret", last_name="Thornton", preferred_name="Peggy", team=north_team,
        team__officer=officer,
    )


@pytest.fixture
def charging_client(charging_team, other_officer):
    return ClientFactory(first_name="Harold", last_name="Pemberton", team=charging_team, team__officer=other_officer)


@pytest.fixture
def client_as(client):
    """``client_as(user)`` gives Django's test client signed in as ``user``."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# --- browser tests (pytest-playwright driving Debian's Chromium) -------------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    }


SERIOUS = {"serious", "critical"}


@pytest.fixture
def sign_in(live_server, password):
    def do(page, user):
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return do


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the page as it is now; fail on any serious or critical violation."""

    def check(page):
        results = axe.run(page)
        bad = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
        detail = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in bad
        )
        assert not bad, f"Accessibility problems on {page.url}:\n{detail}"
        return results

    return check


# Clients whose council references appear in the sample bank statements (tests/ledger/data/).
@pytest.fixture
def peggy(north_client):
    north_client.council_reference = "ASC-100001"
    north_client.save()
    return north_client


@pytest.fixture
def arthur(north_team, officer):
    return ClientFactory(council_reference="ASC-100002", first_name="Arthur", last_name="Bell", team=north_team,
                         team__officer=officer)


@pytest.fixture
def harold(charging_client):
    charging_client.council_reference = "ASC-100003"
    charging_client.save()
    return charging_client


@pytest.fixture
def clients(peggy, arthur, harold):
    return peggy, arthur, harold


# --- reference data that Django's flush removes -------------------------------------------------

def _uses_transactional_db(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _rates_after_flush(request):
    """A transactional test (a real worker, a browser) ends by emptying every table, taking with them
    the charging rates that a data migration seeded. Put them back, exactly as the migration does,
    for any test that runs on a transactional database."""
    if not _uses_transactional_db(request):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    import_module("charging.migrations.0002_seed_rates").seed(apps, None)
    import_module("charging.migrations.0009_seed_benefit_rates").seed(apps, None)
