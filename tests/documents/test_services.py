"""Asking for a letter and making its PDF (real WeasyPrint, real files, real PostgreSQL)."""

from __future__ import annotations

import hashlib

import pytest
from django.conf import settings

from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from documents.choices import DocumentKind, DocumentStatus
from documents.models import Document
from documents.services import document_render, document_request
from documents.tasks import render_document
from people import services as people_services
from tests.documents.conftest import pdf_text
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db

KIND = DocumentKind.CONTACT_DETAILS


def request_and_render(client, user, **kwargs) -> Document:
    document = document_request(acting_user=user, client=client, kind=KIND, **kwargs)
    return document_render(document_id=document.pk)


def test_the_letter_shows_what_we_hold(letter_client, officer):
    document = request_and_render(letter_client, officer)

    assert document.status == DocumentStatus.READY
    text = pdf_text(document.file.read())
    assert "Contact details we hold for you" in text
    assert "Dear Mrs Thornton" in text
    assert "Margaret Thornton" in text
    assert letter_client.nhs_number_display in text
    assert f"{letter_client.date_of_birth.day} {letter_client.date_of_birth:%B %Y}" in text
    assert "01632 960415" in text and "peggy.thornton@example.com" in text
    assert "14 Chapel Lane" in text and "Little Hinton" in text
    assert "22 Orchard Way" in text
    assert "3 Mill Street" not in text  # ended when she moved to Chapel Lane
    assert "Susan Okafor" in text and "Daughter" in text and "Next of kin" in text
    assert "Northern Example Bank" in text
    assert "please tell us" in text
    assert "Page 1 of" in text
    assert letter_client.council_reference in text


def test_the_letter_goes_to_the_correspondence_address(letter_client, officer):
    document = document_request(acting_user=officer, client=letter_client, kind=KIND)
    assert document.data["recipient"]["address_lines"] == ["c/o Susan Okafor", "22 Orchard Way", "Othertown", "OT1 5EF"]


def test_the_stored_file_matches_its_sha256_and_size(letter_client, officer):
    document = request_and_render(letter_client, officer)
    document.refresh_from_db()
    stored = document.file.read()
    assert stored.startswith(b"%PDF-")
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert len(stored) == document.size
    assert document.file.name.startswith("documents/")
    assert (settings.MEDIA_ROOT / document.file.name).is_file()
    assert document.template_name == "documents/letters/contact_details.html"
    assert document.template_version == "2"
    assert document.requested_by == officer
    assert document.rendered_at >= document.requested_at


def test_the_letter_says_what_the_record_said_when_it_was_asked_for(letter_client, officer):
    document = document_request(acting_user=officer, client=letter_client, kind=KIND)
    people_services.client_update(acting_user=officer, client=letter_client, reason="New number", phone="01632 960999")

    document = document_render(document_id=document.pk)

    text = pdf_text(document.file.read())
    assert "01632 960415" in text and "01632 960999" not in text
    assert document.data["client"]["phone"] == "01632 960415"


def test_rendering_again_leaves_a_ready_document_alone(letter_client, officer):
    document = request_and_render(letter_client, officer)
    name, digest, history_rows = document.file.name, document.sha256, document.history.count()

    again = document_render(document_id=document.pk)

    assert (again.file.name, again.sha256) == (name, digest)
    assert again.history.count() == history_rows


def test_the_same_request_twice_makes_one_document(letter_client, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        first = document_request(acting_user=officer, client=letter_client, kind=KIND, request_key="form-7f3a9c21")
        second = document_request(acting_user=officer, client=letter_client, kind=KIND, request_key="form-7f3a9c21")
    assert first.pk == second.pk
    assert Document.objects.count() == 1
    assert len(queued) == 1  # one render queued


def test_requests_without_a_key_are_separate(letter_client, officer):
    document_request(acting_user=officer, client=letter_client, kind=KIND)
    document_request(acting_user=officer, client=letter_client, kind=KIND)
    assert Document.objects.count() == 2


def test_a_key_cannot_be_reused_for_another_client(letter_client, officer, north_team):
    other = ClientFactory(team=north_team)
    people_services.address_add(acting_user=officer, client=other, data=people_services.AddressInput(
        line_1="1 High Street", town="Anytown", postcode="AN1 2AB", start_date=other.date_of_birth))
    document_request(acting_user=officer, client=letter_client, kind=KIND, request_key="form-7f3a9c21")
    with pytest.raises(ConflictError):
        document_request(acting_user=officer, client=other, kind=KIND, request_key="form-7f3a9c21")
    assert Document.objects.count() == 1


def test_other_team_and_auditor_cannot_ask(letter_client, other_officer, auditor):
    with pytest.raises(PermissionDeniedError):
        document_request(acting_user=other_officer, client=letter_client, kind=KIND)
    with pytest.raises(PermissionDeniedError):
        document_request(acting_user=auditor, client=letter_client, kind=KIND)
    assert not Document.objects.exists()


def test_no_letter_without_an_address_to_post_it_to(north_client, officer):
    with pytest.raises(ApplicationError) as raised:
        document_request(acting_user=officer, client=north_client, kind=KIND)
    assert raised.value.code == "no_postal_address"
    assert not Document.objects.exists()


def test_render_history_is_attributed_to_the_system_user_and_the_job(letter_client, officer):
    document = document_request(acting_user=officer, client=letter_client, kind=KIND)

    result = render_document.apply(args=[document.pk])

    assert result.successful(), result.traceback
    row = Document.history.filter(id=document.pk).latest("history_date")
    assert row.status == DocumentStatus.READY
    assert row.history_user.username == settings.SYSTEM_USERNAME
    assert row.request_id == f"job:render_document:{result.id}"
    assert "render_document" in row.history_change_reason
    requested = Document.history.filter(id=document.pk, history_type="+").get()
    assert requested.history_user == officer


def test_a_document_that_cannot_be_made_is_marked_failed(letter_client, officer):
    document = document_request(acting_user=officer, client=letter_client, kind=KIND)
    Document.objects.filter(pk=document.pk).update(template_name="documents/letters/no_such_letter.html")

    result = render_document.apply(args=[document.pk])

    assert result.failed()
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "TemplateDoesNotExist" in document.error
    assert not document.file


def test_a_letter_for_someone_we_hold_little_about_says_so(north_client, officer):
    people_services.client_update(acting_user=officer, client=north_client, reason="Not known", nhs_number="")
    people_services.address_add(acting_user=officer, client=north_client, data=people_services.AddressInput(
        kind="care_home", line_1="Oakwood Care Home", town="Anytown", postcode="AN7 8JK",
        start_date=north_client.date_of_birth))

    text = pdf_text(request_and_render(north_client, officer).file.read())

    assert "Dear Margaret Thornton" in text
    assert "Oakwood Care Home" in text
    assert "We do not hold your NHS number" in text
    assert "We do not hold a phone number for you" in text
    assert "We do not hold any other people or organisations for you" in text


def test_the_request_to_tell_us_and_the_sign_off_share_a_page(letter_client, north_client, officer):
    for client in (letter_client, north_client):
        pages = pdf_text(request_and_render(client, officer).file.read()).split("\n")
        [closing] = [page for page in pages if "Yours sincerely" in page]
        assert "If anything is wrong or missing, please tell us" in closing
        assert f"Page {pages.index(closing) + 1} of {len(pages)}" in closing
