"""/api/v1/contacts/: find, read, add and change the people and organisations around clients."""

from __future__ import annotations

import pytest

from people.models import Contact
from tests.factories import ClientContactFactory, ContactFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/contacts/"


def names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


@pytest.fixture
def contacts(north_client, charging_client):
    ClientContactFactory(client=north_client, contact=ContactFactory(name="Susan Okafor"))
    ClientContactFactory(client=north_client, relationship="organisation", contact=ContactFactory(
        name="Northern Example Bank", kind="organisation", organisation_type="bank"))
    ClientContactFactory(client=north_client, relationship="organisation", contact=ContactFactory(
        name="Pension Service", kind="organisation", organisation_type="dwp", organisation_name="DWP"))
    ClientContactFactory(client=charging_client, contact=ContactFactory(name="Harold's Nephew"))
    ContactFactory(name="Unlinked Solicitors", kind="organisation", organisation_type="solicitor")


def test_list_shows_contacts_of_my_clients_and_unlinked_ones(api, officer, contacts):
    assert names(api(officer).get(LIST)) == [
        "Northern Example Bank", "Pension Service", "Susan Okafor", "Unlinked Solicitors",
    ]


def test_filters(api, officer, contacts):
    web = api(officer)
    assert names(web.get(LIST, {"kind": "person"})) == ["Susan Okafor"]
    assert names(web.get(LIST, {"organisation_type": "bank"})) == ["Northern Example Bank"]
    assert names(web.get(LIST, {"q": "dwp"})) == ["Pension Service"]
    assert names(web.get(LIST, {"q": "okaf"})) == ["Susan Okafor"]
    assert names(web.get(LIST, {"q": "nephew"})) == []


def test_an_unknown_choice_is_a_400_naming_the_filter(api, officer, contacts):
    response = api(officer).get(LIST, {"kind": "robot"})
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]


def test_create_a_person_and_an_organisation(api, officer):
    web = api(officer)
    person = web.post(LIST, {"name": "Dr Amir Shah", "phone": "01632 960500"}, format="json")
    assert person.status_code == 201, person.json()
    assert person.json()["kind"] == "person"
    bank = web.post(LIST, {"kind": "organisation", "organisation_type": "bank", "name": "Example Building Society"},
                    format="json")
    assert bank.status_code == 201
    assert Contact.objects.get(pk=bank.json()["id"]).history.get().history_user == officer


def test_an_organisation_needs_its_type(api, officer):
    response = api(officer).post(LIST, {"kind": "organisation", "name": "Example Water"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"organisation_type": ["Choose what kind of organisation this is."]}
    assert not Contact.objects.exists()


def test_bad_contact_input_names_each_field(api, officer):
    response = api(officer).post(LIST, {"kind": "robot", "email": "nope"}, format="json")
    assert response.status_code == 400
    assert {"kind", "name", "email"} <= set(response.json()["errors"])
    assert not Contact.objects.exists()


def test_update_needs_a_reason(api, officer, north_client):
    contact = ClientContactFactory(client=north_client, contact=ContactFactory(name="Susan Okafor")).contact
    web = api(officer)
    assert web.patch(f"{LIST}{contact.pk}/", {"phone": "07700 900999"}, format="json").status_code == 400
    contact.refresh_from_db()
    assert contact.phone != "07700 900999"
    response = web.patch(f"{LIST}{contact.pk}/", {"phone": "07700 900999", "reason": "New mobile"}, format="json")
    assert response.status_code == 200
    assert response.json()["phone"] == "07700 900999"
    assert contact.history.latest("history_date").history_change_reason == "New mobile"


def test_contact_of_another_teams_client_is_404(api, officer, charging_client):
    contact = ClientContactFactory(client=charging_client).contact
    assert api(officer).get(f"{LIST}{contact.pk}/").status_code == 404
    assert api(officer).patch(f"{LIST}{contact.pk}/", {"phone": "1", "reason": "x"}, format="json").status_code == 404
