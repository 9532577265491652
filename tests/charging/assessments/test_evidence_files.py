"""A copy of the document seen, uploaded with a piece of evidence: stored as a document when it is a
PDF, JPEG or PNG by its content and small enough; refused with a GOV.UK message, storing nothing, when
it is not; downloaded only through the documents download page, by those who may see the client."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.test import RequestFactory
from django.urls import reverse

from audit.models import RecordAccess
from charging.assessments import services
from charging.models import AssessmentEvidence
from core.exceptions import ApplicationError
from documents.choices import DocumentKind
from documents.models import Document
from documents.uploads import check_uploads
from tests.charging.assessments.test_views import error_summary, text

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def stored_files(media_root: Path) -> list[Path]:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def fields(**overrides) -> dict:
    return {"evidences": "State Pension, £230.25 a week", "document_reference": "DWP award letter, 10 April 2026",
            **overrides}


@pytest.fixture
def assessment(make_assessment):
    return make_assessment("submitted")


@pytest.fixture
def add_url(assessment):
    return reverse("charging:evidence-add", args=[assessment.pk])


def test_a_pdf_is_stored_as_a_document_and_listed_with_its_name_size_and_a_link(
        client_as, other_officer, assessment, add_url, media_root):
    upload = SimpleUploadedFile("DWP award letter.pdf", PDF, content_type="application/pdf")
    response = client_as(other_officer).post(add_url, fields(file=upload), follow=True)

    assert "Evidence added" in text(response)
    evidence = AssessmentEvidence.objects.get()
    document = evidence.document
    assert document.kind == DocumentKind.EVIDENCE and document.is_ready
    assert document.client == assessment.client and document.requested_by == other_officer
    assert (document.file_name, document.content_type, document.size) == ("DWP award letter.pdf",
                                                                          "application/pdf", len(PDF))
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    # Stored privately under a name of the service's making, never the uploader's.
    [path] = stored_files(media_root)
    assert path.read_bytes() == PDF and "award" not in path.name and path.suffix == ".pdf"
    # Every change attributed, with a reason.
    assert document.history.get().history_user == other_officer
    assert "Uploaded as evidence" in document.history.get().history_change_reason
    assert evidence.history.get().history_user == other_officer

    page = response.content.decode()
    link = reverse("documents:download", args=[document.pk])
    assert f'href="{link}"' in page
    assert "DWP award letter.pdf" in page and f"(PDF, {len(PDF)}" in text(response)


def test_jpeg_and_png_are_taken_and_named_for_what_they_are(client_as, other_officer, add_url):
    browser = client_as(other_officer)
    browser.post(add_url, fields(file=SimpleUploadedFile("statement.jpeg", JPEG, content_type="image/jpeg")))
    # A PNG called .pdf is a PNG: its content decides, and its name follows.
    browser.post(add_url, fields(file=SimpleUploadedFile("letter.pdf", PNG, content_type="application/pdf")))
    browser.post(add_url, fields(file=SimpleUploadedFile("J. Smith scan", PNG, content_type="")))

    assert list(Document.objects.filter(kind=DocumentKind.EVIDENCE).order_by("pk")
                .values_list("file_name", "content_type")) == [
        ("statement.jpeg", "image/jpeg"), ("letter.png", "image/png"), ("J. Smith scan.png", "image/png")]


@pytest.mark.parametrize("name, content, content_type", [
    ("letter.pdf", b"<html><body>Not a PDF</body></html>", "application/pdf"),
    ("photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "image/jpeg"),
    ("letter.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "application/vnd.openxmlformats"),
])
def test_a_file_that_is_not_a_pdf_jpeg_or_png_by_its_content_is_refused_and_nothing_stored(
        client_as, other_officer, add_url, media_root, name, content, content_type):
    response = client_as(other_officer).post(
        add_url, fields(file=SimpleUploadedFile(name, content, content_type=content_type)))

    assert response.status_code == 200
    assert "The selected file must be a PDF, JPG or PNG" in error_summary(response)
    assert 'id="id_file-error"' in response.content.decode()  # in the file upload's own error slot
    assert not AssessmentEvidence.objects.exists() and not Document.objects.filter(kind="evidence").exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_limit_is_refused_as_it_arrives_and_nothing_stored(
        client_as, other_officer, add_url, media_root, settings, tmp_path):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 100 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload goes to a temporary file...
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "incoming")
    (tmp_path / "incoming").mkdir()
    big = PDF + b"0" * (300 * 1024)

    response = client_as(other_officer).post(add_url, fields(file=SimpleUploadedFile("big.pdf", big)))

    assert "The selected file must be smaller than 100KB" in error_summary(response)
    assert not AssessmentEvidence.objects.exists() and not Document.objects.filter(kind="evidence").exists()
    assert stored_files(media_root) == []
    assert list((tmp_path / "incoming").iterdir()) == []  # ...which is gone


def test_an_empty_file_is_refused(client_as, other_officer, add_url):
    response = client_as(other_officer).post(add_url, fields(file=SimpleUploadedFile("empty.pdf", b"")))
    assert "The selected file is empty" in error_summary(response)
    assert not AssessmentEvidence.objects.exists()


def test_evidence_without_a_file_is_still_recorded(client_as, other_officer, add_url):
    client_as(other_officer).post(add_url, fields())
    assert AssessmentEvidence.objects.get().document is None


def test_the_form_is_a_multipart_gov_uk_file_upload(client_as, other_officer, add_url):
    page = client_as(other_officer).get(add_url).content.decode()
    assert re.search(r'<form method="post" enctype="multipart/form-data"', page)
    assert 'class="govuk-file-upload' in page and 'type="file"' in page and 'name="file"' in page
    assert "a PDF, JPG or PNG, smaller than 10MB" in page


# --- as the request streams in --------------------------------------------------------------------------

class Counting(FileUploadHandler):
    """Stands for Django's own handlers: counts what reaches them."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        return None

    def file_complete(self, file_size):
        return ContentFile(b"", name=self.file_name)


