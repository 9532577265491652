"""A bank's CSV export read against its layout: every line checked, every problem named by line.

Tolerant of what real exports carry: lines of account details above the headings (up to
:data:`MAX_DETAIL_LINES`), trailing empty columns, separate money-in and money-out columns, dates such
as ``13 Mar 2023`` and ``13/03/23``, amounts such as ``.54``, apostrophes that keep numbers as text in a
spreadsheet, balance-only lines (skipped and said so) and newest-first order (turned round)."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from ledger.statements import account_checks, checks, recognise
from ledger.statements.layouts import LAYOUTS, Layout
from ledger.statements.lines import ParsedFile, ParsedLine, refuse
from ledger.statements.values import parse_date, parse_money

#: Rows above the headings that may hold account details (account name, sort code, dates...).
MAX_DETAIL_LINES = 20
#: A line with no amount but a balance, or a description such as this, is the bank's balance, not a line.
_BALANCE_LINE = re.compile(r"^(balance|opening balance|closing balance|balance (brought|carried) forward|"
                           r"(brought|carried) forward|b/f|c/f|start balance|end balance)\b", re.IGNORECASE)
_ACCOUNT_CURRENCY = re.compile(r"\s([A-Z]{3})$")
#: A heading such as "Amount (EUR)": the export of an account in another currency.
_CURRENCY_IN_HEADING = re.compile(r"\((?!GBP\))([A-Z]{3})\)")
_CURRENCY_IN_DETAILS = re.compile(r"\bcurrency\b\W*([A-Z]{3})\b", re.IGNORECASE)


def _normal(heading: str) -> str:
    return " ".join(heading.strip().lstrip("\ufeff").strip('"').split()).lower()


def _match(headings: list[str], layouts) -> tuple[Layout, dict[str, int]] | None:
    found: dict[str, int] = {}
    for index, heading in enumerate(headings):
        found.setdefault(_normal(heading), index)
    for layout in layouts:
        if all(column.lower() in found for column in layout.columns):
            wanted = [layout.date, layout.description, *layout.description_extra, layout.amount, layout.money_in,
                      layout.money_out, layout.sort_code,
                      layout.reference, layout.bank_type, layout.balance, layout.account, layout.currency]
            return layout, {column: found[column.lower()] for column in wanted if column and column.lower() in found}
    return None


def _by_position(row: list[str], layouts) -> tuple[Layout, dict[str, int]] | None:
    """A layout read by field position whose fingerprint this line of data fits, and its columns' places."""
    for layout in layouts:
        if not layout.positions or len(row) < max(place for place, _ in layout.fingerprint) + 1:
            continue
        if all(re.fullmatch(pattern, row[place].strip()) for place, pattern in layout.fingerprint):
            return layout, dict(layout.positions)
    return None


def _shown(row: list[str]) -> str:
    text = ", ".join(cell.strip() for cell in row if cell.strip()) or "none"
    return text if len(text) <= 200 else text[:200] + "…"


