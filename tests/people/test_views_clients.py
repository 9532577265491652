"""Client search, the client's page, and adding and changing clients and addresses."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

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

TABS = ["Summary", "Money", "Deputyship", "Income and bills", "Charging", "Debts", "Property", "Deferred payments",
        "Contacts", "Tasks", "Notes", "Letters", "History"]


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


# --- add a client -------------------------------------------------------------------------------

def test_add_client_form_offers_the_users_teams_with_their_first_team_chosen(client_as, officer, north_team):
    form = client_as(officer).get(reverse("people:client-create")).context["form"]
    assert list(form.fields["team"].queryset) == [north_team]
    assert form["team"].value() == north_team.pk


def test_add_client_writes_the_client_address_and_caseload_attributed(client_as, officer, north_team):
    response = client_as(officer).post(reverse("people:client-create"), new_client_form(team=north_team.pk))
    client = Client.objects.get(last_name="Clarke")
    assert response.status_code == 302
    assert response["Location"] == client.get_absolute_url()
    assert (client.first_name, client.middle_names, client.preferred_name, client.title) == (
        "Edith", "May", "Edie", "Mrs")
    assert client.date_of_birth == dt.date(1938, 3, 27)
    assert client.nhs_number == "9434765919"
    assert client.council_reference.startswith("ASC-")
    address = Address.objects.get(client=client)
    assert (address.line_1, address.town, address.postcode, address.start_date) == (
        "12 Elm Road", "Leeds", "LS1 4AP", dt.date(2019, 6, 1))
    allocation = Allocation.objects.get(client=client)
    assert allocation.team == north_team and allocation.end_date is None
    history = Client.history.first()
    assert history.history_type == "+"
    assert history.history_user == officer
    assert history.history_change_reason == "New client"
    assert history.request_id == response["X-Request-ID"]
    assert Address.history.first().request_id == response["X-Request-ID"]
    followed = client_as(officer).get(response["Location"])
    assert f"Edith May Clarke has been added with reference {client.council_reference}" in followed.content.decode()


def test_add_client_without_an_address_date_records_today(client_as, officer, north_team):
    before = timezone.localdate()
    client_as(officer).post(reverse("people:client-create"),
                            new_client_form(team=north_team.pk, **date_parts("address_start_date", d="", m="", y="")))
    # Bracketed by the day before and after the request, so the test holds when run across midnight.
    assert before <= Address.objects.get(client__last_name="Clarke").start_date <= timezone.localdate()


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"first_name": ""}, "id_first_name", "Enter the first name"),
        ({"last_name": ""}, "id_last_name", "Enter the last name"),
        (date_parts("date_of_birth", d="", m="", y=""), "id_date_of_birth_group", "Enter the date of birth"),
        (date_parts("date_of_birth", d="31", m="2", y="1950"), "id_date_of_birth_group",
         "The date of birth must be a real date"),
        (date_parts("date_of_birth", d="12", m="", y="1950"), "id_date_of_birth_group",
         "The date of birth must include a month"),
        (date_parts("date_of_birth", TODAY + dt.timedelta(days=1)), "id_date_of_birth_group",
         "The date of birth must be today or in the past"),
        ({"nhs_number": "943 476 5918"}, "id_nhs_number", "Enter a valid NHS number: the check digit does not match"),
        ({"nhs_number": "12345"}, "id_nhs_number", "Enter an NHS number with 10 digits, like 943 476 5919"),
        ({"email": "not-an-email"}, "id_email", "Enter an email address in the correct format, like name@example.com"),
        ({"postcode": "NOT A POSTCODE"}, "id_postcode", "Enter a real postcode, like LS1 4AP"),
        ({"line_1": ""}, "id_line_1", "Enter address line 1, typically the building and street"),
        ({"phone": "0" * 31}, "id_phone", "Phone number must be 30 characters or fewer"),
        (date_parts("address_start_date", d="40", m="1", y="2020"), "id_address_start_date_group",
         "The living at this address since must be a real date"),
    ],
    ids=["no-first-name", "no-last-name", "no-dob", "impossible-dob", "dob-without-month", "future-dob",
         "nhs-check-digit", "nhs-too-short", "bad-email", "bad-postcode", "no-address", "phone-too-long",
         "impossible-address-date"],
)
def test_add_client_bad_input_is_explained_and_saves_nothing(client_as, officer, north_team, changes, field_id,
                                                             message):
    before = row_counts()
    data = new_client_form(team=north_team.pk, **changes)
    response = client_as(officer).post(reverse("people:client-create"), data)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert field_error(response, field_id) == message
    assert row_counts() == before
    # What the user typed is still there to correct.
    assert 'value="Edith"' in response.content.decode() or changes.get("first_name") == ""


def test_add_client_with_everything_missing_lists_every_problem(client_as, officer):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-create"), {})
    assert error_summary(response) == [
        "Enter the first name", "Enter the last name", "Enter the date of birth",
        "Enter address line 1, typically the building and street", "Enter the town or city", "Enter the postcode",
        "Choose the team that holds the case",
    ]
    assert row_counts() == before


def test_add_client_with_a_duplicate_nhs_number_is_refused_on_the_field(client_as, officer, north_team,
                                                                        charging_client):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-create"),
                                       new_client_form(team=north_team.pk, nhs_number=charging_client.nhs_number))
    assert response.status_code == 200
    assert field_error(response, "id_nhs_number") == "A client with this NHS number already exists, held by another team: ask that team."
    assert row_counts() == before


def test_add_client_to_another_teams_caseload_is_refused(client_as, officer, charging_team):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-create"), new_client_form(team=charging_team.pk))
    assert field_error(response, "id_team") == "Choose one of your teams"
    assert row_counts() == before


# --- change a client's details ------------------------------------------------------------------

def test_edit_form_starts_with_the_clients_details(client_as, officer, north_client):
    form = client_as(officer).get(reverse("people:client-edit", args=[north_client.pk])).context["form"]
    assert form["first_name"].value() == "Margaret"
    assert form["date_of_birth"].value() == north_client.date_of_birth


def test_edit_client_saves_the_change_with_the_reason_user_and_request_id(client_as, officer, north_client):
    response = client_as(officer).post(
        reverse("people:client-edit", args=[north_client.pk]),
        edit_form(north_client, phone="07700 900999", email="peggy@example.com"),
    )
    assert response.status_code == 302
    assert response["Location"] == north_client.get_absolute_url()
    north_client.refresh_from_db()
    assert (north_client.phone, north_client.email) == ("07700 900999", "peggy@example.com")
    history = Client.history.first()
    assert history.history_type == "~"
    assert history.history_user == officer
    assert history.history_change_reason == "Daughter phoned with new number"
    assert history.request_id == response["X-Request-ID"]
    assert sorted(c.field for c in history.diff_against(history.prev_record).changes) == ["email", "phone"]


def test_edit_client_records_a_date_of_death(client_as, officer, north_client):
    died = TODAY - dt.timedelta(days=2)
    client_as(officer).post(reverse("people:client-edit", args=[north_client.pk]),
                            edit_form(north_client, reason="Care home told us", **date_parts("date_of_death", died)))
    north_client.refresh_from_db()
    assert north_client.date_of_death == died
    page = client_as(officer).get(north_client.get_absolute_url()).content.decode()
    assert "Died" in page and f"died aged {north_client.age_on(died)}" in page


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"reason": ""}, "id_reason", "Enter a reason for the change"),
        ({"reason": "   "}, "id_reason", "Enter a reason for the change"),
        ({"nhs_number": "9434765918"}, "id_nhs_number", "Enter a valid NHS number: the check digit does not match"),
        (date_parts("date_of_birth", TODAY + dt.timedelta(days=30)), "id_date_of_birth_group",
         "The date of birth must be today or in the past"),
        (date_parts("date_of_death", d="30", m="2", y="2024"), "id_date_of_death_group",
         "The date of death must be a real date"),
        (date_parts("date_of_death", dt.date(1900, 1, 1)), "id_date_of_death_group",
         "The date of death must be the same as or after the date of birth"),
        (date_parts("date_of_death", TODAY + dt.timedelta(days=1)), "id_date_of_death_group",
         "The date of death must be today or in the past"),
        ({"last_name": ""}, "id_last_name", "Enter the last name"),
    ],
    ids=["no-reason", "blank-reason", "bad-nhs", "future-dob", "impossible-death", "death-before-birth",
         "future-death", "no-last-name"],
)
def test_edit_client_bad_input_is_explained_and_saves_nothing(client_as, officer, north_client, changes, field_id,
                                                              message):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-edit", args=[north_client.pk]),
                                       edit_form(north_client, phone="07700 900999", **changes))
    assert response.status_code == 200
    assert message in error_summary(response)
    assert field_error(response, field_id) == message
    assert 'value="07700 900999"' in response.content.decode()
    assert row_counts() == before
    north_client.refresh_from_db()
    assert north_client.phone == ""


def test_edit_client_to_another_clients_nhs_number_is_refused(client_as, officer, north_client, charging_client):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-edit", args=[north_client.pk]),
                                       edit_form(north_client, nhs_number=charging_client.nhs_number))
    assert field_error(response, "id_nhs_number") == "A client with this NHS number already exists, held by another team: ask that team."
    assert row_counts() == before


# --- addresses ----------------------------------------------------------------------------------

def test_add_address_replaces_the_current_home_address(client_as, officer, north_client):
    services.address_add(acting_user=officer, client=north_client, data=services.AddressInput(
        line_1="12 Elm Road", town="Leeds", postcode="LS1 4AP", start_date=dt.date(2010, 1, 1)))
    response = client_as(officer).post(reverse("people:address-add", args=[north_client.pk]), {
        "kind": "care_home", "line_1": "Rose Court Care Home", "line_2": "1 Park Lane", "town": "Leeds", "county": "",
        "postcode": "ls27aa", **date_parts("start_date", dt.date(2024, 4, 1)),
    })
    assert response.status_code == 302
    care_home = Address.objects.get(client=north_client, kind="care_home")
    assert (care_home.line_1, care_home.postcode, care_home.start_date) == ("Rose Court Care Home", "LS2 7AA",
                                                                          dt.date(2024, 4, 1))
    history = Address.history.first()
    assert history.history_user == officer and history.request_id == response["X-Request-ID"]
    # A care home is another kind of address: the home address stays current.
    assert Address.objects.get(client=north_client, kind="home").end_date is None


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"kind": ""}, "id_kind", "Choose what kind of address this is"),
        ({"town": ""}, "id_town", "Enter the town or city"),
        (date_parts("start_date", d="", m="", y=""), "id_start_date_group", "Enter the date they started living here"),
        (date_parts("start_date", d="31", m="4", y="2024"), "id_start_date_group",
         "The date they started living here must be a real date"),
    ],
    ids=["no-kind", "no-town", "no-date", "impossible-date"],
)
def test_add_address_bad_input_saves_nothing(client_as, officer, north_client, changes, field_id, message):
    before = row_counts()
    data = {"kind": "home", "line_1": "1 New Street", "town": "Leeds", "postcode": "LS1 1AA",
            **date_parts("start_date", dt.date(2024, 4, 1)), **changes}
    response = client_as(officer).post(reverse("people:address-add", args=[north_client.pk]), data)
    assert response.status_code == 200
    assert field_error(response, field_id) == message
    assert message in error_summary(response)
    assert row_counts() == before


def test_contact_links_of_another_client_do_not_appear_on_the_page(client_as, officer, north_client, north_team):
    neighbour = ClientFactory(team=north_team)
    ClientContactFactory(client=neighbour, contact__name="Someone Unrelated")
    page = client_as(officer).get(north_client.get_absolute_url()).content.decode()
    assert "Someone Unrelated" not in page
    assert ClientContact.objects.count() == 1


def test_nhs_number_factory_numbers_are_valid_for_the_forms():
    from people.validators import nhs_number_is_valid

    assert all(nhs_number_is_valid(nhs_number(n)) for n in range(50))
