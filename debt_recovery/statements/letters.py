"""The statement of account letter (``debt_recovery.statement``): the data it is made from, the
statement's stored figures, addressed as the debtor account says (:func:`debtor_recipients`).

**How to pay** comes from the council's payment details, the same ones its care charges invoices
print: ``COUNCIL_CHARGING_LETTER`` in the settings (Direct Debit, phone and online card payment),
over charging's placeholders (``charging.selectors.payment_details``), and the letterhead's address
and phone (``COUNCIL_LETTERHEAD``). The reference to quote is the debtor's reference.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from charging.selectors import payment_details
from core.exceptions import ApplicationError
from debt_recovery.accounts.choices import LettersTo, PaymentMethod
from documents.choices import DocumentKind
from documents.letters import LetterSpec, addressing, letter_recipients, letterhead
from people.correspondence import client_name, role_of
from people.models import Client

TEMPLATE = "debt_recovery/letters/statement.html"


def money(amount: Decimal) -> str:
    """"£1,234.56"; a credit as "-£30.15"."""
    return f"-£{-amount:,.2f}" if amount < 0 else f"£{amount:,.2f}"


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def debtor_recipients(*, debtor, on: dt.date) -> dict:
    """Who the debtor's letters go to, in :func:`documents.letters.letter_recipients`' shape: the contact
    named on the account when its letters go there (a representative, a top-up payer), at the address
    held for that contact; otherwise the person's own correspondence rule. Refuses, with a sentence
    (code ``no_postal_address``), when there is no address to post it to."""
    if debtor.letters_to != LettersTo.CONTACT or debtor.contact is None:
        return letter_recipients(client=debtor.client, on=on)
    contact = debtor.contact.contact
    lines = [line.strip().rstrip(",") for line in contact.address.splitlines() if line.strip()]
    if not lines:
        raise ApplicationError(f"{contact.name} has no postal address on the record, so we cannot post the letter "
                               "to them.", code="no_postal_address")
    role = role_of(debtor.contact)
    return {
        "addressee": {"kind": "contact", "name": contact.name, "address_lines": lines, "role": role,
                      "label": f"{contact.name} ({role})"},
        "copies": [],
        "salutation": f"Dear {contact.name}",
        "about": client_name(debtor.client),
        "because": "The debtor account says its letters go to this contact.",
    }


def statement_data(*, client: Client, on: dt.date, statement) -> dict:
    """What the statement says: the period, the opening balance, the charges, payments and adjustments
    dated in it, the closing balance (what is owed, or the credit) and how to pay."""
    debtor = statement.debtor
    to = debtor_recipients(debtor=debtor, on=on)
    start = statement.period_start
    end = start + dt.timedelta(days=27)
    closing = statement.closing_balance
    return {
        "letterhead": letterhead(),
        "letter": {"title": DocumentKind.DEBT_STATEMENT.label, "date": on, "reference": debtor.reference,
                   "salutation": to["salutation"]},
        **addressing(to),
        "debtor": {"reference": debtor.reference, "name": debtor.name, "client": client_name(client),
                   "direct_debit": debtor.payment_method == PaymentMethod.DIRECT_DEBIT},
        "period": {"label": statement.period, "start_long": long_date(start), "end_long": long_date(end)},
        "figures": {
            "opening": money(statement.opening_balance),
            "charges": money(statement.charges),
            "payments": money(statement.payments),
            "adjustments": money(statement.adjustments),
            "closing": money(closing),
        },
        "owed": closing > 0,
        "credit": money(-closing) if closing < 0 else "",
        "payment": payment_details(),
    }


DEBT_STATEMENT = LetterSpec(
    kind=DocumentKind.DEBT_STATEMENT,
    title=DocumentKind.DEBT_STATEMENT.label,
    template_name=TEMPLATE,
    template_version="1",
    build=statement_data,
)