def read_csv(text: str, *, sha256: str, max_lines: int, max_errors: int, layouts=LAYOUTS,
             max_errors_shown: int = 20, more_layouts=None) -> ParsedFile:
    """The statement. ``more_layouts``, if given, is called (once, only if no row matches ``layouts``) for
    further layouts to try: those mapped by team leaders, read from the database only when needed."""
    extra: list = []
    pending: list[tuple[int, list[str]]] = []
    recognise.refuse_structured(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    details: list[list[str]] = []
    first: list[str] | None = None
    first_line = 1
    try:
        while True:
            row = next(reader)
            if not any(cell.strip() for cell in row):
                continue
            if first is None:
                first, first_line = row, reader.line_num
            matched = _match(row, layouts)
            if not matched and (positional := _by_position(row, layouts)):
                # No headings row: this is the first line of data, read again below.
                layout, index = positional
                headings, heading_line, pending = list(layout.columns), reader.line_num - 1, [(reader.line_num, row)]
                break
            if not matched and more_layouts is not None:
                if not extra:
                    extra.append(tuple(more_layouts()))
                matched = _match(row, extra[0])
            for heading in row:
                if found := _CURRENCY_IN_HEADING.search(heading):
                    recognise.refuse_currency(found.group(1), f"line {reader.line_num} has the heading '{heading}'")
            if matched:
                headings, (layout, index) = row, matched
                heading_line = reader.line_num
                break
            details.append(row)
            if len(details) > MAX_DETAIL_LINES:
                raise StopIteration
    except StopIteration:
        if first is None:
            raise refuse("The file is empty.", code="empty_file") from None
        raise refuse(
            f"Line {first_line}: the column headings are not a layout this system knows. The headings must be "
            f"those of {recognise.supported_text()}. Export the statement in one of these layouts, or ask a client "
            f"affairs team leader to map your bank's layout in the browser (Client money, Bank statements, Add a "
            f"bank's statement layout) from this file; it is then recognised. This file's first row is: "
            f"{_shown(first)}.",
            code="unknown_layout",
            errors=[{"line": first_line, "problem": "the column headings are not a known layout"}],
        ) from None
    except csv.Error as exc:
        raise refuse(f"Line {reader.line_num}: this is not a CSV file ({exc}).", code="not_csv",
                     errors=[{"line": reader.line_num, "problem": f"not CSV: {exc}"}]) from None

    detail_text = [" ".join(cell.strip() for cell in row if cell.strip()) for row in details]
    for line in detail_text:
        if (found := _CURRENCY_IN_DETAILS.search(line)) and found.group(1).upper() != "GBP":
            recognise.refuse_currency(found.group(1).upper(), f"the account details say '{line[:80]}'")
    card = recognise.card_statement_reason(headings=headings, details=detail_text, accounts=set())
    if card:
        recognise.refuse_card(card)

    width = max(index.values()) + 1
    heading_count = len(headings)
    while heading_count and not headings[heading_count - 1].strip():
        heading_count -= 1  # trailing empty columns
    if layout.positions:
        heading_count = width  # read by position: the fields the layout needs
    lines: list[ParsedLine] = []
    errors: list[dict] = []
    notes: list[str] = []
    accounts: set[str] = set()
    bank_accounts: set[tuple[str, str]] = set()
    count = 0

    def problem(line: int, what: str) -> None:
        if len(errors) < max_errors:
            errors.append({"line": line, "problem": what})

    while True:
        if pending:
            number, row = pending.pop()
        else:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                problem(reader.line_num, f"this is not valid CSV ({exc})")
                break
            number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # blank lines (often at the end of an export) are not statement lines
        count += 1
        if count > max_lines:
            problem(number, f"the file has more than {max_lines:,} lines; the most that can be imported at once is "
                            f"{max_lines:,}. Export a shorter period")
            break
        if len(row) < width:
            problem(number, f"the line has {len(row)} columns; the {'layout' if layout.positions else 'headings'} "
                            f"{'needs' if layout.positions else 'have'} {heading_count}")
            continue

        def cell(column: str | None) -> str:
            return row[index[column]].strip() if column and column in index else ""

        if layout.currency and cell(layout.currency) and cell(layout.currency).upper() not in ("GBP", "£"):
            recognise.refuse_currency(cell(layout.currency).upper(), f"line {number} says so")
        if layout.account and cell(layout.account):
            account = cell(layout.account).lstrip("'")
            if layout.account_has_currency and (found := _ACCOUNT_CURRENCY.search(account)) \
                    and found.group(1) != "GBP":
                recognise.refuse_currency(found.group(1), f"line {number} gives the account as '{account}'")
            found_account = account_checks.account_of(account, sort_code=cell(layout.sort_code))
            if found_account:
                bank_accounts.add(found_account)
            accounts.add(account)

        description = " ".join(" ".join(cell(column).lstrip("'") for column in (layout.description,
                                                                               *layout.description_extra)).split())
        amount, bad = _amount(layout, cell)
        balance = None
        if layout.balance and cell(layout.balance):
            balance = parse_money(cell(layout.balance), what="balance")
        if amount is None and not bad and (isinstance(balance, Decimal) or _BALANCE_LINE.match(description)):
            shown = description or "no description"
            notes.append(f"Line {number} gives the account's balance, not money in or out ({shown}); "
                         "it was skipped.")
            continue
        if amount is None and not bad:
            bad = ["there is no amount"]
        if isinstance(amount, Decimal) and amount == 0:
            bad.append("the amount is £0.00, which moves nothing")
        date = parse_date(cell(layout.date))
        if isinstance(date, str):
            bad.insert(0, date)
        if isinstance(balance, str):
            bad.append(balance)
        reference = " ".join(cell(layout.reference).lstrip("'").split())
        if len(description) > 500 or len(reference) > 100:
            bad.append("the description or reference is too long (500 and 100 characters at most)")
        if bad:
            for what in bad:
                problem(number, what)
            continue
        lines.append(ParsedLine(line_number=number, date=date, amount=amount, description=description,
                                reference=reference, bank_type=" ".join(cell(layout.bank_type).split())[:100],
                                bank_balance=balance))

    card = recognise.card_statement_reason(headings=[], details=[], accounts=accounts)
    if card:
        recognise.refuse_card(card)
    if errors:
        shown = "; ".join(f"Line {e['line']}: {e['problem']}" for e in errors[:max_errors_shown])
        more = len(errors) - max_errors_shown
        raise refuse(
            f"The file was not imported; nothing has been recorded. {shown}"
            + (f"; and {more} more problems." if more > 0 else "."),
            code="invalid_lines", errors=errors,
        )
    if not lines:
        raise refuse("The file has column headings but no statement lines.", code="empty_file")
    ordered, order_note = checks.order_lines(lines, newest_first=layout.newest_first)
    if order_note:
        notes.append(order_note)
    opening, closing, broken = checks.balances(ordered)
    warnings = checks.warnings(ordered)
    if broken:
        warnings.append(broken)
    above = (f", below {len(details)} line{'s' if len(details) != 1 else ''} of "
             f"account details" if details else "")
    if layout.positions:
        reason = (f"The lines from line {heading_line + 1}{above} have the fields of {layout.label}'s export, read "
                  f"by position ({layout.headings_text()}).")
    else:
        reason = f"The headings on line {heading_line}{above} are those of {layout.label}'s export " \
                 f"({layout.headings_text()})."
    return ParsedFile(
        layout=layout, sha256=sha256, lines=ordered, reason=reason,
        warnings=warnings, notes=notes, accounts=frozenset(bank_accounts), opening_balance=opening,
        closing_balance=closing,
    )


def _amount(layout: Layout, cell) -> tuple[Decimal | None, list[str]]:
    """The signed amount (money in positive), None if the line has none, and what is wrong with it."""
    if layout.amount:
        text = cell(layout.amount)
        if not text:
            return None, []
        value = parse_money(text, what="amount")
        if isinstance(value, str):
            return None, [value]
        return (-value if layout.in_is_negative else value), []
    paid_in, paid_out = cell(layout.money_in), cell(layout.money_out)
    values: dict[str, Decimal] = {}
    bad = []
    for name, text in (("money in", paid_in), ("money out", paid_out)):
        if text:
            value = parse_money(text, what=f"{name} amount")
            if isinstance(value, str):
                bad.append(value)
            elif value != 0:
                values[name] = abs(value)
    if bad:
        return None, bad
    if len(values) == 2:
        return None, ["the line has both money in and money out"]
    if not values:
        return (Decimal("0.00") if paid_in or paid_out else None), []
    return (values["money in"] if "money in" in values else -values["money out"]), []
