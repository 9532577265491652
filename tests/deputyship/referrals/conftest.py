"""Referral fixtures: a North client with a daughter and a son on record, and a deputyship referral."""

from __future__ import annotations

import datetime as dt

import pytest

from deputyship.referrals.services import referral_create
from people import services as people_services
from tests.deputyship.authority.conftest import TODAY, appointeeship, deputy_order  # noqa: F401
from tests.factories import ContactFactory


@pytest.fixture
def relatives(officer, north_client):
    links = []
    for name, description, address in (("Susan Thornton", "Daughter", "18 Larkspur Way\nBorchester\nQB5 3TW"),
                                       ("Michael Thornton", "Son", "2 Mill Street\nAnytown\nAN2 2BB")):
        contact = ContactFactory(name=name, address=address)
        links.append(people_services.client_contact_link(acting_user=officer, client=north_client, contact=contact,
                                                         relationship="relative", description=description))
    return links


@pytest.fixture
def referral(officer, north_client):
    return referral_create(acting_user=officer, client=north_client, source="care_management",
                           referrer="Jo Bright, social worker", referred_on=TODAY - dt.timedelta(days=30),
                           urgency="urgent", reason="Lacks capacity; savings of £40,000 unmanaged; bills unpaid.",
                           authority_sought="deputyship")