def _request_with(content: bytes, *, max_bytes: int):
    request = RequestFactory().post("/upload/", {"file": SimpleUploadedFile("f.pdf", content), "note": "kept"})
    checked = check_uploads(request, max_bytes=max_bytes)
    counting = Counting(request)
    request.upload_handlers = [checked, counting]
    return request, checked, counting


def test_the_handler_stops_a_large_file_before_the_limit_reaches_the_disk():
    request, checked, counting = _request_with(PDF + b"0" * (1024 * 1024), max_bytes=100 * 1024)
    assert "file" not in request.FILES
    assert request.POST["note"] == "kept"  # the rest of the form still arrives
    assert checked.refusals["file"].code == "file_too_large"
    assert 0 < counting.received <= 100 * 1024


def test_the_handler_drops_a_wrong_file_at_its_first_bytes():
    request, checked, counting = _request_with(b"GIF89a" + b"0" * (512 * 1024), max_bytes=10 * 1024 * 1024)
    assert "file" not in request.FILES
    assert checked.refusals["file"].code == "file_type"
    assert counting.received == 0


def test_the_handler_lets_a_good_file_through():
    request, checked, counting = _request_with(PDF, max_bytes=10 * 1024 * 1024)
    assert "file" in request.FILES and checked.refusals == {}
    assert counting.received == len(PDF)


# --- the service, for callers that are not pages ------------------------------------------------------------

def test_the_service_checks_the_content_too(other_officer, assessment, media_root):
    with pytest.raises(ApplicationError) as refused:
        services.evidence_add(acting_user=other_officer, assessment=assessment, evidences="Pension",
                              document_reference="Letter", file=ContentFile(b"plain text", name="letter.pdf"))
    assert refused.value.code == "file_type"
    assert refused.value.extra == {"file": ["The selected file must be a PDF, JPG or PNG"]}
    assert not AssessmentEvidence.objects.exists() and stored_files(media_root) == []


def test_a_file_stored_before_the_evidence_failed_is_removed_again(other_officer, assessment, media_root,
                                                                   monkeypatch):
    def failing(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "save_attributed", failing)
    with pytest.raises(RuntimeError):
        services.evidence_add(acting_user=other_officer, assessment=assessment, evidences="Pension",
                              document_reference="Letter", file=ContentFile(PDF, name="letter.pdf"))
    assert not Document.objects.filter(kind="evidence").exists()
    assert stored_files(media_root) == []


def test_someone_who_may_not_add_evidence_stores_nothing(client_as, officer, charging_leader, auditor, assessment,
                                                        add_url, media_root):
    upload = SimpleUploadedFile("letter.pdf", PDF)
    assert client_as(officer).post(add_url, fields(file=upload)).status_code == 404  # not their client
    upload.seek(0)
    assert client_as(auditor).post(add_url, fields(file=upload)).status_code == 403
    assert not Document.objects.filter(kind="evidence").exists() and stored_files(media_root) == []


def test_the_upload_still_needs_the_forms_csrf_token(client, other_officer, add_url):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(other_officer)
    response = browser.post(add_url, fields(file=SimpleUploadedFile("letter.pdf", PDF)))
    assert response.status_code == 403
    assert not AssessmentEvidence.objects.exists()


# --- downloading -----------------------------------------------------------------------------------------------

@pytest.fixture
def uploaded(other_officer, assessment):
    return services.evidence_add(acting_user=other_officer, assessment=assessment, evidences="Pension",
                                 document_reference="Aviva statement",
                                 file=ContentFile(JPEG, name="Aviva statement.jpg")).document


def test_the_download_is_access_checked_and_logged(client_as, client, other_officer, officer, auditor, uploaded):
    url = reverse("documents:download", args=[uploaded.pk])

    response = client_as(other_officer).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == JPEG
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'attachment; filename="Aviva statement.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert list(RecordAccess.objects.filter(user=other_officer, kind="download").values_list("client_id", "path")) \
        == [(uploaded.client_id, url)]

    assert client_as(officer).get(url).status_code == 404  # client affairs does not see this client
    assert client_as(auditor).get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to sign in


def test_stored_files_are_never_served_from_media(client_as, other_officer, uploaded, settings):
    assert client_as(other_officer).get(f"/{settings.MEDIA_URL}{uploaded.file.name}").status_code == 404


def test_uploaded_evidence_is_not_listed_among_the_clients_letters(client_as, other_officer, uploaded):
    page = client_as(other_officer).get(uploaded.client.get_absolute_url())
    assert page.status_code == 200
    assert "Aviva statement.jpg" not in page.content.decode()
