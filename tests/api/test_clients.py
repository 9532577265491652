"""/api/v1/clients/: find, read, add and change clients through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import Address, Allocation, Client
from tests.factories import ClientContactFactory, ClientFactory, ContactFactory, nhs_number

pytestmark = pytest.mark.django_db

LIST = "/api/v1/clients/"


def detail(client) -> str:
    return f"/api/v1/clients/{client.pk}/"


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


# --- list and filters ---------------------------------------------------------------------------


def test_list_shows_only_my_teams_clients(api, officer, north_client, charging_client):
    response = api(officer).get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert ids(response) == {north_client.pk}
    row = body["results"][0]
    assert row["council_reference"] == north_client.council_reference
    assert row["full_name"] == "Margaret Thornton"
    assert row["display_name"] == "Peggy Thornton"
    assert row["date_of_birth"] == north_client.date_of_birth.isoformat()


@pytest.mark.parametrize("query", ["thorn", "MARG THORN", "peggy", "ASC-PLACEHOLDER", "NHS-SPACED"])
def test_q_finds_by_part_of_a_name_reference_or_nhs_number(api, officer, north_client, north_team, query):
    ClientFactory(first_name="Arthur", last_name="Dent", team=north_team)
    if query == "ASC-PLACEHOLDER":
        query = north_client.council_reference.lower()
    if query == "NHS-SPACED":
        query = north_client.nhs_number_display
    response = api(officer).get(LIST, {"q": query})
    assert response.status_code == 200
    assert ids(response) == {north_client.pk}


def test_q_never_reaches_another_teams_client(api, officer, north_client, charging_client):
    assert ids(api(officer).get(LIST, {"q": "pemberton"})) == set()
    assert ids(api(officer).get(LIST, {"q": charging_client.nhs_number})) == set()


def test_filters_by_date_of_birth_reference_and_nhs_number(api, officer, north_client, north_team):
    other = ClientFactory(team=north_team, date_of_birth=dt.date(1950, 5, 17))
    web = api(officer)
    assert ids(web.get(LIST, {"date_of_birth": "1950-05-17"})) == {other.pk}
    assert ids(web.get(LIST, {"council_reference": north_client.council_reference.lower()})) == {north_client.pk}
    assert ids(web.get(LIST, {"nhs_number": north_client.nhs_number_display})) == {north_client.pk}
    assert ids(web.get(LIST, {"q": "thornton", "date_of_birth": "1950-05-17"})) == set()


def test_a_bad_filter_value_is_a_400_naming_it(api, officer, north_client):
    response = api(officer).get(LIST, {"date_of_birth": "17/05/1950x"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "date_of_birth" in response.json()["errors"]


def test_the_list_costs_the_same_few_queries_however_long_it_is(api, officer, north_team):
    def make(n):
        for _ in range(n):
            client = ClientFactory(team=north_team)
            Address.objects.create(client=client, line_1="1 High Street", town="Anytown", postcode="AN1 1AA",
                                   start_date=dt.date(2020, 1, 1))

    web = api(officer)
    make(3)
    web.get(LIST)  # the session and the role lookup are warm from here on
    with CaptureQueriesContext(connection) as few:
        assert len(web.get(LIST).json()["results"]) == 3
    make(30)
    with CaptureQueriesContext(connection) as many:
        assert len(web.get(LIST).json()["results"]) == 33
    assert len(many) == len(few)
    # Session, user, role, memberships, count, clients, addresses, the record-access log's one insert...
    assert len(many) <= 11, "\n".join(q["sql"][:150] for q in many.captured_queries)


# --- detail -------------------------------------------------------------------------------------


def test_detail_includes_addresses(api, officer, north_client):
    Address.objects.create(client=north_client, line_1="14 Chapel Lane", town="Anytown", postcode="AN3 4CD",
                           start_date=dt.date(2019, 6, 1))
    response = api(officer).get(detail(north_client))
    assert response.status_code == 200
    assert response.json()["addresses"][0]["line_1"] == "14 Chapel Lane"
    assert response.json()["nhs_number"] == north_client.nhs_number


def test_detail_of_a_missing_client_is_404_in_the_error_shape(api, officer):
    response = api(officer).get("/api/v1/clients/999999/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": response.json()["message"]}


def test_contacts_of_a_client(api, officer, north_client, charging_client):
    daughter = ClientContactFactory(client=north_client, contact=ContactFactory(name="Susan Okafor"),
                                    relationship="attorney", description="Daughter", is_next_of_kin=True)
    ClientContactFactory(client=charging_client, contact=ContactFactory(name="Not Hers"))
    response = api(officer).get(f"{detail(north_client)}contacts/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["id"] == daughter.pk
    assert row["relationship"] == "attorney"
    assert row["relationship_display"].startswith("Attorney")
    assert row["is_next_of_kin"] is True
    assert row["contact"]["name"] == "Susan Okafor"


def test_contacts_of_another_teams_client_is_404(api, officer, charging_client):
    assert api(officer).get(f"{detail(charging_client)}contacts/").status_code == 404


# --- create -------------------------------------------------------------------------------------


def new_client(team, **overrides) -> dict:
    body = {
        "team": team.pk, "title": "Mr", "first_name": "Albert", "last_name": "Hargreaves",
        "date_of_birth": "1938-04-09", "nhs_number": nhs_number(9001), "phone": "01632 960777",
        "address": {"line_1": "7 Station Road", "town": "Anytown", "postcode": "AN5 6GH", "start_date": "2024-01-15"},
    }
    body.update(overrides)
    return body


def test_officer_adds_a_client_to_their_team(api, officer, north_team):
    response = api(officer).post(LIST, new_client(north_team), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    client = Client.objects.get(pk=body["id"])
    assert client.full_name == "Albert Hargreaves"
    assert body["council_reference"].startswith("ASC-")
    assert body["addresses"][0]["line_1"] == "7 Station Road"
    allocation = Allocation.objects.get(client=client)
    assert (allocation.team, allocation.service) == (north_team, north_team.service)
    assert client.history.get().history_user == officer
    assert api(officer).get(detail(client)).status_code == 200


def test_nhs_number_with_spaces_is_stored_as_digits(api, officer, north_team):
    number = nhs_number(9002)
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    response = api(officer).post(LIST, new_client(north_team, nhs_number=spaced), format="json")
    assert response.status_code == 201
    assert response.json()["nhs_number"] == number


def test_bad_input_names_each_field_and_writes_nothing(api, officer, north_team):
    body = new_client(north_team, first_name="", date_of_birth="9 April 1938", email="not an email")
    del body["last_name"]
    body["address"] = {"line_1": "7 Station Road"}

    response = api(officer).post(LIST, body, format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    # One list of sentences per field; a nested object's fields are named by their path.
    assert {"first_name", "last_name", "date_of_birth", "email"} <= set(errors)
    assert {"address.town", "address.postcode", "address.start_date"} <= set(errors)
    assert all(isinstance(messages, list) and all(isinstance(m, str) for m in messages)
               for messages in errors.values())
    assert response.json()["code"] == "invalid"
    assert not Client.objects.exists()


def test_an_nhs_number_failing_its_check_is_a_400_and_writes_nothing(api, officer, north_team):
    response = api(officer).post(LIST, new_client(north_team, nhs_number="9434765918"), format="json")
    assert response.status_code == 400
    assert "nhs_number" in response.json()["errors"]
    assert not Client.objects.exists()
    assert not Allocation.objects.exists()
    assert not Address.objects.exists()


def test_a_duplicate_nhs_number_is_a_400(api, officer, north_team, north_client):
    response = api(officer).post(LIST, new_client(north_team, nhs_number=north_client.nhs_number), format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"nhs_number": [f"This NHS number is already on the record for Margaret Thornton ({north_client.council_reference})."]}
    assert Client.objects.count() == 1


def test_an_officer_cannot_add_to_another_team(api, officer, charging_team):
    response = api(officer).post(LIST, new_client(charging_team), format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"team": ["Choose one of your own teams."]}
    assert not Client.objects.exists()


def test_an_unknown_team_is_a_400(api, officer):
    class Nowhere:
        pk = 987654

    response = api(officer).post(LIST, new_client(Nowhere), format="json")
    assert response.status_code == 400
    assert "team" in response.json()["errors"]


def test_an_administrator_adds_no_clients(api, administrator, charging_team):
    """Administrators manage users and teams; casework is for the teams' officers."""
    response = api(administrator).post(LIST, new_client(charging_team), format="json")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert not Client.objects.filter(last_name="Hargreaves").exists()


