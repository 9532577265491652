"""A client under a deputyship with money, an executor, a daughter, a bank, a DWP office and a care home on their
contacts."""

from __future__ import annotations

import datetime as dt

import pytest

from deputyship.authority.choices import AuthorityKind
from deputyship.authority.services import authority_record
from people import services as people_services
from people.choices import ContactKind, OrganisationType, Relationship
from tests.factories import ContactFactory

TODAY = dt.date.today()
DIED = TODAY - dt.timedelta(days=5)


@pytest.fixture
def deputy(officer, north_client):
    return authority_record(acting_user=officer, client=north_client, kind=AuthorityKind.DEPUTY, reference="COP-1",
                            made_on=TODAY - dt.timedelta(days=400), starts_on=TODAY - dt.timedelta(days=400),
                            reason="Order received")


@pytest.fixture
def contacts(officer, north_client):
    """The client's contacts: who is written to, and who is not (the care home; an ended link)."""

    def link(name, relationship, *, kind=ContactKind.PERSON, org=OrganisationType.NONE,
             address="1 High Street\nAnytown\nAN1 2BB", **kwargs):
        contact = ContactFactory(name=name, kind=kind, organisation_type=org, address=address)
        people_services.client_contact_link(acting_user=officer, client=north_client, contact=contact,
                                            relationship=relationship, **kwargs)
        return contact

    org = {"kind": ContactKind.ORGANISATION, "relationship": Relationship.ORGANISATION}
    return {
        "executor": link("Ann Smith", Relationship.EXECUTOR),
        "daughter": link("Jane Thornton", Relationship.RELATIVE, description="Daughter"),
        "bank": link("Northern Bank plc", org["relationship"], kind=org["kind"], org=OrganisationType.BANK),
        "dwp": link("Pension Service 9", org["relationship"], kind=org["kind"], org=OrganisationType.DWP),
        "care_home": link("Elm Lodge", Relationship.CARE_PROVIDER, kind=ContactKind.ORGANISATION,
                          org=OrganisationType.CARE_PROVIDER),
        "no_address": link("Old Friend", Relationship.NEXT_OF_KIN, address=""),
    }
