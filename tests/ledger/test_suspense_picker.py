"""Allocating a bank line from suspense with the client picker: a search (GET, no JavaScript) lists the
clients whose money the officer may move, each with a radio button; the allocation posts the chosen
one. Clients of other teams, and clients held by no client affairs team of the officer's, are never
listed, and nothing changes until a listed client and a category are chosen."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import RecordAccess
from ledger.imports import statement_import
from ledger.models import StatementLine, Transaction
from ledger.selectors import available_funds
from people.choices import Service
from people.models import Allocation
from tests.factories import ClientFactory, TeamMembershipFactory
from tests.ledger.statements import data
from tests.ledger.test_views import text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def lines(officer, clients):
    statement_import(acting_user=officer, file_name="natwest.csv", content=data("natwest.csv"), commit=True)
    return StatementLine.objects.filter(status="suspense")


@pytest.fixture
def money_in(lines):
    return lines.get(amount=Decimal("50.00"))  # "UNKNOWN PAYER REF 7781"


def listed(response) -> list[int]:
    """The client ids offered as radio buttons."""
    return [int(v) for v in re.findall(r'<input class="govuk-radios__input" id="[^"]+" name="client" type="radio" '
                                       r'value="(\d+)"', response.content.decode())]


def picker(browser, line, **params):
    return browser.get(reverse("ledger:suspense-allocate", args=[line.pk]), params)


def test_before_a_search_nobody_is_listed(client_as, officer, money_in):
    response = picker(client_as(officer), money_in)
    assert response.status_code == 200
    assert listed(response) == []
    assert 'role="search"' in response.content.decode() and 'method="get"' in response.content.decode()


@pytest.mark.parametrize("typed", ["100001", "ASC-100001", "asc100001", "asc 100001"])
def test_search_by_the_reference_with_or_without_its_prefix(client_as, officer, clients, money_in, typed):
    peggy, _arthur, _harold = clients
    assert listed(picker(client_as(officer), money_in, q=typed)) == [peggy.pk]


def test_search_by_name_and_date_of_birth(client_as, officer, clients, money_in):
    peggy, arthur, _harold = clients
    browser = client_as(officer)
    assert listed(picker(browser, money_in, q="thorn")) == [peggy.pk]
    assert listed(picker(browser, money_in, q="mar tho")) == [peggy.pk]
    assert listed(picker(browser, money_in, q="bell")) == [arthur.pk]
    born = arthur.date_of_birth
    assert listed(picker(browser, money_in, dob_0=born.day, dob_1=born.month, dob_2=born.year)) == [arthur.pk]
    page = picker(browser, money_in, q="thorn")
    assert f"{peggy.council_reference}, known as Peggy, born" in text(page)


def test_a_date_of_birth_that_is_not_a_date_is_an_error_and_lists_nobody(client_as, officer, money_in):
    response = picker(client_as(officer), money_in, dob_0="31", dob_1="2", dob_2="1941")
    assert "govuk-error-summary" in response.content.decode()
    assert listed(response) == []


def test_other_teams_clients_are_not_listed(client_as, officer, clients, money_in):
    _peggy, _arthur, harold = clients  # held by the charging team
    assert listed(picker(client_as(officer), money_in, q=harold.council_reference)) == []
    assert listed(picker(client_as(officer), money_in, q="pemberton")) == []


def test_clients_the_officer_sees_but_client_affairs_does_not_hold_are_not_listed(
        client_as, officer, charging_team, clients, money_in):
    """Olivia also works in the charging team, so she sees Harold; but no client affairs team of hers
    holds him, so there is no money of his to allocate to."""
    _peggy, _arthur, harold = clients
    TeamMembershipFactory(team=charging_team, user=officer)
    browser = client_as(officer)
    assert browser.get(harold.get_absolute_url()).status_code == 200
    assert listed(picker(browser, money_in, q="pemberton")) == []
    Allocation.objects.filter(client=harold).update(end_date=dt.date.today() - dt.timedelta(days=1))
    assert listed(picker(browser, money_in, q="pemberton")) == []


def test_a_client_held_by_another_client_affairs_team_is_not_listed(client_as, officer, money_in):
    from tests.factories import TeamFactory

    south = TeamFactory(name="Client affairs (South)", service=Service.CLIENT_AFFAIRS)
    stranger = ClientFactory(first_name="Sidney", last_name="Southgate", team=south)
    assert listed(picker(client_as(officer), money_in, q="southgate")) == []
    assert stranger.pk not in listed(picker(client_as(officer), money_in, q="sid"))


def test_the_chosen_client_is_allocated_the_line_once(client_as, officer, clients, money_in):
    peggy, _arthur, _harold = clients
    browser = client_as(officer)
    url = reverse("ledger:suspense-allocate", args=[money_in.pk]) + "?q=thornton"
    before = available_funds(client=peggy)

    done = browser.post(url, {"client": peggy.pk, "category": "refunds"}, follow=True)

    assert "£50.00 allocated to Margaret Thornton (ASC-100001)" in text(done)
    money_in.refresh_from_db()
    assert (money_in.status, money_in.client, money_in.allocated_by) == ("allocated", peggy, officer)
    assert available_funds(client=peggy) == before + Decimal("50.00")
    assert money_in.history.first().history_user == officer
    # Sent again (a double click), nothing more happens.
    transactions = Transaction.objects.count()
    again = browser.post(url, {"client": peggy.pk, "category": "refunds"}, follow=True)
    assert "is already allocated" in text(again)
    assert Transaction.objects.count() == transactions
    assert available_funds(client=peggy) == before + Decimal("50.00")


def test_nothing_changes_until_a_listed_client_and_a_category_are_chosen(client_as, officer, clients, money_in):
    peggy, arthur, harold = clients
    browser = client_as(officer)
    url = reverse("ledger:suspense-allocate", args=[money_in.pk])
    transactions = Transaction.objects.count()

    unsearched = text(browser.post(url, {"client": peggy.pk, "category": "refunds"}))
    assert "Search for the client the money belongs to, then choose them" in unsearched
    # Another team's client, or one the search did not list, posted by hand.
    assert "Choose a client from the list" in text(browser.post(f"{url}?q=thornton",
                                                                {"client": harold.pk, "category": "refunds"}))
    assert "Choose a client from the list" in text(browser.post(f"{url}?q=thornton",
                                                                {"client": arthur.pk, "category": "refunds"}))
    assert "Choose the client the money belongs to" in text(browser.post(f"{url}?q=thornton",
                                                                         {"category": "refunds"}))
    missing_category = browser.post(f"{url}?q=thornton", {"client": peggy.pk, "category": ""})
    assert "Choose a category" in text(missing_category)
    assert listed(missing_category) == [peggy.pk]  # the search's list is shown again, Peggy still chosen
    assert 'value="{}" checked'.format(peggy.pk) in missing_category.content.decode()

    assert Transaction.objects.count() == transactions
    money_in.refresh_from_db()
    assert money_in.status == "suspense"


def test_money_out_that_would_overdraw_the_client_is_refused_at_the_picker(client_as, officer, clients, lines):
    _peggy, arthur, _harold = clients
    paid_out = lines.get(amount=Decimal("-500.00"))  # more than Arthur has
    url = reverse("ledger:suspense-allocate", args=[paid_out.pk]) + "?q=bell"
    before = available_funds(client=arthur)

    response = client_as(officer).post(url, {"client": arthur.pk, "category": "care_fees"})

    assert "would overdraw their account" in text(response)
    assert 'id="id_client-error"' in response.content.decode()  # at the client chosen
    assert available_funds(client=arthur) == before
    paid_out.refresh_from_db()
    assert paid_out.status == "suspense"


def test_the_clients_listed_are_logged_as_read(client_as, officer, clients, money_in):
    peggy, _arthur, _harold = clients
    picker(client_as(officer), money_in, q="thornton")
    assert list(RecordAccess.objects.filter(user=officer).values_list("client_id", flat=True)) == [peggy.pk]


def test_the_picker_is_for_client_affairs_officers(client_as, other_officer, auditor, money_in):
    assert picker(client_as(other_officer), money_in, q="thornton").status_code == 403
    assert picker(client_as(auditor), money_in, q="thornton").status_code == 403
