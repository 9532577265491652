"""Client search, the client's page, and adding and changing clients and addresses."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import RecordAccess
from people import services
from people.models import Address, Allocation, Client, ClientContact, Note, Task
from tests.factories import ClientContactFactory, ClientFactory, nhs_number
from tests.people.pages import date_parts, error_summary, field_error, row_counts

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def new_client_form(**overrides) -> dict:
    data = {
        "title": "Mrs", "first_name": "Edith", "middle_names": "May", "last_name": "Clarke",
        "preferred_name": "Edie", **date_parts("date_of_birth", dt.date(1938, 3, 27)),
        "nhs_number": "943 476 5919", "phone": "0113 496 0000", "email": "edie@example.com",
        "line_1": "12 Elm Road", "line_2": "", "town": "Leeds", "county": "West Yorkshire", "postcode": "ls1 4ap",
        **date_parts("address_start_date", dt.date(2019, 6, 1)),
    }
    data.update(overrides)
    return data


def edit_form(client: Client, **overrides) -> dict:
    data = {
        "title": client.title, "first_name": client.first_name, "middle_names": client.middle_names,
        "last_name": client.last_name, "preferred_name": client.preferred_name,
        **date_parts("date_of_birth", client.date_of_birth), "nhs_number": client.nhs_number,
        "phone": client.phone, "email": client.email, **date_parts("date_of_death", d="", m="", y=""),
        "reason": "Daughter phoned with new number",
    }
    data.update(overrides)
    return data


# --- search -------------------------------------------------------------------------------------

@pytest.fixture
def caseload(north_team, officer, north_client, charging_client):
    """North's clients beside Margaret Thornton, and one on the charging team's caseload."""
    return {
        "martin": ClientFactory(first_name="Martin", last_name="Thompson", date_of_birth=dt.date(1941, 5, 2),
                                team=north_team),
        "arthur": ClientFactory(first_name="Arthur", last_name="Bennett", date_of_birth=dt.date(1941, 5, 2),
                                team=north_team),
        "margaret": north_client,
        "harold": charging_client,
    }


def names_found(response) -> set[str]:
    return {client.last_name for client in response.context["page"].object_list}


def test_search_by_parts_of_first_and_last_name(client_as, officer, caseload):
    response = client_as(officer).get(reverse("people:client-search"), {"q": "mar tho"})
    assert response.status_code == 200
    assert names_found(response) == {"Thornton", "Thompson"}
    assert "2 clients found" in response.content.decode()


def test_search_by_preferred_name(client_as, officer, caseload):
    response = client_as(officer).get(reverse("people:client-search"), {"q": "peggy"})
    assert names_found(response) == {"Thornton"}


def test_search_by_council_reference_in_any_case(client_as, officer, caseload):
    reference = caseload["arthur"].council_reference
    response = client_as(officer).get(reverse("people:client-search"), {"q": reference.lower()})
    assert names_found(response) == {"Bennett"}


def test_search_by_nhs_number_as_typed_with_spaces(client_as, officer, caseload):
    number = caseload["martin"].nhs_number
    typed = f"{number[:3]} {number[3:6]} {number[6:]}"
    response = client_as(officer).get(reverse("people:client-search"), {"q": typed})
    assert names_found(response) == {"Thompson"}


def test_search_by_date_of_birth_alone_and_with_a_name(client_as, officer, caseload):
    dob = date_parts("dob", dt.date(1941, 5, 2))
    assert names_found(client_as(officer).get(reverse("people:client-search"), dob)) == {"Thompson", "Bennett"}
    assert names_found(client_as(officer).get(reverse("people:client-search"), {"q": "arth", **dob})) == {"Bennett"}


def test_search_never_finds_another_teams_client(client_as, officer, other_officer, caseload):
    assert names_found(client_as(officer).get(reverse("people:client-search"), {"q": "pemberton"})) == set()
    theirs = client_as(other_officer).get(reverse("people:client-search"), {"q": "pemberton"})
    assert names_found(theirs) == {"Pemberton"}


def test_search_with_no_words_lists_the_teams_caseload(client_as, officer, caseload):
    response = client_as(officer).get(reverse("people:client-search"))
    assert names_found(response) == {"Thornton", "Thompson", "Bennett"}


def test_search_shows_the_columns_asked_for(client_as, officer, caseload):
    page = client_as(officer).get(reverse("people:client-search"), {"q": "thornton"}).content.decode()
    margaret = caseload["margaret"]
    for text in ("Margaret Thornton", "Peggy", margaret.council_reference, margaret.date_of_birth.strftime("%-d %b %Y"),
                 margaret.nhs_number_display):
        assert text in page


def test_an_impossible_date_of_birth_is_explained_not_searched(client_as, officer, caseload):
    response = client_as(officer).get(reverse("people:client-search"), date_parts("dob", d="31", m="2", y="1941"))
    assert response.status_code == 200
    assert error_summary(response) == ["The date of birth must be a real date"]
    assert response.context["page"] is None


def test_search_results_are_paginated_and_links_keep_the_search(client_as, officer, north_team):
    for n in range(30):
        ClientFactory(first_name=f"Person{n:02d}", last_name="Walker", team=north_team)
    first = client_as(officer).get(reverse("people:client-search"), {"q": "walker"})
    assert len(first.context["page"].object_list) == 25
    html = first.content.decode()
    assert "govuk-pagination" in html
    assert "?q=walker&amp;page=2" in html
    second = client_as(officer).get(reverse("people:client-search"), {"q": "walker", "page": "2"})
    assert len(second.context["page"].object_list) == 5
    assert "30 clients found" in second.content.decode()


def test_search_page_query_count_does_not_grow_with_results(client_as, officer, north_team,
                                                            django_assert_max_num_queries):
    for n in range(40):
        ClientFactory(first_name=f"Person{n:02d}", last_name="Walker", team=north_team)
    browser = client_as(officer)
    browser.get(reverse("people:client-search"))  # sign-in session settled
    with django_assert_max_num_queries(12):  # with the user's teams and the record-access log's one insert
        response = browser.get(reverse("people:client-search"), {"q": "walk"})
    assert len(response.context["page"].object_list) == 25


# --- the client's page --------------------------------------------------------------------------

TABS = ["Summary", "Money", "Charging", "Contacts", "Tasks", "Notes", "Letters", "History"]


def tab_titles(response) -> list[str]:
    nav = response.content.decode().split('<nav class="app-subnav"', 1)[1].split("</nav>", 1)[0]
    return [html.unescape(re.sub(r"<[^>]+>", "", link)) for link in re.findall(r"<a [^>]*>.*?</a>", nav)]


def test_client_page_is_a_summary_and_a_tab_for_each_section(client_as, officer, north_client, north_team):
    services.address_add(acting_user=officer, client=north_client, data=services.AddressInput(
        line_1="3 Rose Court", town="Leeds", postcode="LS2 7AA", start_date=dt.date(2020, 1, 1)))
    ClientContactFactory(client=north_client, contact__name="Susan Thornton", contact__phone="07700 900123",
                         is_next_of_kin=True, description="Daughter")
    services.task_create(acting_user=officer, client=north_client, title="Renew home insurance",
                         assigned_to=officer, due_date=TODAY + dt.timedelta(days=5))
    services.note_add(acting_user=officer, client=north_client, text="Susan phoned about the fees.")
    edit = client_as(officer).post(reverse("people:client-edit", args=[north_client.pk]),
                                   edit_form(north_client, phone="07700 900999", reason="New mobile"))
    browser = client_as(officer)

    summary = browser.get(north_client.get_absolute_url())
    assert summary.status_code == 200
    assert tab_titles(summary) == TABS
    page = summary.content.decode()
    age = north_client.age_on(TODAY)
    for text in ("Margaret Thornton", north_client.council_reference, f"(age {age})", north_client.nhs_number_display,
                 "07700 900999", "3 Rose Court", "LS2 7AA", "Client affairs (North)", "Olivia Officer",
                 "The council holds no money for Peggy",  # the ledger's summary row
                 "No financial assessment is in force for Peggy"):  # charging's
        assert text in page, text
    assert "Renew home insurance" not in page and "Susan phoned" not in page  # each on its own tab
    assert 'href="/clients/%d/" data-tab="summary" aria-current="page"' % north_client.pk in page

    expected = {
        "people:client-contacts": ("Susan Thornton", "Next of kin", "07700 900123", "Daughter"),
        "people:client-tasks": ("Renew home insurance",),
        "people:client-notes": ("Susan phoned about the fees.",),
        "documents:client-letters": ("No letters have been made for Peggy Thornton yet",),
        "audit:client-history": ("New mobile", "Client details changed: phone", edit["X-Request-ID"]),
        "ledger:client-money": ("Balance held for Peggy",),
        "charging:client-charging": ("Weekly charge",),
    }
    for name, texts in expected.items():
        response = browser.get(reverse(name, args=[north_client.pk]))
        assert response.status_code == 200, name
        assert tab_titles(response) == TABS, name
        page = html.unescape(response.content.decode())
        for text in texts:
            assert text in page, (name, text)
        assert page.count('aria-current="page"') == 1 and "3 Rose Court" not in page, name


@pytest.fixture
def leaders_only_tab(settings):
    """A tab only team leaders may open, drawn by the client page from what it registers."""
    from core.registry import ClientSection, registry

    settings.ROOT_URLCONF = "tests.people.section_urls"
    section = ClientSection("leaders-only", "For leaders", "client-leaders-only", "people.manage_caseloads",
                            order=90, template="people/sections/notes.html",
                            context=lambda *, client, user: {"notes": []})
    before = list(registry.client_sections)
    registry.add_client_section(section)
    yield section
    registry.client_sections[:] = before


def test_a_tab_the_user_may_not_open_is_not_shown_and_refused(client_as, officer, team_leader, north_client,
                                                              leaders_only_tab):
    url = reverse("client-leaders-only", args=[north_client.pk])
    leader = client_as(team_leader)
    assert tab_titles(leader.get(north_client.get_absolute_url()))[-1] == "For leaders"
    assert leader.get(url).status_code == 200
    officer_browser = client_as(officer)
    assert "For leaders" not in tab_titles(officer_browser.get(north_client.get_absolute_url()))
    refused = officer_browser.get(url)
    assert refused.status_code == 403 and "Caseloads are for team leaders." in refused.content.decode()


def test_another_teams_client_tabs_are_not_found(client_as, officer, charging_client):
    for name in ("people:client-contacts", "people:client-tasks", "people:client-notes", "documents:client-letters",
                 "audit:client-history"):
        assert client_as(officer).get(reverse(name, args=[charging_client.pk])).status_code == 404, name


def test_client_page_logs_who_viewed_the_record(client_as, officer, auditor, north_client):
    response = client_as(officer).get(north_client.get_absolute_url())
    client_as(auditor).get(north_client.get_absolute_url())
    views = RecordAccess.objects.filter(client=north_client).order_by("id")
    assert [v.user for v in views] == [officer, auditor]
    assert views[0].request_id == response["X-Request-ID"]


def test_another_teams_client_page_is_not_logged_as_viewed(client_as, officer, charging_client):
    assert client_as(officer).get(charging_client.get_absolute_url()).status_code == 404
    assert not RecordAccess.objects.filter(client=charging_client).exists()


def _add_to_the_record(client, officer, how_many: int, start: int = 0):
    for n in range(start, start + how_many):
        ClientContactFactory(client=client, contact__name=f"Contact {n}")
        Task.objects.create(title=f"Task {n}", client=client, assigned_to=officer, created_by=officer,
                            due_date=TODAY + dt.timedelta(days=n))
        Note.objects.create(client=client, text=f"Note {n}", author=officer)


# Each tab's ceiling: the session and user, the user's teams, the client and the rule checks of the
# tabs shown, the record-access log's one insert, and what the tab itself reads.
CEILINGS = {
    "people:client-detail": 20,  # with where letters go, and the money and charging rows
    "people:client-contacts": 14,
    "people:client-tasks": 14,
    "people:client-notes": 14,
    "audit:client-history": 20,  # one query per kind of record
}


@pytest.mark.parametrize("name", CEILINGS)
def test_each_tab_reads_a_bounded_number_of_queries_whatever_the_record_holds(client_as, officer, north_client,
                                                                              django_assert_max_num_queries, name):
    browser = client_as(officer)
    browser.get(reverse("my-work"))
    url = reverse(name, args=[north_client.pk])
    _add_to_the_record(north_client, officer, 1)
    with CaptureQueriesContext(connection) as small:
        browser.get(url)
    _add_to_the_record(north_client, officer, 15, start=1)
    with django_assert_max_num_queries(CEILINGS[name]):
        response = browser.get(url)
    page = response.content.decode()
    if name == "people:client-contacts":
        assert page.count("Contact 15") == 1
    if name in ("people:client-tasks", "people:client-notes"):
        assert ("Task 15" if name.endswith("tasks") else "Note 15") in page
    with CaptureQueriesContext(connection) as large:
        browser.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
