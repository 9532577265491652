"""The change history as CSV or JSON Lines, written a chunk at a time.

The rows come from a server-side cursor (``QuerySet.iterator(chunk_size=...)``), and the text goes
out in pieces as it is made, so exporting a million rows holds only one chunk of them in memory.

Each row carries what it changed: ``changed_fields`` (the names, in the record's field order) and
``changes`` (``{field: {"old": ..., "new": ...}}``; a creation has only new values, a deletion only
old ones), worked out a batch of rows at a time by ``audit.selectors.history_changes``. In the CSV,
``changed_fields`` is separated by semicolons and ``changes`` is the same JSON object as text.
Foreign keys are named by their column (``team_id``) and hold the id.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.utils import timezone

from audit.selectors import ACTIONS, history_changes

CHUNK_SIZE = 2000

FIELDS = (
    "when", "user", "user_id", "action", "history_type", "model", "record_id", "client_reference",
    "reason", "request_id", "history_id", "changed_fields", "changes",
)

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/jsonl; charset=utf-8", "jsonl"),
}


def export_record(row: dict, changes: dict | None = None) -> dict:
    """One history row (a dict from ``history_rows``) in the exports' terms, with ``changes`` (from
    ``history_changes``) for it."""
    changes = changes or {}
    return {
        "when": timezone.localtime(row["audit_at"]).isoformat(),
        "user": row["audit_user_name"] or "",
        "user_id": row["audit_user_id"],
        "action": ACTIONS.get(row["audit_action"], row["audit_action"]).lower(),
        "history_type": row["audit_action"],
        "model": row["audit_model"],
        "record_id": row["audit_object_id"],
        "client_reference": row["audit_client_ref"] or "",
        "reason": row["audit_reason"] or "",
        "request_id": row["audit_request_id"] or "",
        "history_id": row["audit_history_id"],
        "changed_fields": list(changes),
        "changes": changes,
    }


# Spreadsheet programs run a cell that starts with one of these as a formula: text people typed is
# written with a leading apostrophe instead (the CSV only; JSON Lines is not opened as a sheet).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TYPED_TEXT = ("user", "reason", "request_id")


def _csv_safe(record: dict) -> dict:
    out = {}
    for key, value in record.items():
        if value is None:
            value = ""
        elif key in _TYPED_TEXT and isinstance(value, str) and value.startswith(_FORMULA_START):
            value = "'" + value
        elif key == "changed_fields":
            value = "; ".join(value)
        elif key == "changes":  # a JSON object: starts with "{", so never read as a formula
            value = json.dumps(value, ensure_ascii=False) if value else ""
        out[key] = value
    return out


def _key(row: dict) -> tuple[str, int]:
    return row["audit_model"], row["audit_history_id"]


def _batched(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def csv_chunks(rows: Iterable[dict], *, batch: int = 500) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    yield buffer.getvalue()
    for group in _batched(rows, batch):
        buffer.seek(0)
        buffer.truncate()
        changes = history_changes(group)
        for row in group:
            writer.writerow(_csv_safe(export_record(row, changes.get(_key(row)))))
        yield buffer.getvalue()


def jsonl_chunks(rows: Iterable[dict], *, batch: int = 500) -> Iterator[str]:
    for group in _batched(rows, batch):
        changes = history_changes(group)
        yield "".join(json.dumps(export_record(row, changes.get(_key(row))), ensure_ascii=False) + "\n"
                      for row in group)


def export_chunks(queryset, fmt: str) -> Iterator[str]:
    rows = queryset.iterator(chunk_size=CHUNK_SIZE)
    return csv_chunks(rows) if fmt == "csv" else jsonl_chunks(rows)
