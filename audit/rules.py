"""Who reads the change history and the record-access log: auditors and administrators."""

from __future__ import annotations

from core.rules import define
from people.rules import reads_everything


def register() -> None:
    define("audit.read_history", reads_everything, "The change history is for auditors and administrators.")
