"""An independent reader of the Standard 18 files the bureau gets, written from the published layout (not
from the writer's code): every record 106 characters, fields at fixed 1-based positions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

FIELDS = {  # name: (first position, last position), 1-based inclusive
    "dest_sort": (1, 6), "dest_account": (7, 14), "account_type": (15, 15), "code": (16, 17),
    "orig_sort": (18, 23), "orig_account": (24, 31), "free": (32, 35), "pence": (36, 46),
    "user_name": (47, 64), "reference": (65, 82), "dest_name": (83, 100), "processing": (101, 106),
}


def read(content: str) -> list[dict]:
    assert content.endswith("\r\n"), "each record ends with CRLF"
    rows = []
    for line in content.split("\r\n")[:-1]:
        assert len(line) == 106, f"record of {len(line)} characters: {line!r}"
        row = {name: line[a - 1:b] for name, (a, b) in FIELDS.items()}
        assert row["pence"].isdigit()
        row["amount"] = Decimal(int(row["pence"])) / 100
        assert row["processing"][0] == " "
        year, day = int(row["processing"][1:3]), int(row["processing"][3:])
        row["processing_day"] = dt.date(2000 + year, 1, 1) + dt.timedelta(days=day - 1)
        rows.append(row)
    return rows


def totals(rows: list[dict]) -> dict:
    debits = [r for r in rows if r["code"] in ("17", "01", "18", "19")]
    contras = [r for r in rows if r["code"] == "99"]
    return {"debits": len(debits), "debit_total": sum((r["amount"] for r in debits), Decimal("0")),
            "contras": len(contras), "contra_total": sum((r["amount"] for r in contras), Decimal("0"))}
