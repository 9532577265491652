"""The direct debit letters: the confirmation of a new Direct Debit Instruction, with the Direct Debit
Guarantee, and the advance notice of each collection. Registered with ``documents`` from
:func:`debt_recovery.directdebits.hooks.register`.

The Guarantee is printed exactly as published by the Direct Debit scheme at
https://www.directdebit.co.uk/direct-debit-explained/direct-debit-guarantee/ ("The Guarantee"), with the
council's name for "the organisation" and its notice period, as service users are required to ("Use only
the approved version of the Guarantee", ClearDebit, *Understanding the Direct Debit Guarantee*, 2023). The
copy we could read stops at "Written confirmation may be"; the last words are as printed below and are to be
checked against the sponsoring bank's copy (``docs/decisions.md``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings

from documents.choices import DocumentKind
from documents.letters import LetterSpec, addressing, letter_recipients, letterhead
from people.models import Client


def direct_debit_guarantee(*, organisation: str, notice_working_days: int) -> list[str]:
    """The Direct Debit Guarantee, paragraph by paragraph (the fourth is the second's sub-point in the
    published text)."""
    return [
        "The Guarantee is offered by all banks and building societies that accept instructions to pay Direct Debits",
        f"If there are any changes to the amount, date or frequency of your Direct Debit {organisation} will notify "
        f"you {notice_working_days} working days in advance of your account being debited or as otherwise agreed. "
        f"If you request {organisation} to collect a payment, confirmation of the amount and date will be given to "
        "you at the time of the request",
        f"If an error is made in the payment of your Direct Debit, by {organisation} or your bank or building "
        "society, you are entitled to a full and immediate refund of the amount paid from your bank or building "
        "society",
        f"If you receive a refund you are not entitled to, you must pay it back when {organisation} asks you to",
        "You can cancel a Direct Debit at any time by simply contacting your bank or building society. Written "
        "confirmation may be required. Please also notify us.",
    ]


def money(amount) -> str:
    return f"£{Decimal(amount):,.2f}"


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _common(*, kind: str, client: Client, on: dt.date, mandate) -> dict:
    to = letter_recipients(client=client, on=on)
    head = letterhead()
    return {
        "letterhead": head,
        "letter": {"title": DocumentKind(kind).label, "date": on, "reference": mandate.debtor.reference,
                   "salutation": to["salutation"]},
        **addressing(to),
        "mandate": {"reference": mandate.reference, "payer_name": mandate.payer_name,
                    "sort_code": mandate.sort_code_display, "account": mandate.account_number_masked,
                    "service_user_number": mandate.service_user_number,
                    "frequency": mandate.get_frequency_display().lower()},
        "bacs_name": settings.DIRECT_DEBITS["SERVICE_USER_NAME"],
        "guarantee": direct_debit_guarantee(organisation=head["council"],
                                            notice_working_days=settings.DIRECT_DEBITS["NOTICE_WORKING_DAYS"]),
    }


def confirmation_data(*, client: Client, on: dt.date, mandate) -> dict:
    data = _common(kind=DocumentKind.DD_CONFIRMATION, client=client, on=on, mandate=mandate)
    data["amount"] = (money(mandate.regular_amount) if mandate.amount_basis == "fixed"
                      else "the balance of your account when we write to you before each collection")
    data["first_on"] = long_date(mandate.first_collection_on)
    return data


def advance_notice_data(*, client: Client, on: dt.date, collection) -> dict:
    data = _common(kind=DocumentKind.DD_ADVANCE_NOTICE, client=client, on=on, mandate=collection.mandate)
    data.update(amount=money(collection.amount), due_on=long_date(collection.due_on),
                first=collection.transaction_code == "17")
    return data


CONFIRMATION = LetterSpec(kind=DocumentKind.DD_CONFIRMATION, title=DocumentKind.DD_CONFIRMATION.label,
                          template_name="debt_recovery/directdebits/letters/confirmation.html",
                          template_version="1", build=confirmation_data)
ADVANCE_NOTICE = LetterSpec(kind=DocumentKind.DD_ADVANCE_NOTICE, title=DocumentKind.DD_ADVANCE_NOTICE.label,
                            template_name="debt_recovery/directdebits/letters/advance_notice.html",
                            template_version="1", build=advance_notice_data)
LETTERS = (CONFIRMATION, ADVANCE_NOTICE)
