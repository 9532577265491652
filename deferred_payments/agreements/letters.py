"""The deferred payment agreement document: a contract between the council, the person or their
representative and, where relevant, the care home, with the terms copied onto the agreement when it was
offered. Its data is gathered when it is asked for, so the stored document is exactly what was offered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from documents.choices import DocumentKind
from documents.letters import LetterSpec, addressing, letter_recipients, letterhead
from people.models import Client


def money(amount) -> str:
    return f"£{Decimal(amount):,.2f}"


def agreement_data(*, client: Client, on: dt.date, agreement_id: int) -> dict:
    from deferred_payments.agreements.models import Agreement
    from deferred_payments.agreements.services import required_parties
    from deferred_payments.applications.services import application_equity_limit

    agreement = Agreement.objects.select_related("application", "home", "policy").get(pk=agreement_id)
    application = agreement.application
    to = letter_recipients(client=client, on=on)
    limit = application_equity_limit(application, policy=agreement.policy)
    fees = agreement.fees or {}
    rate = (f"a fixed {agreement.fixed_rate.normalize():f}% a year" if agreement.rate_kind == "fixed" else
            "the national maximum rate for each six-month period (1 January to 30 June, 1 July to 31 December), "
            "set under regulation 9 of the Care and Support (Deferred Payment) Regulations 2014")
    return {
        "letterhead": letterhead(),
        "letter": {"title": DocumentKind.DPA_AGREEMENT.label, "date": on, "reference": agreement.reference,
                   "salutation": to["salutation"]},
        **addressing(to),
        "agreement": {
            "reference": agreement.reference, "person": client.full_name,
            "representative": application.representative_name, "care_home": application.care_home_name,
            "home": agreement.home.address if agreement.home else "",
            "share": f"{application.share_percent.normalize():f}%" if application.share_percent else "",
            "valuation": money(application.valuation_value) if application.valuation_value is not None else "",
            "valuation_on": f"{application.valuation_on:%-d %B %Y}" if application.valuation_on else "",
            "valuer": application.valuer,
            "equity_limit": money(agreement.equity_limit) if agreement.equity_limit is not None else "",
            "equity_lines": limit.lines if limit else [],
            "allowance": (money(application.disposable_income_allowance)
                          if application.disposable_income_allowance is not None else ""),
            "rate": rate, "compounding": agreement.get_compounding_display().lower(),
            "day_basis": agreement.get_day_basis_display().lower(),
            "interest_counts": agreement.interest_counts_to_limit, "fees_count": agreement.fees_count_to_limit,
            "fees": [(label, money(fees[key])) for key, label in (
                ("setup_fee", "Setting up the agreement"), ("valuation_fee", "Valuation"),
                ("annual_fee", "Administration, each year"), ("discharge_fee", "Ending the agreement"))
                if key in fees and Decimal(fees[key])],
            "parties": [p.label for p in required_parties(agreement)],
        },
    }


AGREEMENT_LETTER = LetterSpec(kind=DocumentKind.DPA_AGREEMENT, title=DocumentKind.DPA_AGREEMENT.label,
                              template_name="deferred_payments/letters/agreement.html", template_version="1",
                              build=agreement_data)
