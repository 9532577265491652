"""The only code that writes the audit app's own tables."""

from __future__ import annotations

from audit.models import RecordAccess


def client_record_viewed(*, user, client, request_id: str) -> RecordAccess:
    """Log that ``user`` looked at ``client``'s record, under the request ``request_id``.

    Called by the client page on every view, whoever the user is (auditors included): the log is
    of looking, not of changing.
    """
    return RecordAccess.objects.create(
        user=user,
        user_name=user.get_full_name() or user.get_username(),
        client=client,
        request_id=(request_id or "")[:80],
    )
