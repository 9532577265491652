"""The contact details letter through the real queue: Redis, a Celery worker process, WeasyPrint."""

from __future__ import annotations

import hashlib
import time

import pytest
from django.conf import settings

from documents.choices import DocumentKind, DocumentStatus
from documents.models import Document
from documents.services import document_request


@pytest.mark.django_db(transaction=True)
def test_a_requested_letter_is_made_by_the_worker(documents_worker, letter_client, officer):
    document = document_request(acting_user=officer, client=letter_client, kind=DocumentKind.CONTACT_DETAILS)

    deadline = time.monotonic() + 60
    while True:
        document.refresh_from_db()
        if document.status != DocumentStatus.PENDING or time.monotonic() > deadline:
            break
        time.sleep(0.2)

    assert document.status == DocumentStatus.READY, documents_worker.log()
    stored = document.file.read()
    assert stored.startswith(b"%PDF-")
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    row = Document.history.filter(id=document.pk).latest("history_date")
    assert row.history_user.username == settings.SYSTEM_USERNAME
    assert row.request_id.startswith("job:render_document:")
    assert "documents.tasks.render_document" in documents_worker.log()
