"""A payment run's two files. Pure: lines in, text out.

**The Bacs Standard 18 payment file** (:func:`bacs_payment_file`): one direct credit record (transaction
code 99) per payment to the payee's sort code and account, from the council's pooled client bank account,
then the contra: a debit record (code 17) to the pooled account for the total. Records and the layout's
sources are in :mod:`ledger.bacs_standard18`.

**The bulk-payment CSV** (:func:`bulk_csv`), in a layout chosen by configuration
(``DEPUTYSHIP_PAYMENTS["CSV_LAYOUT"]``) from :data:`CSV_LAYOUTS`, each the published import format of a
bank or Bacs software, as data: its columns in order, from the fields :data:`FIELDS` knows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from ledger.bacs_standard18 import CREDIT_CODE, Line, Originator, bacs_text, credits_file


@dataclass(frozen=True)
class Payment:
    """One payment of a run, as the files carry it."""

    sort_code: str
    account_number: str
    payee: str
    amount: Decimal
    reference: str


def bacs_payment_file(*, originator: Originator, payments: list[Payment], processing_day: dt.date) -> str:
    return credits_file(originator=originator, processing_day=processing_day, contra_narrative="CLIENT PAYMENTS",
                        lines=[Line(sort_code=p.sort_code, account_number=p.account_number, code=CREDIT_CODE,
                                    amount=p.amount, reference=p.reference, payer_name=p.payee) for p in payments])


def _pounds(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"


#: What a CSV column can hold, by name.
FIELDS = {
    "dest_sort_code": lambda p, o, day: p.sort_code,
    "dest_account_number": lambda p, o, day: p.account_number,
    "dest_name": lambda p, o, day: bacs_text(p.payee, 18).rstrip(),
    "amount": lambda p, o, day: _pounds(p.amount),
    "transaction_code": lambda p, o, day: CREDIT_CODE,
    "orig_sort_code": lambda p, o, day: o.sort_code,
    "orig_account_number": lambda p, o, day: o.account_number,
    "orig_name": lambda p, o, day: bacs_text(o.name, 18).rstrip(),
    "reference": lambda p, o, day: bacs_text(p.reference, 18).rstrip(),
    "date": lambda p, o, day: f"{day:%d/%m/%Y}",
    "account_code": lambda p, o, day: "0",
}


@dataclass(frozen=True)
class CsvLayout:
    code: str
    label: str
    source: str
    columns: tuple[str, ...]
    header: tuple[str, ...] | None = None


#: The layouts, as their publishers describe them.
CSV_LAYOUTS = {
    layout.code: layout for layout in (
        # Paygate, "BACS Payment Editor CSV format" (portal.paygate.cloud, PaygateEnterprise 2.1.2): "CSV, comma
        # separated; Use CRLF characters as line terminator; No Header; No Trailer"; columns 1-10: Destination
        # Sort Code (6n), Destination Account Number (8n), Destination Name (18a), Amount ("9/2 Decimal ... In
        # UK Pounds, 2 places of decimal"), Transaction Code (2a, e.g. 99), Originating Sort Code, Originating
        # Account Number, Originator's Name (18a), Service User Reference (18a), Date (dd/mm/yyyy, optional).
        CsvLayout("bacs-payment-csv", "Bacs payment CSV (Bacstel-IP payment editor)",
                  "Paygate, BACS Payment Editor CSV format",
                  ("dest_sort_code", "dest_account_number", "dest_name", "amount", "transaction_code",
                   "orig_sort_code", "orig_account_number", "orig_name", "reference", "date")),
        # Bank of Scotland Business Online, "Creating a new Excel .CSV file for BACS ... payments": Column A
        # Beneficiary Name, B Reference, C Beneficiary Sort Code, D Beneficiary Account Number, E Amount
        # ("ten pounds is 10.00"), F Account Code ("Value is always 0 (Zero)"), G Transaction Code. That page
        # lists the debit codes; a credit carries 99 (ledger.bacs_standard18).
        CsvLayout("business-online-bacs", "Business Online Bacs CSV (Bank of Scotland)",
                  "Bank of Scotland Business Online, Creating a .CSV file for BACS payments",
                  ("dest_name", "reference", "dest_sort_code", "dest_account_number", "amount", "account_code",
                   "transaction_code")),
    )
}


def bulk_csv(*, layout: CsvLayout, originator: Originator, payments: list[Payment], processing_day: dt.date) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if layout.header:
        writer.writerow(layout.header)
    for payment in payments:
        writer.writerow([FIELDS[column](payment, originator, processing_day) for column in layout.columns])
    return out.getvalue()
