"""Bacs Standard 18 files for the council's bureau: AUDDIS instructions and direct debit collections.

Pure: no ORM, no I/O. The records are written by :mod:`ledger.bacs_standard18`, shared with the
payment runs of client affairs. Each record is fixed length, 106 characters: the 100-character Standard 18 data
record and the 6-character processing day that Bacs input accepts after it ("The BACS input format can be
either 100 or 106 bytes. The additional 6 bytes are used to specify individual processing dates",
IBM Sterling B2B Integrator, *Domestic format for the United Kingdom*, citing Bacs Interchange Standards
v18/9). Layout (1-based positions; field list and order as Access PaySuite's *Create a BACS Standard 18
file* and the Co-operative Bank's fixed positions 1-6, 7-14, 16-17, 36-46, 65-82, 101-106):

====== ==== =====================================================================
1-6       6 destination sorting code (the payer's)
7-14      8 destination account number
15        1 destination account type: 0
16-17     2 transaction code: 17 first, 01 regular, 18 re-presented, 19 final collection;
            0N new instruction, 0C cancellation, 0S conversion (AUDDIS); 99 the contra credit
18-23     6 originating sorting code (the council's collection account)
24-31     8 originating account number
32-35     4 free format: blank
36-46    11 amount in pence, right-justified, zero-filled (zeros for AUDDIS)
47-64    18 service user's name (the contra: its narrative)
65-82    18 service user's reference: the mandate's Bacs reference (the contra: ``CONTRA``)
83-100   18 destination account name (the payer; the contra: the service user's name)
101-106   6 processing day: a space then YYDDD (year and day of the year)
====== ==== =====================================================================

A collection file ends with one contra record: a credit (99) to the council's own account for the total
of the debits, as the Oracle JD Edwards *Format for Allied Irish Bank* describes (the company's sort code
and account, "Sum of the payment amounts in the data records"). An AUDDIS file has none (FinDock,
*Bacs Direct Debit Instruction* file structure lists no contra). The volume and file labels (VOL1, HDR1,
HDR2, UHL1, EOF1, EOF2, UTL1; FinDock, *Bacs Direct Debit collection file*) are written by the bureau's
Bacstel-IP software when it submits the file, so they are not in ours: see ``docs/decisions.md``.

Characters: Bacs accepts upper-case A-Z, 0-9, full stop, slash, ampersand, hyphen and space; anything
else is dropped and text is cut to its field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

# The record writer is shared with client affairs' payment runs (ledger.bacs_standard18); these names are
# this module's API as before.
from ledger.bacs_standard18 import (  # noqa: F401
    LINE_END,
    RECORD_LENGTH,
    Line,
    Originator,
    Standard18Error,
    bacs_text,
    julian,
    pence,
    record,
)

CONTRA_CODE = "99"
DEBIT_CODES = ("17", "01", "18", "19")
AUDDIS_CODES = ("0N", "0C", "0S")


def collections_file(*, originator: Originator, lines: list[Line], processing_day: dt.date) -> str:
    """The debits, then the contra crediting the council's account with their total."""
    if not lines:
        raise Standard18Error("A collection file needs at least one collection.")
    for line in lines:
        if line.code not in DEBIT_CODES or line.amount <= 0:
            raise Standard18Error(f"{line.reference}: a collection needs a debit code and an amount.")
    total = sum((line.amount for line in lines), Decimal("0"))
    contra = Line(sort_code=originator.sort_code, account_number=originator.account_number, code=CONTRA_CODE,
                  amount=total, reference="CONTRA", payer_name=originator.name)
    records = [record(originator=originator, line=line, processing_day=processing_day) for line in lines]
    records.append(record(originator=Originator(originator.service_user_number, "DD COLLECTIONS",
                                                originator.sort_code, originator.account_number),
                          line=contra, processing_day=processing_day))
    return LINE_END.join(records) + LINE_END


def auddis_file(*, originator: Originator, lines: list[Line], processing_day: dt.date) -> str:
    if not lines:
        raise Standard18Error("An AUDDIS file needs at least one instruction.")
    for line in lines:
        if line.code not in AUDDIS_CODES or line.amount != 0:
            raise Standard18Error(f"{line.reference}: an AUDDIS instruction has an AUDDIS code and no amount.")
    return LINE_END.join(record(originator=originator, line=line, processing_day=processing_day)
                         for line in lines) + LINE_END
