"""Evidence with a copy of the document seen, in a real Chromium: a file that is not what it claims is
refused with a GOV.UK error on the file upload; a PDF is uploaded, listed with its name and size, and
downloaded under its own name."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from charging.models import AssessmentEvidence
from tests.charging.conftest import care_home, make_assessment, resident  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_officer_uploads_a_copy_of_the_award_letter(page, live_server, sign_in, assert_accessible,
                                                       other_officer, make_assessment, tmp_path):  # noqa: F811
    assessment = make_assessment("submitted")
    disguised = tmp_path / "award letter.pdf"
    disguised.write_bytes(b"<html>not a letter</html>")
    letter = tmp_path / "DWP award letter.pdf"
    letter.write_bytes(PDF)

    sign_in(page, other_officer)
    page.goto(f"{live_server.url}/charging/assessments/{assessment.pk}/")
    page.get_by_role("link", name="Add evidence").click()
    page.get_by_label("What it is evidence of").fill("State Pension, £230.25 a week")
    page.get_by_label("Document seen").fill("DWP award letter dated 10 April 2026")
    page.get_by_label("Upload a copy of the document (optional)").set_input_files(str(disguised))
    page.get_by_role("button", name="Add evidence").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The selected file must be a PDF, JPG or PNG")
    expect(page.locator("#id_file-error")).to_contain_text("The selected file must be a PDF, JPG or PNG")
    assert_accessible(page)
    assert not AssessmentEvidence.objects.exists()

    page.get_by_label("Upload a copy of the document (optional)").set_input_files(str(letter))
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_text("Evidence added")).to_be_visible()
    expect(page.get_by_text(f"(PDF, {len(PDF)} bytes)")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:  # by keyboard, as a screen-reader user would
        page.get_by_role("link", name="Download a copy: DWP award letter.pdf").focus()
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "DWP award letter.pdf"
    assert open(download.value.path(), "rb").read() == PDF
