"""An independent reader of Bacs Standard 18 data records (106 characters with the processing day), written
from the published field positions, not from our writer, for the tests to read our files back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

FIELDS = {  # name: (first position, last position), 1-based, both included
    "dest_sort": (1, 6), "dest_account": (7, 14), "account_type": (15, 15), "code": (16, 17),
    "orig_sort": (18, 23), "orig_account": (24, 31), "free": (32, 35), "pence": (36, 46),
    "user_name": (47, 64), "user_reference": (65, 82), "dest_name": (83, 100), "day": (101, 106),
}


def read(text: str) -> list[dict]:
    assert text.endswith("\r\n"), "records end CRLF"
    rows = []
    for record in text[:-2].split("\r\n"):
        assert len(record) == 106, f"a record of {len(record)} characters"
        row = {name: record[a - 1:b] for name, (a, b) in FIELDS.items()}
        row["amount"] = Decimal(int(row["pence"])) / 100
        year, day = int(row["day"][1:3]), int(row["day"][3:])
        row["processing_day"] = dt.date(2000 + year, 1, 1) + dt.timedelta(days=day - 1)
        rows.append(row)
    return rows
