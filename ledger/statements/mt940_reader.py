"""SWIFT MT940 customer statements, read with the ``mt-940`` package: :25: the account, :60F:/:60M: the
opening balance, :61: each line (with its :86: details), :62F:/:62M: the closing balance."""

from __future__ import annotations

import mt940

from ledger.statements import account_checks, structured
from ledger.statements.lines import refuse


def read(text: str, *, sha256: str, max_lines: int):
    try:
        transactions = mt940.models.Transactions()
        transactions.parse(text)
    except Exception as exc:  # the package raises many kinds on a malformed file
        raise refuse(f"This MT940 file cannot be read ({exc}). Nothing has been recorded: export it again.",
                     code="not_csv") from None
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if line.startswith(":61:")]
    data = transactions.data
    opening = data.get("final_opening_balance") or data.get("intermediate_opening_balance")
    closing = data.get("final_closing_balance") or data.get("intermediate_closing_balance")
    currencies = {balance.amount.currency for balance in (opening, closing) if balance is not None}
    entries = []
    for index, transaction in enumerate(transactions):
        details = transaction.data
        currencies.add(details.get("currency") or "GBP")
        reference = details.get("customer_reference") or ""
        entries.append(structured.Entry(
            line_number=lines[index] if index < len(lines) else index + 1, date=details["date"],
            amount=details["amount"].amount,
            description=details.get("transaction_details") or details.get("extra_details") or "",
            reference="" if reference == "NONREF" else reference, bank_type=details.get("id") or ""))
    identification = data.get("account_identification") or ""
    account = account_checks.account_of(identification.split("/")[-1]) if identification else None
    currency = next((c for c in currencies if c and c.upper() != "GBP"), "GBP")
    return structured.statement(
        code="mt940", sha256=sha256, entries=entries, account=account, currency=currency,
        opening=opening.amount.amount if opening is not None else None,
        closing=closing.amount.amount if closing is not None else None, max_lines=max_lines,
        why="a SWIFT MT940 statement (:20:, :25: and :61: fields)")
