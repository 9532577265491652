"""Bacs Standard 18 data records, for every part that writes a Bacs file: direct debit collections and
AUDDIS instructions (debt recovery) and direct credit payment runs from the pooled client account
(client affairs).

Pure: no ORM, no I/O. Each record is fixed length, 106 characters: the 100-character Standard 18 data
record and the 6-character processing day that Bacs input accepts after it ("The BACS input format can be
either 100 or 106 bytes. The additional 6 bytes are used to specify individual processing dates",
IBM Sterling B2B Integrator, *Domestic format for the United Kingdom*, citing Bacs Interchange Standards
v18/9). Layout (1-based positions; field list and order as Access PaySuite's *Create a BACS Standard 18
file* and the Co-operative Bank's fixed positions 1-6, 7-14, 16-17, 36-46, 65-82, 101-106):

====== ==== =====================================================================
1-6       6 destination sorting code (the payer's, or the payee's for a credit)
7-14      8 destination account number
15        1 destination account type: 0
16-17     2 transaction code: 17 first, 01 regular, 18 re-presented, 19 final collection;
            0N new instruction, 0C cancellation, 0S conversion (AUDDIS); 99 a direct credit or the contra
            credit of a debit file; 17 the contra debit of a credit file
18-23     6 originating sorting code (the service user's account)
24-31     8 originating account number
32-35     4 free format: blank
36-46    11 amount in pence, right-justified, zero-filled (zeros for AUDDIS)
47-64    18 service user's name (the contra: its narrative)
65-82    18 service user's reference (the contra: ``CONTRA``)
83-100   18 destination account name (the contra: the service user's name)
101-106   6 processing day: a space then YYDDD (year and day of the year)
====== ==== =====================================================================

Transaction codes (Unified Software, *Bacs transaction codes*): "17 - Direct Debit regular collection, or
credit contra (debit record to balance credit records)"; "99 - Direct Credit, or debit contra (credit record
to balance debit records)". So a collection file ends with a 99 contra crediting the service user's account
with the total of its debits, and a payment (credit) file ends with a 17 contra debiting it with the total
of its credits.

Characters: Bacs accepts upper-case A-Z, 0-9, full stop, slash, ampersand, hyphen and space; anything
else is dropped and text is cut to its field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

RECORD_LENGTH = 106
CREDIT_CODE = "99"
CONTRA_CREDIT_CODE = "99"  # the contra of a debit file
CONTRA_DEBIT_CODE = "17"  # the contra of a credit file
LINE_END = "\r\n"
_NOT_BACS = re.compile(r"[^A-Z0-9./&\- ]")


class Standard18Error(ValueError):
    pass


@dataclass(frozen=True)
class Originator:
    """The council as a Bacs service user: its number, its name, and the account the file's money leaves or
    reaches."""

    service_user_number: str
    name: str
    sort_code: str
    account_number: str


@dataclass(frozen=True)
class Line:
    """One record: a collection or a credit (amount > 0) or an AUDDIS instruction (amount 0).
    ``payer_name`` is the destination account's name (the payer of a debit, the payee of a credit)."""

    sort_code: str
    account_number: str
    code: str
    amount: Decimal
    reference: str
    payer_name: str


def bacs_text(value: str, width: int) -> str:
    return _NOT_BACS.sub("", value.upper())[:width].ljust(width)


def julian(day: dt.date) -> str:
    """The processing day as Bacs writes it: a space, the year's last two digits and the day of the year."""
    return f" {day:%y}{day.timetuple().tm_yday:03d}"


def pence(amount: Decimal) -> int:
    value = amount * 100
    if value != value.to_integral_value():
        raise Standard18Error(f"{amount} is not a whole number of pence.")
    return int(value)


def _digits(value: str, width: int, what: str) -> str:
    if not re.fullmatch(rf"[0-9]{{{width}}}", value or ""):
        raise Standard18Error(f"The {what} must be {width} digits, not {value!r}.")
    return value


def record(*, originator: Originator, line: Line, processing_day: dt.date) -> str:
    amount = pence(line.amount)
    if not 0 <= amount <= 99_999_999_999:
        raise Standard18Error(f"The amount {line.amount} does not fit a Bacs record.")
    text = (
        _digits(line.sort_code, 6, "sort code") + _digits(line.account_number, 8, "account number") + "0"
        + line.code + _digits(originator.sort_code, 6, "originating sort code")
        + _digits(originator.account_number, 8, "originating account number") + " " * 4
        + f"{amount:011d}" + bacs_text(originator.name, 18) + bacs_text(line.reference, 18)
        + bacs_text(line.payer_name, 18) + julian(processing_day)
    )
    assert len(text) == RECORD_LENGTH
    return text


def credits_file(*, originator: Originator, lines: list[Line], processing_day: dt.date,
                 contra_narrative: str = "PAYMENTS") -> str:
    """Direct credits (code 99) to each payee, then the contra debiting the originator's account (code 17)
    with their total."""
    if not lines:
        raise Standard18Error("A payment file needs at least one payment.")
    for line in lines:
        if line.code != CREDIT_CODE or line.amount <= 0:
            raise Standard18Error(f"{line.reference}: a payment needs code 99 and an amount.")
    total = sum((line.amount for line in lines), Decimal("0"))
    contra = Line(sort_code=originator.sort_code, account_number=originator.account_number, code=CONTRA_DEBIT_CODE,
                  amount=total, reference="CONTRA", payer_name=originator.name)
    records = [record(originator=originator, line=line, processing_day=processing_day) for line in lines]
    records.append(record(originator=Originator(originator.service_user_number, contra_narrative,
                                                originator.sort_code, originator.account_number),
                          line=contra, processing_day=processing_day))
    return LINE_END.join(records) + LINE_END
