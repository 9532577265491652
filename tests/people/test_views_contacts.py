"""Contacts: adding one to a client (someone on the record or someone new), changing a contact,
and the contacts list and page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from people.models import ClientContact, Contact
from tests.factories import ClientContactFactory, ContactFactory
from tests.people.pages import date_parts, error_summary, field_error, row_counts

pytestmark = pytest.mark.django_db


def link_form(**overrides) -> dict:
    data = {"source": "new", "contact": "", "kind": "person", "name": "Susan Thornton", "organisation_type": "",
            "organisation_name": "", "phone": "07700 900123", "email": "susan@example.com",
            "address": "4 Oak Lane\nLeeds",
            "relationship": "relative", "description": "Daughter", "is_next_of_kin": "on",
            **date_parts("start_date", dt.date(2020, 5, 1))}
    data.update(overrides)
    return data


def test_add_a_new_person_as_next_of_kin(client_as, officer, north_client):
    response = client_as(officer).post(reverse("people:client-contact-add", args=[north_client.pk]), link_form())
    assert response.status_code == 302
    assert response["Location"] == reverse("people:client-contacts", args=[north_client.pk])
    link = ClientContact.objects.get(client=north_client)
    assert (link.contact.name, link.contact.phone, link.contact.kind) == ("Susan Thornton", "07700 900123", "person")
    assert (link.relationship, link.description, link.is_next_of_kin, link.start_date) == (
        "relative", "Daughter", True, dt.date(2020, 5, 1))
    for model in (Contact, ClientContact):
        history = model.history.first()
        assert history.history_user == officer
        assert history.request_id == response["X-Request-ID"]


def test_add_a_new_organisation(client_as, officer, north_client):
    client_as(officer).post(reverse("people:client-contact-add", args=[north_client.pk]), link_form(
        kind="organisation", name="Northern Bank", organisation_type="bank", relationship="organisation",
        is_next_of_kin="", description="Current account"))
    bank = Contact.objects.get(name="Northern Bank")
    assert (bank.kind, bank.organisation_type) == ("organisation", "bank")
    assert not ClientContact.objects.get(contact=bank).is_next_of_kin


def test_link_someone_already_on_the_record(client_as, officer, north_client, north_team):
    solicitor = ContactFactory(name="Patel and Co", kind="organisation", organisation_type="solicitor")
    before = Contact.objects.count()
    response = client_as(officer).post(reverse("people:client-contact-add", args=[north_client.pk]), link_form(
        source="existing", contact=solicitor.pk, name="", relationship="attorney", is_next_of_kin=""))
    assert response.status_code == 302
    assert Contact.objects.count() == before
    link = ClientContact.objects.get(client=north_client)
    assert (link.contact, link.relationship) == (solicitor, "attorney")


def test_the_list_of_existing_contacts_leaves_out_other_teams_contacts(client_as, officer, north_client,
                                                                       charging_client):
    ClientContactFactory(client=charging_client, contact__name="Harriet Pemberton")
    ClientContactFactory(client=north_client, contact__name="Susan Thornton")
    form = client_as(officer).get(reverse("people:client-contact-add", args=[north_client.pk])).context["form"]
    names = {c.name for c in form.fields["contact"].queryset}
    assert "Susan Thornton" in names
    assert "Harriet Pemberton" not in names


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"source": ""}, "id_source", "Choose whether the contact is already on the record"),
        ({"relationship": ""}, "id_relationship", "Choose how the contact relates to the client"),
        ({"name": ""}, "id_name", "Enter the contact's name"),
        ({"kind": "organisation", "organisation_type": ""}, "id_organisation_type",
         "Choose what kind of organisation this is"),
        ({"source": "existing", "contact": ""}, "id_contact", "Choose a contact from the list"),
        ({"email": "susan-at-example"}, "id_email",
         "Enter an email address in the correct format, like name@example.com"),
        (date_parts("start_date", d="29", m="2", y="2023"), "id_start_date_group",
         "The date the relationship started must be a real date"),
    ],
    ids=["no-source", "no-relationship", "no-name", "organisation-without-type", "existing-not-chosen",
         "bad-email", "impossible-date"],
)
def test_add_contact_bad_input_is_explained_and_saves_nothing(client_as, officer, north_client, changes, field_id,
                                                              message):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-contact-add", args=[north_client.pk]),
                                       link_form(**changes))
    assert response.status_code == 200
    assert message in error_summary(response)
    assert field_error(response, field_id) == message
    assert row_counts() == before


def test_another_teams_contact_cannot_be_linked_by_posting_its_id(client_as, officer, north_client, charging_client):
    hidden = ClientContactFactory(client=charging_client, contact__name="Harriet Pemberton").contact
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-contact-add", args=[north_client.pk]),
                                       link_form(source="existing", contact=hidden.pk))
    assert field_error(response, "id_contact") == "Choose a contact from the list"
    assert row_counts() == before


def test_a_description_longer_than_the_record_allows_is_explained(client_as, officer, north_client):
    before = row_counts()
    response = client_as(officer).post(reverse("people:client-contact-add", args=[north_client.pk]),
                                       link_form(description="x" * 101))
    assert response.status_code == 200
    assert field_error(response, "id_description") == "Description must be 100 characters or fewer"
    assert row_counts() == before


# --- change a contact ---------------------------------------------------------------------------

@pytest.fixture
def susan(north_client):
    link = ClientContactFactory(client=north_client, contact__name="Susan Thornton", contact__phone="07700 900123")
    return link.contact


def edit_form(contact, **overrides) -> dict:
    data = {"kind": contact.kind, "name": contact.name, "organisation_type": contact.organisation_type,
            "organisation_name": contact.organisation_name, "phone": contact.phone, "email": contact.email,
            "address": contact.address, "reason": "Susan rang with her new number"}
    data.update(overrides)
    return data


def test_edit_contact_with_a_reason(client_as, officer, susan):
    response = client_as(officer).post(reverse("people:contact-edit", args=[susan.pk]),
                                       edit_form(susan, phone="07700 900555"))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:contact-detail", args=[susan.pk])
    susan.refresh_from_db()
    assert susan.phone == "07700 900555"
    history = Contact.history.first()
    assert history.history_change_reason == "Susan rang with her new number"
    assert history.history_user == officer
    assert history.request_id == response["X-Request-ID"]


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"reason": ""}, "id_reason", "Enter a reason for the change"),
        ({"name": ""}, "id_name", "Enter the contact's name"),
        ({"kind": "organisation"}, "id_organisation_type", "Choose what kind of organisation this is"),
        ({"email": "nope"}, "id_email", "Enter an email address in the correct format, like name@example.com"),
    ],
    ids=["no-reason", "no-name", "organisation-without-type", "bad-email"],
)
def test_edit_contact_bad_input_saves_nothing(client_as, officer, susan, changes, field_id, message):
    before = row_counts()
    response = client_as(officer).post(reverse("people:contact-edit", args=[susan.pk]),
                                       edit_form(susan, phone="07700 900555", **changes))
    assert response.status_code == 200
    assert field_error(response, field_id) == message
    assert message in error_summary(response)
    assert 'value="07700 900555"' in response.content.decode()
    assert row_counts() == before


# --- list and page ------------------------------------------------------------------------------

def test_contact_list_searches_the_users_contacts_only(client_as, officer, north_client, charging_client):
    ClientContactFactory(client=north_client, contact__name="Susan Thornton")
    ClientContactFactory(client=north_client, contact__name="Northern Bank", contact__email="help@northern.example")
    ClientContactFactory(client=charging_client, contact__name="Susan Pemberton")
    browser = client_as(officer)
    assert {c.name for c in browser.get(reverse("people:contact-list")).context["page"]} == {
        "Susan Thornton", "Northern Bank"}
    assert {c.name for c in browser.get(reverse("people:contact-list"), {"q": "susan"}).context["page"]} == {
        "Susan Thornton"}
    assert {c.name for c in browser.get(reverse("people:contact-list"), {"q": "northern.example"}).context["page"]} == {
        "Northern Bank"}


def test_contact_page_lists_only_the_clients_the_user_can_see(client_as, officer, other_officer, north_client,
                                                              charging_client):
    bank = ContactFactory(name="Northern Bank", kind="organisation", organisation_type="bank")
    ClientContactFactory(client=north_client, contact=bank, relationship="organisation")
    ClientContactFactory(client=charging_client, contact=bank, relationship="organisation")
    mine = client_as(officer).get(reverse("people:contact-detail", args=[bank.pk])).content.decode()
    assert "Margaret Thornton" in mine
    assert "Harold Pemberton" not in mine
    theirs = client_as(other_officer).get(reverse("people:contact-detail", args=[bank.pk])).content.decode()
    assert "Harold Pemberton" in theirs
    assert "Margaret Thornton" not in theirs
