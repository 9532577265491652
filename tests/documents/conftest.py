"""Fixtures for documents: a client with addresses and contacts to write to, and a real Celery
worker for the test that goes through the queue."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from people import services as people_services
from people.services import AddressInput
from tests.celery_worker import celery_worker


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its documents in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def letter_client(north_client, officer):
    """Margaret Thornton (North), with a home address, a correspondence address at her
    daughter's, a former address, her daughter and her bank."""
    people_services.client_update(
        acting_user=officer, client=north_client, reason="Set up for the letter", title="Mrs",
        phone="01632 960415", email="peggy.thornton@example.com",
    )
    north_client.refresh_from_db()
    people_services.address_add(
        acting_user=officer, client=north_client,
        data=AddressInput(line_1="3 Mill Street", town="Anytown", postcode="AN2 2BB",
                          start_date=dt.date(2001, 1, 1)),
    )
    people_services.address_add(
        acting_user=officer, client=north_client,
        data=AddressInput(line_1="14 Chapel Lane", line_2="Little Hinton", town="Anytown", county="Exampleshire",
                          postcode="AN3 4CD", start_date=dt.date(2019, 6, 1)),
    )
    people_services.address_add(
        acting_user=officer, client=north_client,
        data=AddressInput(kind="correspondence", line_1="c/o Susan Okafor", line_2="22 Orchard Way",
                          town="Othertown", postcode="OT1 5EF", start_date=dt.date(2023, 2, 1)),
    )
    daughter = people_services.contact_create(
        acting_user=officer, name="Susan Okafor", phone="07700 900123", email="susan.okafor@example.com",
        address="22 Orchard Way\nOthertown\nOT1 5EF",
    )
    people_services.client_contact_link(
        acting_user=officer, client=north_client, contact=daughter, relationship="attorney",
        description="Daughter", is_next_of_kin=True,
    )
    bank = people_services.contact_create(
        acting_user=officer, kind="organisation", organisation_type="bank", name="Northern Example Bank",
        phone="0345 600 0000",
    )
    people_services.client_contact_link(
        acting_user=officer, client=north_client, contact=bank, relationship="organisation",
        description="Current account",
    )
    return north_client


def pdf_text(data: bytes) -> str:
    """The text a person would read in the PDF, page by page, with runs of whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def documents_worker(transactional_db, tmp_path, settings):
    """A worker on the application's default queue, as in production (the service queues the render
    itself, so the test cannot choose a queue), storing files in this test's media folder."""
    with celery_worker(log_dir=tmp_path) as worker:
        yield worker
