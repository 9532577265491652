"""The four-weekly invoice: the data it is made from, gathered from the charges the run made for the
period, formatted as the pages show them. Registered with ``documents`` by
:class:`charging.apps.ChargingConfig`.
"""

from __future__ import annotations

import datetime as dt

from charging.assessments import presentation
from charging.assessments.backdating import long_date
from charging.assessments.letters import payment_details
from documents.choices import DocumentKind
from documents.letters import LetterSpec, addressing, letter_recipients, letterhead
from people.models import Client


def _what(change: dict) -> str:
    """An adjustment's row: "Change to the care charges: now £X, already charged £Y"."""
    title = change["title"]
    return "Change to the care charges" + (f": {title.split(': ', 1)[1]}" if ": " in title else "")


def _invoice_line(line: dict) -> dict:
    start, end = dt.date.fromisoformat(line["period_start"]), dt.date.fromisoformat(line["period_end"])
    change = bool(line.get("sequence"))
    return {
        "dates": f"{long_date(start)} to {long_date(end)}",
        "what": _what(line) if change else "Care charges",
        "title": line["title"],
        "amount": presentation.money(line["amount"]),
        "pieces": [{"text": piece["text"], "amount": presentation.money(piece["amount"])}
                   for piece in line.get("pieces", [])],
    }


def invoice_data(*, client: Client, on: dt.date, invoice) -> dict:
    """What the invoice says: the period it is for and, when it also carries earlier periods (charged
    for the first time after a backdated assessment, or charged again), how much of it is for them and
    from when, in its opening sentence; each period as its own row with its dates and amount, and the
    pieces each is made of ("6 Apr to 19 Apr: 2 weeks at £143.85 a week"); the total, when and how to
    pay. ``invoice`` is a :class:`charging.models.Invoice` (perhaps not yet saved). The split and the
    total are ``charging.run.services.invoice_parts``, the calculation the run stored as the invoice's amount."""
    from charging.run.services import invoice_parts  # the run asks for this letter: import it when used

    to = letter_recipients(client=client, on=on)
    payment = payment_details()
    due = on + dt.timedelta(days=payment.get("invoice_due_days", 14))
    parts = invoice_parts(invoice.lines, period_start=invoice.period_start)
    if parts.total != invoice.amount:  # the same calculation: anything else is a bug, not a letter to send
        raise ValueError(f"The invoice's lines come to {parts.total}, not its amount {invoice.amount}.")
    total = invoice.amount
    return {
        "letterhead": letterhead(),
        "letter": {
            "title": DocumentKind.CHARGE_INVOICE.label,
            "date": on,
            "reference": client.council_reference,
            "salutation": to["salutation"],
            "invoice_number": f"{client.council_reference}-{invoice.period}",
        },
        **addressing(to),
        "client": {"full_name": client.full_name, "deceased": bool(client.date_of_death)},
        "period": {"label": invoice.period, "start_long": long_date(invoice.period_start),
                   "end_long": long_date(invoice.period_end)},
        "this_period": {"lines": [_invoice_line(line) for line in parts.this_period],
                        "total": presentation.money(str(parts.this_period_total))},
        "earlier": {
            "lines": [_invoice_line(line) for line in parts.earlier],
            "total": presentation.money(str(parts.earlier_total)),
            "credit": parts.earlier_total < 0,
            "total_abs": presentation.money(str(abs(parts.earlier_total))),
            "from_long": long_date(parts.earlier_from) if parts.earlier_from else "",
        },
        "parts": [part for part in (
            {"heading": f"This period: {long_date(invoice.period_start)} to {long_date(invoice.period_end)}",
             "lines": [_invoice_line(line) for line in parts.this_period]},
            {"heading": "Earlier periods", "lines": [_invoice_line(line) for line in parts.earlier]},
        ) if part["lines"]],
        "lines": [
            {"title": line["title"], "amount": presentation.money(line["amount"]),
             "pieces": [{"text": piece["text"], "amount": presentation.money(piece["amount"])}
                        for piece in line.get("pieces", [])]}
            for line in invoice.lines
        ],
        "total": presentation.money(str(total)),
        "credit": total < 0,
        "due_long": long_date(due),
        "payment": payment,
    }


CHARGE_INVOICE = LetterSpec(
    kind=DocumentKind.CHARGE_INVOICE,
    title=DocumentKind.CHARGE_INVOICE.label,
    template_name="charging/letters/invoice.html",
    template_version="2",
    build=invoice_data,
)
