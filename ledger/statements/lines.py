"""What a statement reader produces: the lines, the layout recognised and why, and what the preview says."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from core.exceptions import ApplicationError


@dataclass(frozen=True)
class ParsedLine:
    line_number: int
    date: dt.date
    amount: Decimal
    description: str
    reference: str
    bank_type: str
    bank_balance: Decimal | None
    #: The line's place in the order money moved (the file's order, turned round for a newest-first export
    #: and put in running-balance order within a day); lines of one day are applied in this order.
    order: int = 0


@dataclass(frozen=True)
class ParsedFile:
    layout: object  # a ledger.statements.layouts.Layout
    sha256: str
    lines: list[ParsedLine]
    #: Why this layout was recognised, in a sentence for the preview.
    reason: str = ""
    #: Things the officer should look at before importing (the file is still importable).
    warnings: list[str] = field(default_factory=list)
    #: Things the reader did that the officer should know of (lines skipped as not statement lines...).
    notes: list[str] = field(default_factory=list)
    #: The accounts the file names, as (sort code, account number), six and eight digits.
    accounts: frozenset = frozenset()
    #: The balance before the first line and after the last, where the file's running balances give them.
    opening_balance: Decimal | None = None
    closing_balance: Decimal | None = None


def refuse(message: str, *, code: str, errors: list[dict] | None = None) -> ApplicationError:
    return ApplicationError(message, code=code, extra={"errors": errors or []})
