"""Bank statement files waiting between their preview and the officer's "Import": kept on disk.

An upload is checked and previewed (:func:`ledger.imports.statement_import` with ``commit=False``),
then kept as a :class:`~ledger.models.PendingStatement` for :data:`WAIT` under a random token that
only its uploader can use. Confirming reads it back, imports it (checked and planned again) and
removes it. Anything left is removed by ``ledger.tasks.pending_statements_purge`` once it expires, so
a file never lingers; running the purge twice, or after a crash, removes nothing more.

The files are on disk under ``MEDIA_ROOT/statement-uploads/``, which nothing serves, rather than in
the Redis that carries Celery's queue: a 50 MB statement must not crowd out the queue.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.files.base import File
from django.utils import timezone

from ledger.models import PendingStatement

#: How long an uploaded statement waits for the officer to confirm the preview.
WAIT = dt.timedelta(hours=1)


def pending_statement_keep(*, acting_user, upload) -> PendingStatement:
    """Keep ``upload`` (a Django ``UploadedFile``, already checked) for its uploader; returns it with
    its token."""
    pending = PendingStatement(token=secrets.token_urlsafe(24), uploaded_by=acting_user,
                               file_name=(upload.name or "statement.csv")[:255], size=upload.size,
                               expires_at=timezone.now() + WAIT)
    upload.seek(0)
    # The stored name is the token, never the uploaded name.
    pending.file.save(f"{pending.token}.csv", File(upload), save=False)
    pending.save()
    return pending


def pending_statement_get(*, acting_user, token: str) -> PendingStatement | None:
    """The uploader's own waiting statement, if it has not expired (else None)."""
    return PendingStatement.objects.filter(token=token, uploaded_by=acting_user,
                                           expires_at__gt=timezone.now()).first()


def pending_statement_content(pending: PendingStatement) -> bytes:
    with pending.file.open("rb") as handle:
        return handle.read()


def pending_statement_discard(pending: PendingStatement) -> None:
    """Remove the file and its row (both, or whichever is left after a crash)."""
    if pending.file:
        pending.file.storage.delete(pending.file.name)
    PendingStatement.objects.filter(pk=pending.pk).delete()


def pending_statements_purge(*, now: dt.datetime | None = None) -> int:
    """Remove every waiting statement that has expired. Returns how many were removed."""
    expired = list(PendingStatement.objects.filter(expires_at__lte=now or timezone.now()))
    for pending in expired:
        pending_statement_discard(pending)
    return len(expired)
