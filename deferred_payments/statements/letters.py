"""The deferred payment agreement statement letter (``deferred_payments.statement``): made from the statement's
stored figures only, addressed by the client's correspondence rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from documents.choices import DocumentKind
from documents.letters import LetterSpec, addressing, letter_recipients, letterhead
from people.correspondence import client_name
from people.models import Client

TEMPLATE = "deferred_payments/letters/statement.html"


def money(amount) -> str:
    amount = Decimal(amount)
    return f"-£{-amount:,.2f}" if amount < 0 else f"£{amount:,.2f}"


def long_date(day) -> str:
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{day.day} {day:%B %Y}"


def statement_data(*, client: Client, on: dt.date, statement) -> dict:
    """What the statement says: the period, the opening debt, deferred amounts, interest by rate period, fees,
    payments, the closing debt and what remains of the equity limit."""
    to = letter_recipients(client=client, on=on)
    f = statement.figures
    return {
        "letterhead": letterhead(),
        "letter": {"title": DocumentKind.DPA_STATEMENT.label, "date": on, "reference": f["reference"],
                   "salutation": to["salutation"]},
        **addressing(to),
        "client": client_name(client),
        "kind": statement.get_kind_display(),
        "period": {"start_long": long_date(f["start"]), "end_long": long_date(f["end"])},
        "figures": {key: money(f[key]) for key in ("opening", "deferred", "fees", "interest", "payments", "other",
                                                   "closing", "accrued_not_added")},
        "interest_lines": [{"period": f"{long_date(line['starts_on'])} to {long_date(line['ends_on'])}",
                            "rate": f"{Decimal(line['annual_rate']).normalize():f}%", "amount": money(line["amount"]),
                            "working": line["working"]} for line in f["interest_lines"]],
        "fee_lines": f["fee_lines"],
        "has_other": Decimal(f["other"]) != 0,
        "accrued": Decimal(f["accrued_not_added"]) != 0,
        "equity": None if f["equity_limit"] is None else {
            "limit": money(f["equity_limit"]), "counted": money(f["counted"]), "remaining": money(f["equity_remaining"])},
    }


DPA_STATEMENT = LetterSpec(kind=DocumentKind.DPA_STATEMENT, title=DocumentKind.DPA_STATEMENT.label,
                           template_name=TEMPLATE, template_version="1", build=statement_data)
