"""Letters made together (a bulk job's): one WeasyPrint layout cut into each letter's own file, each
with its own pages and copies, exactly as many as made on its own; nothing stored if anything fails."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from pypdf import PdfReader

from documents.choices import DocumentKind, DocumentStatus
from documents.models import Document
from documents.services import document_request_for_job, document_store_for_job, documents_render_together
from people import services as people_services
from people.models import ClientContact
from tests.documents.conftest import pdf_text
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def two_letters(letter_client, officer, north_team):
    """Margaret's letter with a copy for her attorney, and another client's without a copy."""
    people_services.correspondence_rule_set(
        acting_user=officer, client=letter_client, send_to="home",
        representative=ClientContact.objects.get(client=letter_client, relationship="attorney"),
        copy_to_representative=True, reason="Her daughter asked for copies")
    other = ClientFactory(first_name="Walter", last_name="Ibbotson", team=north_team, team__officer=officer)
    people_services.address_add(acting_user=officer, client=other, data=people_services.AddressInput(
        line_1="9 Weavers Row", town="Anytown", postcode="AN5 6GH", start_date=letter_client.addresses.first().start_date))
    return [document_request_for_job(requested_by=officer, client=client, kind=DocumentKind.CONTACT_DETAILS,
                                      request_key=f"together-{client.pk}", render=False)
            for client in (letter_client, other)]


def test_each_letter_gets_its_own_file_with_its_own_pages_and_copies(two_letters):
    from documents.pdf import render_letter_pdf

    made = documents_render_together(document_ids=[d.pk for d in two_letters])
    assert [d.pk for d in made] == [d.pk for d in two_letters]
    margaret, walter = (Document.objects.get(pk=d.pk) for d in two_letters)
    for document in (margaret, walter):
        assert document.status == DocumentStatus.READY and document.sha256
        alone = render_letter_pdf(template_name=document.template_name, data=document.data)
        assert _pages(document.file.read()) == _pages(alone)
    margaret_text, walter_text = pdf_text(margaret.file.open("rb").read()), pdf_text(walter.file.open("rb").read())
    assert "This is a copy" in margaret_text and "Walter" not in margaret_text
    assert "Weavers Row" in walter_text and "Margaret" not in walter_text and "This is a copy" not in walter_text
    # Made again: nothing to do.
    assert documents_render_together(document_ids=[d.pk for d in two_letters]) == []


def test_a_failure_stores_none_of_them(two_letters):
    with mock.patch("documents.pdf.split_pdf", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            documents_render_together(document_ids=[d.pk for d in two_letters])
    assert set(Document.objects.filter(pk__in=[d.pk for d in two_letters]).values_list("status", flat=True)) == {
        DocumentStatus.PENDING}


def test_a_job_stores_a_ready_made_pdf_once(officer):
    first = document_store_for_job(requested_by=officer, kind=DocumentKind.DEBT_STATEMENT_PRINT_FILE,
                                   title="Print file", request_key="print-file-test", pdf=b"%PDF-1.4 test")
    again = document_store_for_job(requested_by=officer, kind=DocumentKind.DEBT_STATEMENT_PRINT_FILE,
                                   title="Print file", request_key="print-file-test", pdf=b"%PDF-1.4 other")
    assert again.pk == first.pk and first.is_ready and first.size == len(b"%PDF-1.4 test")
    assert first.file.read() == b"%PDF-1.4 test"