# --- update -------------------------------------------------------------------------------------


def test_patch_changes_details_with_a_reason(api, officer, north_client):
    response = api(officer).patch(
        detail(north_client), {"phone": "01632 960123", "reason": "Daughter phoned with new number"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["phone"] == "01632 960123"
    north_client.refresh_from_db()
    assert north_client.phone == "01632 960123"
    row = north_client.history.latest("history_date")
    assert row.history_change_reason == "Daughter phoned with new number"
    assert row.history_user == officer
    assert row.request_id  # the API request's id


def test_put_replaces_the_details(api, officer, north_client):
    body = {"first_name": "Margaret", "last_name": "Thornton-Hale", "date_of_birth": "1941-03-02",
            "preferred_name": "Peggy", "reason": "Married; birth date corrected from certificate"}
    response = api(officer).put(detail(north_client), body, format="json")
    assert response.status_code == 200, response.json()
    north_client.refresh_from_db()
    assert (north_client.last_name, north_client.date_of_birth) == ("Thornton-Hale", dt.date(1941, 3, 2))


def test_put_needs_the_required_fields(api, officer, north_client):
    response = api(officer).put(detail(north_client), {"phone": "01632 960123", "reason": "New number"}, format="json")
    assert response.status_code == 400
    assert {"first_name", "last_name", "date_of_birth"} <= set(response.json()["errors"])


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_an_update_without_a_reason_changes_nothing(api, officer, north_client, reason):
    body = {"phone": "01632 960123"}
    if reason is not None:
        body["reason"] = reason
    response = api(officer).patch(detail(north_client), body, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    north_client.refresh_from_db()
    assert north_client.phone == ""


def test_an_invalid_update_is_a_400_naming_the_field_and_changes_nothing(api, officer, north_client):
    before = north_client.history.count()
    response = api(officer).patch(
        detail(north_client), {"nhs_number": "123", "phone": "01632 960123", "reason": "Typo"}, format="json"
    )
    assert response.status_code == 400
    assert "nhs_number" in response.json()["errors"]
    north_client.refresh_from_db()
    assert north_client.phone == ""
    assert north_client.history.count() == before


def test_date_of_death_before_birth_is_refused(api, officer, north_client):
    response = api(officer).patch(
        detail(north_client), {"date_of_death": "1900-01-01", "reason": "Died"}, format="json"
    )
    assert response.status_code == 400
    north_client.refresh_from_db()
    assert north_client.date_of_death is None


def test_changing_to_another_clients_nhs_number_is_a_400_naming_it(api, officer, north_client, north_team):
    other = ClientFactory(team=north_team)
    response = api(officer).patch(detail(other), {"nhs_number": north_client.nhs_number, "reason": "Typo"},
                                  format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"nhs_number": [f"This NHS number is already on the record for Margaret Thornton ({north_client.council_reference})."]}
