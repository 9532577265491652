"""Which clients' records a request read, so that every look at special-category data is logged.

Reading a person's record is processing special-category data under UK GDPR: every page and API
answer that shows one client's data, and every document download, is logged with who, when, what
and the request id. Code that reads a client's data calls :func:`note_client_read` with the request
and the client (or any record about a client); :class:`core.rules.rule_required` and the API's
:class:`core.rules.RulePermission` do it for the record they check. The audit app's middleware
writes the log once the answer has been made, and only when it was not an error, so a refused or
missing record leaves no trace of having been seen.

``core`` knows nothing of clients: the people app tells it how to find a record's client
(:func:`set_client_resolver`), and the audit app how to write the log (:func:`set_recorder`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

_client_id_of: Callable[[object], int | None] = lambda obj: None  # noqa: E731
_recorder: Callable[..., None] | None = None


def set_client_resolver(resolver: Callable[[object], int | None]) -> None:
    """``resolver(record)`` -> the id of the client the record is about, or None."""
    global _client_id_of
    _client_id_of = resolver


def set_recorder(recorder: Callable[..., None]) -> None:
    """``recorder(request=..., client_ids=..., response=...)`` writes the log."""
    global _recorder
    _recorder = recorder


def _django_request(request):
    return getattr(request, "_request", request)  # a DRF Request wraps Django's


def note_client_read(request, record) -> None:
    """Note that answering ``request`` shows data of the client ``record`` is (or is about)."""
    client_id = record if isinstance(record, int) else _client_id_of(record)
    if client_id is None or request is None:
        return
    request = _django_request(request)
    reads = request.__dict__.setdefault("client_reads", [])
    if client_id not in reads:
        reads.append(client_id)


def note_client_reads(request, records: Iterable) -> None:
    for record in records:
        note_client_read(request, record)


def clients_read(request) -> list[int]:
    return list(_django_request(request).__dict__.get("client_reads", []))


def record_reads(request, response) -> None:
    if _recorder is not None and clients_read(request):
        _recorder(request=_django_request(request), client_ids=clients_read(request), response=response)
