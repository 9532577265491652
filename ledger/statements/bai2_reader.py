"""BAI2 files (the BAI's Cash Management Balance Reporting Specifications, version 2), read with the
``bai2`` package. Amounts are in pence with no decimal point; type codes 100-399 are money in and 400-699
money out; the group's as-of date dates its lines; the account record's 010 (opening ledger) and 015
(closing ledger) summaries are the statement's balances."""

from __future__ import annotations

from decimal import Decimal

from bai2 import bai2
from bai2.exceptions import IntegrityException, NotSupportedYetException, ParsingException

from ledger.statements import account_checks, structured
from ledger.statements.lines import refuse


def read(text: str, *, sha256: str, max_lines: int):
    try:
        parsed = bai2.parse_from_string(text, check_integrity=True)
    except (ParsingException, IntegrityException, NotSupportedYetException, ValueError, IndexError, KeyError,
            AttributeError) as exc:
        raise refuse(f"This BAI2 file cannot be read ({exc}). Nothing has been recorded: export it again.",
                     code="not_csv") from None
    detail_lines = [number for number, line in enumerate(text.splitlines(), start=1) if line.strip().startswith("16,")]
    entries, accounts, currencies = [], set(), set()
    opening = closing = None
    index = 0
    for group in parsed.children:
        currencies.add(group.header.currency or "")
        for account in group.children:
            header = account.header
            currencies.add(header.currency or "")
            found = account_checks.account_of(header.customer_account_number or "")
            accounts.add(found or (header.customer_account_number, ""))
            for summary in header.summary_items:
                if summary.type_code and summary.type_code.code == "010" and opening is None:
                    opening = Decimal(summary.amount or 0).scaleb(-2)
                if summary.type_code and summary.type_code.code == "015":
                    closing = Decimal(summary.amount or 0).scaleb(-2)
            for detail in account.children:
                number = detail_lines[index] if index < len(detail_lines) else index + 1
                index += 1
                amount = Decimal(detail.amount or 0).scaleb(-2)
                if detail.type_code.transaction.value == "debit":
                    amount = -amount
                entries.append(structured.Entry(
                    line_number=number, date=group.header.as_of_date, amount=amount,
                    description=detail.text or "", reference=detail.customer_reference or detail.bank_reference or "",
                    bank_type=detail.type_code.description or detail.type_code.code))
    if len(accounts) > 1:
        raise refuse("This BAI2 file reports more than one account. Nothing has been recorded: export the client "
                     "bank account's statement on its own.", code="wrong_account")
    account = next(iter(accounts)) if accounts else None
    currency = next((c for c in currencies if c and c.upper() != "GBP"), "GBP")
    return structured.statement(code="bai2", sha256=sha256, entries=entries,
                                account=account if account and account[1] else None, currency=currency,
                                opening=opening, closing=closing, max_lines=max_lines,
                                why="a BAI2 file (its first record is a 01 file header)")
