"""The API's permission matrix: the same rules as the pages, for each persona."""

from __future__ import annotations

import pytest

from people.models import Client, Contact
from tests.factories import ClientContactFactory, ContactFactory, nhs_number

pytestmark = pytest.mark.django_db

PERSONAS = ["officer", "team_leader", "other_officer", "auditor", "administrator", None]


@pytest.fixture
def as_(request, api):
    def make(persona):
        return api(request.getfixturevalue(persona) if persona else None)

    return make


@pytest.fixture
def north_contact(north_client):
    return ClientContactFactory(client=north_client, contact=ContactFactory(name="Susan Okafor")).contact


# What each persona gets for North's client: list includes it?, detail, nested contacts.
READ = {
    "officer": (True, 200, 200),
    "team_leader": (True, 200, 200),
    "other_officer": (False, 404, 404),
    "auditor": (True, 200, 200),
    "administrator": (True, 200, 200),
    None: (None, 403, 403),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_clients(as_, persona, north_client):
    in_list, detail_status, contacts_status = READ[persona]
    web = as_(persona)
    response = web.get("/api/v1/clients/")
    if in_list is None:
        assert response.status_code == 403
        assert response.json()["code"] == "not_authenticated"
    else:
        assert response.status_code == 200
        assert (north_client.pk in {r["id"] for r in response.json()["results"]}) is in_list
    assert web.get(f"/api/v1/clients/{north_client.pk}/").status_code == detail_status
    assert web.get(f"/api/v1/clients/{north_client.pk}/contacts/").status_code == contacts_status


# What each persona gets writing to North's client: create in North's team, PATCH, PUT.
WRITE = {
    "officer": (201, 200),
    "team_leader": (201, 200),
    "other_officer": (400, 404),  # not their team (400 naming "team"); a client they cannot see
    "auditor": (403, 403),
    "administrator": (403, 403),  # administrators manage users and teams; they do no casework
    None: (403, 403),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_writing_clients(as_, persona, north_client, north_team):
    create_status, update_status = WRITE[persona]
    web = as_(persona)
    before = Client.objects.count()
    created = web.post("/api/v1/clients/", {
        "team": north_team.pk, "first_name": "Albert", "last_name": "Hargreaves", "date_of_birth": "1938-04-09",
        "nhs_number": nhs_number(9100),
    }, format="json")
    assert created.status_code == create_status
    assert Client.objects.count() == before + (1 if create_status == 201 else 0)

    patched = web.patch(f"/api/v1/clients/{north_client.pk}/", {"phone": "01632 960123", "reason": "New number"},
                        format="json")
    assert patched.status_code == update_status
    put = web.put(f"/api/v1/clients/{north_client.pk}/", {
        "first_name": "Margaret", "last_name": "Thornton", "date_of_birth": north_client.date_of_birth.isoformat(),
        "email": "peggy@example.com", "reason": "Email given",
    }, format="json")
    assert put.status_code == update_status
    north_client.refresh_from_db()
    changed = update_status == 200
    assert (north_client.phone == "01632 960123") is changed
    assert (north_client.email == "peggy@example.com") is changed
    if update_status == 403:
        assert put.json()["code"] in {"permission_denied", "not_authenticated"}


CONTACTS = {
    # list includes North's contact?, detail, create, PATCH
    "officer": (True, 200, 201, 200),
    "team_leader": (True, 200, 201, 200),
    "other_officer": (False, 404, 201, 404),
    "auditor": (True, 200, 403, 403),
    "administrator": (True, 200, 403, 403),
    None: (None, 403, 403, 403),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_contacts(as_, persona, north_contact):
    in_list, detail_status, create_status, update_status = CONTACTS[persona]
    web = as_(persona)
    listed = web.get("/api/v1/contacts/")
    if in_list is None:
        assert listed.status_code == 403
    else:
        assert (north_contact.pk in {r["id"] for r in listed.json()["results"]}) is in_list
    assert web.get(f"/api/v1/contacts/{north_contact.pk}/").status_code == detail_status
    before = Contact.objects.count()
    assert web.post("/api/v1/contacts/", {"name": "Dr Amir Shah", "phone": "01632 960500"},
                    format="json").status_code == create_status
    assert Contact.objects.count() == before + (1 if create_status == 201 else 0)
    response = web.patch(f"/api/v1/contacts/{north_contact.pk}/", {"phone": "07700 900999", "reason": "New mobile"},
                         format="json")
    assert response.status_code == update_status
    north_contact.refresh_from_db()
    assert (north_contact.phone == "07700 900999") is (update_status == 200)
