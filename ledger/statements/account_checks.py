"""Checks that protect the ledger before a statement is planned: the file is of the council's client bank
account, and its balances chain with the previous statement imported. A wrong-account or broken-chain
file is refused and nothing is written; a gap since the last statement is shown in the preview."""

from __future__ import annotations

import datetime as dt
import re

from ledger.choices import Purpose
from ledger.models import Account, StatementImport
from ledger.statements.lines import ParsedFile, refuse

_IBAN = re.compile(r"^GB\d{2}[A-Z]{4}(\d{6})(\d{8})$")


def account_of(text: str, *, sort_code: str = "") -> tuple[str, str] | None:
    """(sort code, account number) from what a statement says of its account: ``'600000-12345678``,
    ``20-32-06 13152170``, ``309999-12345678 GBP``, an IBAN, or a number with a separate sort code."""
    compact = re.sub(r"[\s'-]", "", text.upper())
    if match := _IBAN.match(compact):
        return match.group(1), match.group(2)
    if "*" in text or "XXXX" in compact:
        return None  # masked
    digits = re.sub(r"\D", "", text)
    if sort_code:
        sort = re.sub(r"\D", "", sort_code)
        if len(sort) == 6 and len(digits) == 8:
            return sort, digits
        return None
    if len(digits) == 14:
        return digits[:6], digits[6:]
    return None


def shown(account: tuple[str, str]) -> str:
    sort, number = account
    return f"{sort[:2]}-{sort[2:4]}-{sort[4:]} {number}"


def check(parsed: ParsedFile) -> list[str]:
    """Refuses a file of another account or whose balances do not follow on from the last statement's;
    returns what the preview should show (a gap since the last statement, an account not checked)."""
    found: list[str] = []
    if len(parsed.accounts) > 1:
        raise refuse("This file holds the statements of more than one account ("
                     + ", ".join(shown(a) for a in sorted(parsed.accounts)) + "). Nothing has been recorded: export "
                     "the client bank account's statement on its own.", code="wrong_account")
    bank = Account.objects.filter(purpose=Purpose.POOLED_BANK).order_by("id").first()
    if parsed.accounts:
        account = next(iter(parsed.accounts))
        if bank is not None and bank.bank_sort_code and bank.bank_account_number:
            ours = (bank.bank_sort_code, bank.bank_account_number)
            if account != ours:
                raise refuse(
                    f"This statement is of account {shown(account)}, not the council's client bank account "
                    f"({shown(ours)}). Nothing has been recorded: export the statement of {shown(ours)} and import "
                    "that.", code="wrong_account",
                    errors=[{"line": 1, "problem": f"the statement is of account {shown(account)}"}])
        else:
            found.append(f"The file is of account {shown(account)}. The client bank account's sort code and number "
                         "are not recorded, so this could not be checked.")
    first = min(line.date for line in parsed.lines)
    previous = (StatementImport.objects.filter(last_date__isnull=False).order_by("-last_date", "-id").first())
    if previous is not None and first > previous.last_date:
        if (parsed.opening_balance is not None and previous.closing_balance is not None
                and parsed.opening_balance != previous.closing_balance):
            raise refuse(
                f"The balances do not follow on: this statement opens at £{parsed.opening_balance:,.2f} on "
                f"{first:%d/%m/%Y}, but the last statement imported ({previous.file_name}) closed at "
                f"£{previous.closing_balance:,.2f} on {previous.last_date:%d/%m/%Y}. Nothing has been recorded: "
                "a statement between them is missing, or this file is not the client bank account's. Import the "
                "missing statement first.", code="broken_chain",
                errors=[{"line": parsed.lines[0].line_number, "problem": "the opening balance does not follow on"}])
        if first - previous.last_date > dt.timedelta(days=1):
            found.append(f"No statement has been imported for {previous.last_date + dt.timedelta(days=1):%d/%m/%Y} "
                         f"to {first - dt.timedelta(days=1):%d/%m/%Y}: the last one ({previous.file_name}) ended on "
                         f"{previous.last_date:%d/%m/%Y}.")
    return found
