"""The "Your financial assessment" letter: the data it is made from, gathered from the approved
assessment's stored result (never worked out again), formatted by ``charging.assessments.presentation`` as the
pages show it. Registered with ``documents`` by :class:`charging.apps.ChargingConfig`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from charging.assessments import presentation
from charging.assessments.backdating import long_date
from charging.assessments.choices import CareSetting
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


