"""A client who may already be on the record: shown to the officer, added only with a reason.

Both the Add a client page and POST /api/v1/clients/ go through ``people.services.client_create``,
which compares first and last name (ignoring accents, case, spaces and punctuation) and date of birth.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from people import services
from people.models import Address, Allocation, Client
from people.selectors import folded_name, likely_duplicates
from tests.factories import ClientFactory, nhs_number
from tests.people.pages import date_parts, error_summary, field_error, row_counts

pytestmark = pytest.mark.django_db

BORN = dt.date(1938, 3, 27)


@pytest.fixture
def edith_north(north_team):
    client = ClientFactory(council_reference="ASC-100050", first_name="Édith", last_name="Clarke",
                           date_of_birth=BORN, team=north_team)
    Address.objects.create(client=client, line_1="12 Elm Road", town="Leeds", postcode="LS1 4AP",
                           start_date=dt.date(2019, 6, 1))
    return client


@pytest.fixture
def edith_charging(charging_team):
    return ClientFactory(council_reference="ASC-100060", first_name="EDITH", last_name="clarke",
                         date_of_birth=BORN, team=charging_team)


def form(team, **overrides) -> dict:
    data = {
        "title": "Mrs", "first_name": "Edith", "middle_names": "", "last_name": "Clarke", "preferred_name": "",
        **date_parts("date_of_birth", BORN), "nhs_number": "", "phone": "", "email": "",
        "line_1": "4 Mill Street", "line_2": "", "town": "Leeds", "county": "", "postcode": "LS2 7EW",
        **date_parts("address_start_date", d="", m="", y=""), "team": team.pk,
    }
    data.update(overrides)
    return data


def _seen_key(response) -> str:
    return re.search(r'name="duplicates_seen" value="([0-9a-f]+)"', response.content.decode()).group(1)


# --- the comparison ------------------------------------------------------------------------------

def test_names_are_compared_without_accents_case_spaces_or_punctuation():
    assert folded_name("Zoë O'Brien-Smith") == folded_name("ZOE OBRIEN SMITH") == "zoeobriensmith"
    assert folded_name("Siobhán") == folded_name("siobhan")
    assert folded_name("Ann") != folded_name("Anne")


def test_same_name_and_birthday_found_others_not(officer, edith_north, north_team):
    ClientFactory(first_name="Edith", last_name="Clarke", date_of_birth=BORN + dt.timedelta(days=1), team=north_team)
    ClientFactory(first_name="Edna", last_name="Clarke", date_of_birth=BORN, team=north_team)
    found = likely_duplicates(user=officer, first_name="edith", last_name="CLARKE", date_of_birth=BORN)
    assert [(m.client_id, m.council_reference, m.name, m.postcode) for m in found] == [
        (edith_north.pk, "ASC-100050", "Édith Clarke", "LS1 4AP")]


def test_a_client_the_officer_may_not_see_is_described_by_nothing_but_its_existence(officer, edith_charging):
    [found] = likely_duplicates(user=officer, first_name="Edith", last_name="Clarke", date_of_birth=BORN)
    assert not found.visible
    assert (found.council_reference, found.name, found.date_of_birth, found.postcode) == ("", "", None, "")
    assert found.describe() == "a client held by another team"


# --- the service ---------------------------------------------------------------------------------

def test_the_service_refuses_without_a_reason_and_writes_nothing(officer, north_team, edith_north):
    before = row_counts()
    with pytest.raises(services.PossibleDuplicateError) as refused:
        services.client_create(acting_user=officer, team=north_team, first_name="Edith", last_name="Clarke",
                               date_of_birth=BORN)
    assert [m.client_id for m in refused.value.matches] == [edith_north.pk]
    assert refused.value.code == "possible_duplicate"
    assert row_counts() == before


def test_with_a_reason_the_client_is_added_and_the_reason_is_in_their_history(officer, north_team, edith_north,
                                                                               edith_charging):
    client = services.client_create(acting_user=officer, team=north_team, first_name="Edith", last_name="Clarke",
                                    date_of_birth=BORN, different_person_reason="Different mother's maiden name")
    assert client.history.get().history_change_reason == (
        "New client. A different person from Édith Clarke (ASC-100050); a client held by another team "
        "(same name and date of birth): Different mother's maiden name")
    assert client.history.get().history_user == officer


# --- the Add a client page -----------------------------------------------------------------------

def test_the_page_shows_a_summary_without_links_and_adds_nothing(client_as, officer, north_team, edith_north):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-create"), form(north_team))
    assert response.status_code == 200
    html = response.content.decode()
    section = html[html.index('id="duplicates"'):html.index('name="duplicates_seen"')]
    assert "This person may already be on the record" in section
    for text in ("ASC-100050", "Édith Clarke", "27 March 1938", "LS1 4AP", "This is a different person"):
        assert text in section
    assert "<a " not in section
    assert edith_north.get_absolute_url() not in html
    assert row_counts() == before


def test_another_teams_client_is_only_said_to_exist(client_as, officer, north_team, edith_charging):
    response = client_as(officer).post(reverse("people:client-create"), form(north_team))
    html = response.content.decode()
    assert "A client with these details already exists, held by another team: ask that team." in html
    assert "ASC-100060" not in html and "EDITH" not in html
    assert not Client.objects.filter(allocations__team=north_team).exists()


def test_ticking_without_a_reason_or_a_reason_without_ticking_is_refused(client_as, officer, north_team,
                                                                         edith_north):
    browser = client_as(officer)
    key = _seen_key(browser.post(reverse("people:client-create"), form(north_team)))
    before = row_counts()
    response = browser.post(reverse("people:client-create"),
                            form(north_team, duplicates_seen=key, different_person="on"))
    assert field_error(response, "id_different_person_reason") == "Say how you know this is a different person"
    response = browser.post(reverse("people:client-create"),
                            form(north_team, duplicates_seen=key, different_person_reason="Another person"))
    assert error_summary(response) == [
        "Tick the box if this is a different person. If it is the same person, do not add them again"]
    assert row_counts() == before


def test_ticked_with_a_reason_the_client_is_added_with_it_in_history(client_as, officer, north_team, edith_north):
    browser = client_as(officer)
    key = _seen_key(browser.post(reverse("people:client-create"), form(north_team)))
    response = browser.post(reverse("people:client-create"), form(
        north_team, duplicates_seen=key, different_person="on",
        different_person_reason="Lives in Leeds 2, different GP; confirmed with the social worker"))
    added = Client.objects.exclude(pk=edith_north.pk).get()
    assert response.status_code == 302 and response["Location"] == added.get_absolute_url()
    assert added.history.get().history_change_reason == (
        "New client. A different person from Édith Clarke (ASC-100050) (same name and date of birth): "
        "Lives in Leeds 2, different GP; confirmed with the social worker")
    assert Allocation.objects.get(client=added).team == north_team


def test_a_box_ticked_for_other_records_does_not_stand_for_new_ones(client_as, officer, north_team, edith_north):
    """Ticked before the officer was shown this record (no key, or a key for other records): the
    record is shown and nothing is added."""
    browser = client_as(officer)
    before = row_counts()
    for key in ("", "0" * 64):
        response = browser.post(reverse("people:client-create"), form(
            north_team, duplicates_seen=key, different_person="on", different_person_reason="Not the same"))
        assert response.status_code == 200
        assert "ASC-100050" in response.content.decode()
        assert error_summary(response) == []
    assert row_counts() == before


def test_no_likely_duplicate_no_question(client_as, officer, north_team, edith_north):
    response = client_as(officer).post(reverse("people:client-create"), form(north_team, first_name="Edna"))
    assert response.status_code == 302
    assert Client.objects.get(first_name="Edna").history.get().history_change_reason == "New client"


# --- the same NHS number ---------------------------------------------------------------------------

def test_a_known_nhs_number_names_the_client_when_the_officer_may_see_them(client_as, officer, north_team,
                                                                          north_client):
    response = client_as(officer).post(reverse("people:client-create"),
                                       form(north_team, first_name="Edna", nhs_number=north_client.nhs_number))
    assert field_error(response, "id_nhs_number") == (
        f"This NHS number is already on the record for Margaret Thornton ({north_client.council_reference}).")


def test_a_known_nhs_number_of_another_teams_client_names_nobody(client_as, officer, north_team, charging_client):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-create"),
                                       form(north_team, first_name="Edna", nhs_number=charging_client.nhs_number))
    assert field_error(response, "id_nhs_number") == (
        "A client with this NHS number already exists, held by another team: ask that team.")
    assert charging_client.council_reference not in response.content.decode()
    assert row_counts() == before


# --- the API -------------------------------------------------------------------------------------

@pytest.fixture
def api():
    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


def body(team, **overrides) -> dict:
    return {"team": team.pk, "first_name": "Edith", "last_name": "Clarke", "date_of_birth": BORN.isoformat(),
            "nhs_number": nhs_number(9100), **overrides}


def test_api_answers_409_naming_what_the_officer_may_see(api, officer, north_team, edith_north, edith_charging):
    before = row_counts()
    response = api(officer).post("/api/v1/clients/", body(north_team), format="json")
    assert response.status_code == 409
    answer = response.json()
    assert answer["code"] == "possible_duplicate"
    assert list(answer["errors"]) == ["different_person_reason"]
    assert answer["matches"] == [
        {"held_by_another_team": False, "council_reference": "ASC-100050", "name": "Édith Clarke",
         "date_of_birth": "1938-03-27", "postcode": "LS1 4AP",
         "message": "Same name and date of birth as Édith Clarke (ASC-100050)."},
        {"held_by_another_team": True, "council_reference": "", "name": "", "date_of_birth": None, "postcode": "",
         "message": "A client with these details already exists, held by another team: ask that team."},
    ]
    assert row_counts() == before


def test_api_adds_the_client_with_a_reason(api, officer, north_team, edith_north):
    response = api(officer).post("/api/v1/clients/", body(north_team, different_person_reason="Twin sister"),
                                 format="json")
    assert response.status_code == 201, response.json()
    added = Client.objects.get(pk=response.json()["id"])
    assert added.history.get().history_change_reason.endswith("(same name and date of birth): Twin sister")


def test_api_nhs_number_of_a_visible_client_names_them(api, officer, north_team, north_client, charging_client):
    mine = api(officer).post("/api/v1/clients/", body(north_team, nhs_number=north_client.nhs_number), format="json")
    assert mine.json()["errors"] == {"nhs_number": [
        f"This NHS number is already on the record for Margaret Thornton ({north_client.council_reference})."]}
    theirs = api(officer).post("/api/v1/clients/", body(north_team, nhs_number=charging_client.nhs_number),
                               format="json")
    assert theirs.json()["errors"] == {"nhs_number": [
        "A client with this NHS number already exists, held by another team: ask that team."]}
