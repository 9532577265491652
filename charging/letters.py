"""The "Your financial assessment" letter: the data it is made from, gathered from the approved
assessment's stored result (never worked out again), formatted by ``charging.presentation`` as the
pages show it. Registered with ``documents`` by :class:`charging.apps.ChargingConfig`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from charging import presentation
from charging.backdating import long_date
from charging.choices import CareSetting
from documents.choices import DocumentKind
from documents.letters import LetterSpec, addressing, letter_recipients, letterhead
from people.models import Client

#: How to pay and how to ask for a review. A council sets its own with ``COUNCIL_CHARGING_LETTER`` in
#: the settings (same keys); these are placeholders in the reserved example ranges, consistent with
#: the letterhead (``documents.letters.DEFAULT_LETTERHEAD``).
DEFAULT_PAYMENT = {
    "invoice_frequency": "every four weeks, for the four weeks before",
    "direct_debit": "Direct Debit is the easiest way to pay. To set one up, phone us on 01632 960000 or fill "
                    "in the Direct Debit form at www.council.example/care-charges.",
    "phone": "01632 960000",
    "online": "www.council.example/pay",
    "review_days": 28,
    "review_reply_working_days": 20,
    "ombudsman": "Local Government and Social Care Ombudsman, www.lgo.org.uk, 0300 061 0614",
}


def payment_details() -> dict:
    return {**DEFAULT_PAYMENT, **getattr(settings, "COUNCIL_CHARGING_LETTER", {})}


def assessment_letter_data(*, client: Client, on: dt.date, assessment) -> dict:
    """What the letter says: the charge, the council's share, the cost of care, when the charge
    starts (with the backdating explanation), every line of the working, the figures used, how to
    pay and how to ask for a review. ``assessment`` is approved (or being approved) and belongs to
    ``client``."""
    if assessment.client_id != client.pk:
        raise ValueError("The assessment is not this client's.")
    to = letter_recipients(client=client, on=on)
    result = assessment.result
    payment = payment_details()
    review_by = on + dt.timedelta(days=payment["review_days"])
    package = assessment.care_package
    return {
        "letterhead": letterhead(),
        "letter": {
            "title": DocumentKind.ASSESSMENT_LETTER.label,
            "date": on,
            "reference": client.council_reference,
            "salutation": to["salutation"],
        },
        **addressing(to),
        "client": {"full_name": client.full_name, "deceased": bool(client.date_of_death)},
        "assessment": {
            "id": assessment.pk,
            "setting": assessment.setting,
            "setting_label": CareSetting(assessment.setting).label,
            "residential": assessment.setting == CareSetting.RESIDENTIAL,
            "assessment_date": assessment.assessment_date,
            "assessment_date_long": long_date(assessment.assessment_date),
            "effective_from": assessment.effective_from,
            "effective_from_long": long_date(assessment.effective_from),
            "backdating_explanation": assessment.backdating_explanation,
            "provider": package.provider_name,
        },
        "charge": presentation.charge_summary(result),
        "working": [
            {"heading": group["heading"], "lines": [line.as_dict() for line in group["lines"]]}
            for group in presentation.working_sections(result)
        ],
        # The figures, without their sources: the sources are for staff, on the assessment's page.
        "rates": [
            {"name": rate["name"], "amount": presentation.money(rate["amount"]),
             "effective_from": long_date(dt.date.fromisoformat(rate["effective_from"]))}
            for rate in presentation.rates_used(result)
        ],
        "payment": {**payment, "review_by": review_by, "review_by_long": long_date(review_by)},
    }


ASSESSMENT_LETTER = LetterSpec(
    kind=DocumentKind.ASSESSMENT_LETTER,
    title=DocumentKind.ASSESSMENT_LETTER.label,
    template_name="charging/letters/assessment.html",
    template_version="2",
    build=assessment_letter_data,
)


# --- the invoice ---------------------------------------------------------------------------------

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
    total are ``charging.run.invoice_parts``, the calculation the run stored as the invoice's amount."""
    from charging.run import invoice_parts  # the run asks for this letter: import it when used

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
