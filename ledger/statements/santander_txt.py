"""Santander's online banking "Download transactions" as a text file (TXT), the layout Santander's personal
online banking offers besides PDF: a ``From: <date> to <date>`` line and an ``Account:`` line, then one block
of four labelled lines for each transaction, the newest first::

    From: 01/11/2026 to 09/11/2026

    Account: XXXX XXXX XXXX 5678

    Date: 06/11/2026
    Description: CARD PAYMENT TO HIGH STREET PHARMACY ASC-100001
    Amount: -40.00
    Balance: 1374.40

The amount is signed (money out negative) and the balance is the running balance after the line; the
values may be padded with non-breaking spaces and followed by the currency. The file is in ISO-8859-1.

Sources (open-source importers that read this file; Santander does not publish the layout):
https://github.com/joesingo/bank-statements (``bank.py``, ``SantanderReader``: the header lines, the
four-line blocks, newest first, ISO-8859 encoding) and https://github.com/benhartley/ledger-santander
(``santander.awk``: the ``Date:``/``Description:``/``Amount:``/``Balance:`` labels).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ledger.statements import account_checks, structured, values
from ledger.statements.lines import refuse

_LABEL = re.compile(r"^\s*(From|Account|Date|Description|Amount|Balance)\s*:(.*)$", re.IGNORECASE)
_CURRENCY = re.compile(r"\s*\b([A-Z]{3})\s*$")


def is_santander_txt(text: str) -> bool:
    start = [line for line in text.lstrip("\ufeff").splitlines()[:6] if line.strip()]
    return (len(start) >= 2 and re.match(r"^\s*From:\s*\S+\s+to\s+\S+", start[0]) is not None
            and start[1].strip().startswith("Account:") and re.search(r"^\s*Date:", text, re.MULTILINE) is not None)


def _value(raw: str) -> str:
    return " ".join(raw.replace("\xa0", " ").split())


def _money(raw: str, *, what: str, currencies: set[str]):
    text = _value(raw)
    if match := _CURRENCY.search(text):
        currencies.add(match.group(1))
        text = text[:match.start()]
    return values.parse_money(text, what=what)


def read(text: str, *, sha256: str, max_lines: int):
    account_text = ""
    blocks: list[dict] = []
    errors: list[dict] = []
    currencies: set[str] = set()
    current: dict | None = None
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LABEL.match(line)
        if match is None:
            errors.append({"line": number, "problem": "the line is not one of From, Account, Date, Description, "
                                                      "Amount or Balance"})
            continue
        label, raw = match.group(1).lower(), match.group(2)
        if label == "account":
            account_text = _value(raw)
        elif label == "date":
            current = {"line": number, "date": raw, "description": "", "amount": None, "balance": None}
            blocks.append(current)
        elif label != "from":
            if current is None:
                errors.append({"line": number, "problem": f"the {label} comes before any Date"})
            else:
                current[label] = raw
    entries, balances = [], []
    for block in blocks:
        date = values.parse_date(_value(block["date"]))
        amount = (_money(block["amount"], what="amount", currencies=currencies) if block["amount"] is not None
                  else "the transaction has no Amount line")
        balance = (_money(block["balance"], what="balance", currencies=currencies) if block["balance"] is not None
                   else None)
        problems = [p for p in (date, amount, balance) if isinstance(p, str)]
        if problems:
            errors.extend({"line": block["line"], "problem": problem} for problem in problems)
            continue
        entries.append(structured.Entry(line_number=block["line"], date=date, amount=amount,
                                        description=_value(block["description"])))
        balances.append(balance)
    if errors:
        raise refuse("The file was not imported; nothing has been recorded. "
                     + "; ".join(f"Line {e['line']}: {e['problem']}" for e in errors[:20]) + ".",
                     code="invalid_lines", errors=errors[:1000])
    # Newest first: turned round, so a day's lines are applied in the order money moved.
    entries.reverse()
    balances.reverse()
    opening = closing = None
    notes: list[str] = []
    if entries and all(balance is not None for balance in balances):
        chained = all(balances[i - 1] + entries[i].amount == balances[i] for i in range(1, len(entries)))
        if chained:
            opening, closing = balances[0] - entries[0].amount, balances[-1]
        else:
            notes.append("The running balances do not add up line by line, so no opening or closing balance is "
                         "taken from them.")
    currency = next((c for c in currencies if c != "GBP"), "GBP")
    return structured.statement(
        code="santander_txt", sha256=sha256, entries=entries, currency=currency,
        account=account_checks.account_of(account_text) if account_text else None,
        opening=opening, closing=closing if opening is not None else None, max_lines=max_lines,
        why="Santander's text download (From:, Account:, then Date:, Description:, Amount:, Balance: for each "
            "transaction)", notes=notes)
