"""The officer's journey in a real Chromium: ask for the letter on the client page, let the real
worker make it, download it."""

from __future__ import annotations

import hashlib
import re
import time

import pytest
from playwright.sync_api import expect

from documents.choices import DocumentStatus
from documents.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_creates_and_downloads_the_contact_details_letter(
    page, live_server, sign_in, assert_accessible, documents_worker, letter_client, officer
):
    sign_in(page, officer)
    page.goto(f"{live_server.url}{letter_client.get_absolute_url()}")
    page.locator("nav.app-subnav").get_by_role("link", name="Letters", exact=True).click()
    section = page.locator(".app-client-documents")
    expect(section.get_by_text("No letters have been made")).to_be_visible()

    section.get_by_role("button", name="Create contact details letter").click()

    expect(page.get_by_text("Letter requested")).to_be_visible()
    document = Document.objects.get()
    deadline = time.monotonic() + 60
    while document.status == DocumentStatus.PENDING and time.monotonic() < deadline:
        time.sleep(0.2)
        document.refresh_from_db()
    assert document.status == DocumentStatus.READY, documents_worker.log()

    page.reload()
    section = page.locator(".app-client-documents")
    expect(section.get_by_text("Ready")).to_be_visible()
    expect(section.get_by_text("Olivia Officer")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        section.get_by_role("link", name=re.compile("Download")).click()
    download = download_info.value
    assert download.suggested_filename == document.download_name
    assert hashlib.sha256(open(download.path(), "rb").read()).hexdigest() == document.sha256
