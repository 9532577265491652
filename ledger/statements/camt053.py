"""ISO 20022 camt.053 bank-to-customer statements (any version, 001.02 onwards), parsed with
``defusedxml`` (no entity expansion, no external entities): the account (IBAN or other id), the opening
(OPBD) and closing (CLBD) booked balances, and each booked entry (Ntry with status BOOK)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ledger.statements import account_checks, structured
from ledger.statements.lines import refuse


def _text(element, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None and found.text else ""


def _signed(element) -> tuple[Decimal, str]:
    amount = element.find("{*}Amt")
    value = Decimal((amount.text or "").strip())
    if _text(element, "{*}CdtDbtInd") == "DBIT":
        value = -value
    return value, amount.get("Ccy", "")


def read(text: str, *, sha256: str, max_lines: int):
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise refuse(f"This camt.053 file cannot be read ({type(exc).__name__}). Nothing has been recorded: "
                     "export it again.", code="not_csv") from None
    statements = root.findall(".//{*}Stmt")
    if len(statements) != 1:
        raise refuse(f"This camt.053 file holds {len(statements)} statements; one account's statement at a time "
                     "can be imported. Nothing has been recorded.", code="wrong_account")
    stmt = statements[0]
    try:
        acct = stmt.find("{*}Acct")
        iban = _text(acct, "{*}Id/{*}IBAN")
        other = _text(acct, "{*}Id/{*}Othr/{*}Id")
        account = account_checks.account_of(iban or other) if (iban or other) else None
        currencies = {_text(acct, "{*}Ccy")}
        opening = closing = None
        for balance in stmt.findall("{*}Bal"):
            code = _text(balance, "{*}Tp/{*}CdOrPrtry/{*}Cd")
            value, currency = _signed(balance)
            currencies.add(currency)
            if code == "OPBD":
                opening = value
            elif code == "CLBD":
                closing = value
        entries, notes = [], []
        for number, entry in enumerate(stmt.findall("{*}Ntry"), start=1):
            status = _text(entry, "{*}Sts/{*}Cd") or _text(entry, "{*}Sts")
            if status and status != "BOOK":
                notes.append(f"Entry {number} is not booked ({status}); it was skipped.")
                continue
            value, currency = _signed(entry)
            currencies.add(currency)
            day = _text(entry, "{*}BookgDt/{*}Dt") or _text(entry, "{*}BookgDt/{*}DtTm")[:10]
            details = entry.find("{*}NtryDtls/{*}TxDtls")
            description = " ".join(part for part in (
                _text(details, "{*}RltdPties/{*}Dbtr/{*}Nm") if value > 0 else _text(details, "{*}RltdPties/{*}Cdtr/{*}Nm"),
                " ".join((u.text or "") for u in details.findall("{*}RmtInf/{*}Ustrd")) if details is not None else "",
                _text(entry, "{*}AddtlNtryInf"),
            ) if part)
            reference = _text(details, "{*}Refs/{*}EndToEndId")
            entries.append(structured.Entry(
                line_number=number, date=dt.date.fromisoformat(day), amount=value, description=description,
                reference="" if reference == "NOTPROVIDED" else reference,
                bank_type=_text(entry, "{*}BkTxCd/{*}Prtry/{*}Cd") or _text(entry, "{*}BkTxCd/{*}Domn/{*}Fmly/{*}Cd")))
    except (AttributeError, InvalidOperation, ValueError) as exc:
        raise refuse(f"This camt.053 file is incomplete ({type(exc).__name__}: an amount, date or indicator is "
                     "missing or wrong). Nothing has been recorded: export it again.", code="not_csv") from None
    currency = next((c for c in currencies if c and c.upper() != "GBP"), "GBP")
    return structured.statement(code="camt053", sha256=sha256, entries=entries, account=account, currency=currency,
                                opening=opening, closing=closing, max_lines=max_lines, notes=notes,
                                why="an ISO 20022 camt.053 statement (its XML namespace names camt.053)")
