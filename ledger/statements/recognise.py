"""What kind of file an upload is, before it is read as CSV: a statement in a format this system does not
read is refused with a sentence naming the format, never with its contents repeated as 'headings'."""

from __future__ import annotations

import re

from ledger.statements.layouts import LAYOUTS
from ledger.statements.lines import refuse

_CARD_NUMBER = re.compile(r"^[\d*Xx]{4}[\s-]?[\d*Xx]{4}[\s-]?[\d*Xx]{4}[\s-]?\d{4}$")
_CARD_WORDS = re.compile(r"credit\s*card|barclaycard|mastercard|\bvisa\b|\bamex\b|american express|card member",
                         re.IGNORECASE)
_CARD_HEADINGS = {"card number", "card member", "cardholder", "card holder", "card no", "card no."}


def supported_text() -> str:
    """What can be imported, for a refusal."""
    layouts = "; ".join(f"{layout.label} ({layout.headings_text()})" for layout in LAYOUTS)
    return f"a CSV export in one of these layouts: {layouts}"


def structured_format(text: str) -> str | None:
    """The name of a statement format this file is in that is not a CSV export, if it is one."""
    start = text.lstrip()[:400]
    if start.startswith("<"):
        if "camt.053" in text[:4000]:
            return "an ISO 20022 camt.053 (XML) statement"
        if start.upper().startswith("<OFX") or "<OFX>" in text[:4000].upper():
            return "an OFX (Money) file"
        return "an XML or HTML file"
    if start.upper().startswith("OFXHEADER"):
        return "an OFX (Money) file"
    if start.startswith("!Type:") or start.startswith("!Account"):
        return "a QIF (Quicken) file"
    if re.match(r"^01,[^,\n]*,[^,\n]*,\d{6},", start):
        return "a BAI2 file"
    if re.search(r"^(\{1:[^\n]*)?:20:", start, re.MULTILINE) and ":25:" in text[:4000]:
        return "a SWIFT MT940 statement"
    from ledger.statements.santander_txt import is_santander_txt

    if is_santander_txt(text[:4000]):
        return "Santander's text download"
    return None


def structured_kind(text: str) -> str | None:
    """The code of a structured format read here (``ledger.statements.structured``), if the file is in one."""
    kind = structured_format(text)
    return {"an ISO 20022 camt.053 (XML) statement": "camt053", "a BAI2 file": "bai2",
            "a SWIFT MT940 statement": "mt940", "Santander's text download": "santander_txt"}.get(kind or "")


def refuse_structured(text: str) -> None:
    """Refuses a file in a format not read here, naming the format and what can be imported."""
    kind = structured_format(text)
    if kind:
        raise refuse(
            f"This file is {kind}, which this system cannot import. Export the statement from online banking "
            f"as a BAI2, SWIFT MT940 or ISO 20022 camt.053 statement, or as {supported_text()}.",
            code="unsupported_format",
            errors=[{"line": 1, "problem": f"the file is {kind}"}],
        )


def is_card_number(text: str) -> bool:
    return bool(_CARD_NUMBER.match(text.strip().lstrip("'")))


def card_statement_reason(*, headings: list[str], details: list[str], accounts: set[str]) -> str | None:
    """Why this export is of a credit card rather than a bank account, if it is."""
    found = {heading.strip().lower() for heading in headings}
    if found & _CARD_HEADINGS:
        return "its headings name a card"
    for line in details:
        if _CARD_WORDS.search(line):
            return f"its account details say '{' '.join(line.split())[:80]}'"
    for account in accounts:
        if is_card_number(account):
            return f"its account number '{account}' is a card number"
    return None


def refuse_card(reason: str) -> None:
    raise refuse(
        f"This is a credit-card statement ({reason}), not a statement of the council's client bank account. "
        "A card statement's amounts are signed the other way round, so it cannot be imported: export the "
        "client bank account's statement instead.", code="card_statement",
        errors=[{"line": 1, "problem": "a credit-card statement"}],
    )


def refuse_currency(currency: str, where: str) -> None:
    raise refuse(
        f"This statement is in {currency} ({where}). Only statements of an account in pounds sterling (GBP) "
        "can be imported: export the client bank account's statement instead.", code="foreign_currency",
        errors=[{"line": 1, "problem": f"the statement is in {currency}"}],
    )
