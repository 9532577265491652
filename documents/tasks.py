"""Celery tasks for documents: thin wrappers that call a service as the system user."""

from __future__ import annotations

import logging

from celery import shared_task

from core.context import acting_as_job
from documents.models import Document
from documents.services import document_fail, document_render

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=4, acks_late=True)
def render_document(self, document_id: int) -> None:
    """Make a requested document's PDF. Retries with a growing delay; after the last attempt the
    document is marked failed with the error, so the officer sees it rather than waiting forever."""
    correlation_id = f"job:render_document:{self.request.id}" if self.request.id else None
    with acting_as_job("render_document", correlation_id=correlation_id):
        try:
            document_render(document_id=document_id)
        except Document.DoesNotExist:
            log.warning("Document %s no longer exists; nothing to render", document_id)
        except Exception as exc:
            if self.request.retries >= self.max_retries:
                document_fail(document_id=document_id, error=f"{type(exc).__name__}: {exc}")
                raise
            raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
