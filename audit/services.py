"""The only code that writes the audit app's own tables."""

from __future__ import annotations

from audit.models import AccessKind, RecordAccess


def client_record_viewed(*, user, client, request_id: str, path: str = "",
                         kind: str = AccessKind.PAGE) -> RecordAccess:
    """Log that ``user`` looked at ``client``'s record, under the request ``request_id``."""
    return client_records_read(user=user, client_ids=[client.pk], request_id=request_id, path=path, kind=kind)[0]


def client_records_read(*, user, client_ids: list[int], request_id: str, path: str = "",
                        kind: str = AccessKind.PAGE) -> list[RecordAccess]:
    """Log that ``user`` read the records of these clients in one request (a page, an API answer or a
    download), whoever the user is (auditors included): the log is of looking, not of changing."""
    name = user.get_full_name() or user.get_username()
    return RecordAccess.objects.bulk_create([
        RecordAccess(user=user, user_name=name, client_id=client_id, request_id=(request_id or "")[:80],
                     path=path[:300], kind=kind)
        for client_id in client_ids
    ])


def record_request_reads(*, request, client_ids: list[int], response) -> None:
    """:func:`core.access.set_recorder`'s writer: one row per client the answer showed."""
    if request.path.startswith("/api/"):
        kind = AccessKind.API
    elif "attachment" in response.get("Content-Disposition", ""):
        kind = AccessKind.DOWNLOAD
    else:
        kind = AccessKind.PAGE
    client_records_read(user=request.user, client_ids=client_ids, request_id=getattr(request, "request_id", ""),
                        path=request.get_full_path(), kind=kind)
