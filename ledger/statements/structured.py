"""Statements in structured formats: BAI2 (:mod:`.bai2_reader`), SWIFT MT940 (:mod:`.mt940_reader`),
ISO 20022 camt.053 (:mod:`.camt053`) and Santander's text download (:mod:`.santander_txt`). Each gives the statement's lines, its account, and its opening and
closing balances, which must agree with the lines; a statement in another currency is refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ledger.statements import checks, recognise
from ledger.statements.layouts import Layout
from ledger.statements.lines import ParsedFile, ParsedLine, refuse

FORMATS = {
    "bai2": Layout(code="bai2", label="BAI2 (cash management balance reporting)", columns=(), date="",
                   description="", source="BAI Cash Management Balance Reporting Specifications, version 2"),
    "mt940": Layout(code="mt940", label="SWIFT MT940 customer statement", columns=(), date="", description="",
                    source="SWIFT MT940 (Customer Statement Message), category 9 standards"),
    "santander_txt": Layout(code="santander_txt", label="Santander online banking (text download)", columns=(),
                            date="", description="",
                            source="https://github.com/joesingo/bank-statements; "
                                   "https://github.com/benhartley/ledger-santander"),
    "camt053": Layout(code="camt053", label="ISO 20022 camt.053 bank-to-customer statement", columns=(), date="",
                      description="", source="ISO 20022 camt.053 (BankToCustomerStatement) message definition"),
}


@dataclass
class Entry:
    line_number: int
    date: dt.date
    amount: Decimal
    description: str
    reference: str = ""
    bank_type: str = ""


def statement(*, code: str, sha256: str, entries: list[Entry], account: tuple[str, str] | None, currency: str,
              opening: Decimal | None, closing: Decimal | None, max_lines: int, why: str,
              notes: list[str] | None = None) -> ParsedFile:
    """The parsed file, after the checks every structured format shares."""
    if currency and currency.upper() != "GBP":
        recognise.refuse_currency(currency.upper(), "the statement says so")
    if not entries:
        raise refuse("The statement has no lines.", code="empty_file")
    if len(entries) > max_lines:
        raise refuse(f"The file has more than {max_lines:,} lines; the most that can be imported at once is "
                     f"{max_lines:,}. Export a shorter period.", code="invalid_lines")
    errors = []
    for entry in entries:
        if entry.amount == 0:
            errors.append({"line": entry.line_number, "problem": "the amount is £0.00, which moves nothing"})
        if len(entry.description) > 500 or len(entry.reference) > 100:
            errors.append({"line": entry.line_number,
                           "problem": "the description or reference is too long (500 and 100 characters at most)"})
    if errors:
        raise refuse("The file was not imported; nothing has been recorded. "
                     + "; ".join(f"Line {e['line']}: {e['problem']}" for e in errors[:20]) + ".",
                     code="invalid_lines", errors=errors)
    total = sum((entry.amount for entry in entries), Decimal("0.00"))
    if opening is not None and closing is not None and opening + total != closing:
        raise refuse(
            f"The statement's balances do not agree with its lines: it opens at £{opening:,.2f} and closes at "
            f"£{closing:,.2f}, but its lines add up to £{total:,.2f}. Nothing has been recorded: the file is "
            "incomplete or has been edited; export it again.", code="balances_do_not_agree",
            errors=[{"line": 1, "problem": "the balances do not agree with the lines"}])
    lines = [ParsedLine(line_number=e.line_number, date=e.date, amount=e.amount.quantize(Decimal("0.01")),
                        description=" ".join(e.description.split()), reference=" ".join(e.reference.split()),
                        bank_type=" ".join(e.bank_type.split())[:100], bank_balance=None) for e in entries]
    ordered, _ = checks.order_lines(lines, newest_first=False)
    layout = FORMATS[code]
    return ParsedFile(layout=layout, sha256=sha256, lines=ordered, reason=f"The file is {why}.",
                      warnings=checks.warnings(ordered), notes=notes or [],
                      accounts=frozenset([account]) if account else frozenset(),
                      opening_balance=opening, closing_balance=closing)


def read_structured(text: str, *, sha256: str, max_lines: int) -> ParsedFile | None:
    """The statement, if the file is in a structured format read here; None if it is not."""
    kind = recognise.structured_kind(text)
    if kind == "bai2":
        from ledger.statements.bai2_reader import read
    elif kind == "mt940":
        from ledger.statements.mt940_reader import read
    elif kind == "camt053":
        from ledger.statements.camt053 import read
    elif kind == "santander_txt":
        from ledger.statements.santander_txt import read
    else:
        return None
    return read(text, sha256=sha256, max_lines=max_lines)
