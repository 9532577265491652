"""A sample file's headings, for mapping a new layout."""

from __future__ import annotations

import csv
import io


def headings(text: str, *, row: int) -> list[str]:
    """The non-empty cells of the ``row``-th line of the sample (1 is the first)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    for number, cells in enumerate(reader, start=1):
        if number == row:
            return list(dict.fromkeys(cell.strip() for cell in cells if cell.strip()))
        if number > row:
            break
    return []
