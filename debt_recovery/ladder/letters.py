"""The recovery ladder's letters: the reminder, the final reminder and the letter before claim, each
built from the debtor account and what it owes as the day's ladder run sees it. Registered with
``documents`` by :class:`debt_recovery.apps.DebtRecoveryConfig`.

The letter before claim follows the Pre-Action Protocol for Debt Claims (Civil Procedure Rules, in
force 1 October 2017, https://www.justice.gov.uk/courts/procedure-rules/civil/protocol/pre-action-protocol-for-debt-claims):
it says how much is owed, whether interest or other charges continue, what the debt is for, how to pay
and how to discuss paying, and where to send the reply form; it encloses an up-to-date statement of
account, the Information Sheet and Reply Form (the protocol's Annex 1) and a financial statement form;
and it gives the debtor **30 days** from the date of the letter to reply before a claim is started.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import connection

from debt_recovery.ladder.selectors import INVOICE_DUE_DAYS
from documents.choices import DocumentKind
from documents.letters import LetterSpec, addressing, letter_recipients, letterhead
from people.models import Client

#: The Pre-Action Protocol for Debt Claims: the debtor has 30 days from the date of the letter of claim
#: to reply (justice.gov.uk, "Pre-Action Protocol for Debt Claims", "Responding to the Letter of Claim").
LETTER_BEFORE_CLAIM_REPLY_DAYS = 30

#: The reminders ask for payment within this many days (the council's choice; the domain notes give the
#: reminder's timing, not its payment window, so this is set here and shown on the letter).
REMINDER_PAY_WITHIN_DAYS = 14

DEFAULT_DEBT_LETTER = {
    "phone": "01632 960000",
    "online": "www.council.example/pay",
    "direct_debit": "To pay by Direct Debit, phone us on 01632 960000.",
    "bank": "Pay by bank transfer to the council's account, quoting your reference.",
    "advice": "Free, independent debt advice: MoneyHelper, www.moneyhelper.org.uk, 0800 138 7777; "
              "Citizens Advice, www.citizensadvice.org.uk; National Debtline, www.nationaldebtline.org, "
              "0808 808 4000.",
    "reply_address_lines": [],  # where the reply form goes; empty: the letterhead's address
}

#: The Standard Financial Statement's headings (Money and Pensions Service, sfs.moneyadviceservice.org.uk),
#: the financial statement form enclosed with a letter before claim.
FINANCIAL_STATEMENT_HEADINGS = {
    "Income": ["Earnings from work", "Benefits and tax credits", "Pensions", "Other income"],
    "Fixed costs": ["Housing (rent, mortgage, service charges)", "Council Tax", "Utilities (gas, electricity, water)",
                    "Insurance", "Care charges already being paid"],
    "Flexible costs": ["Food and housekeeping", "Personal costs (clothing, toiletries)", "Communications and leisure",
                       "Travel"],
    "Priority debts": ["Rent or mortgage arrears", "Council Tax arrears", "Energy arrears", "Other priority debts"],
    "Other debts": ["Credit cards, loans and catalogues", "Other"],
}


def debt_letter_details() -> dict:
    return {**DEFAULT_DEBT_LETTER, **getattr(settings, "COUNCIL_DEBT_LETTER", {})}


def money(amount) -> str:
    return f"£{Decimal(amount):,.2f}"


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def debtor_recipients(*, debtor, client: Client, on: dt.date) -> dict:
    """Who the letter goes to: the contact on the account when the account says letters go to them (a
    top-up payer, a business), otherwise as the person's correspondence rule says."""
    if debtor.letters_to == "contact" and debtor.contact is not None and debtor.contact.contact.address.strip():
        person = debtor.contact.contact
        party = {"kind": "contact", "name": debtor.name, "address_lines": person.address.strip().splitlines(),
                 "role": "", "label": debtor.name}
        return {"addressee": party, "copies": [], "salutation": f"Dear {debtor.name}", "about": "",
                "because": "The debtor account says letters go to this contact."}
    return letter_recipients(client=client, on=on)


STATEMENT_SQL = """
SELECT t.effective_date, t.memo, p.amount
FROM ledger_posting p JOIN ledger_transaction t ON t.id = p.transaction_id
WHERE p.account_id = %(account)s AND p.effective_date <= %(on)s AND p.effective_date >= %(since)s
ORDER BY p.effective_date, p.id
"""
OPENING_SQL = """
SELECT COALESCE(SUM(amount), 0) FROM ledger_posting
WHERE account_id = %(account)s AND effective_date < %(since)s
"""


def statement_of_account(*, ledger_account_id: int, since: dt.date, on: dt.date) -> dict:
    """The up-to-date statement of account: the balance brought forward to ``since``, each charge and
    payment since with the running balance, and the balance on ``on``."""
    params = {"account": ledger_account_id, "since": since, "on": on}
    with connection.cursor() as cursor:
        cursor.execute(OPENING_SQL, params)
        balance = cursor.fetchone()[0]
        opening = balance
        cursor.execute(STATEMENT_SQL, params)
        lines = []
        for day, memo, amount in cursor.fetchall():
            balance += amount
            lines.append({"date": long_date(day), "what": memo or ("Charge" if amount > 0 else "Payment or credit"),
                          "charge": money(amount) if amount > 0 else "", "credit": money(-amount) if amount < 0 else "",
                          "balance": money(balance)})
    return {"since": long_date(since), "opening": money(opening), "lines": lines, "closing": money(balance)}


def _common(*, kind: str, debtor, client: Client, on: dt.date, overdue, due_since: dt.date) -> dict:
    to = debtor_recipients(debtor=debtor, client=client, on=on)
    return {
        "letterhead": letterhead(),
        "letter": {"title": DocumentKind(kind).label, "date": on, "reference": debtor.reference,
                   "salutation": to["salutation"]},
        **addressing(to),
        "client": {"full_name": client.full_name, "deceased": bool(client.date_of_death)},
        "debtor": {"name": debtor.name, "reference": debtor.reference},
        "overdue": money(overdue),
        "due_since": long_date(due_since),
        "payment": debt_letter_details(),
    }


def reminder_data(*, client: Client, on: dt.date, debtor, overdue, due_since: dt.date, balance) -> dict:
    data = _common(kind=DocumentKind.DEBT_REMINDER, debtor=debtor, client=client, on=on, overdue=overdue,
                   due_since=due_since)
    data.update(balance=money(balance), pay_by=long_date(on + dt.timedelta(days=REMINDER_PAY_WITHIN_DAYS)))
    return data


def final_reminder_data(*, client: Client, on: dt.date, debtor, overdue, due_since: dt.date, balance) -> dict:
    data = reminder_data(client=client, on=on, debtor=debtor, overdue=overdue, due_since=due_since, balance=balance)
    data["letter"]["title"] = DocumentKind.DEBT_FINAL_REMINDER.label
    return data


#: What a letter before claim encloses, in the order the letter lists them and they follow it.
LETTER_BEFORE_CLAIM_ENCLOSURES = (
    "Statement of account",
    "Information sheet",
    "Reply form",
    "Financial statement form",
)


def letter_before_claim_data(*, client: Client, on: dt.date, debtor, overdue, due_since: dt.date, balance) -> dict:
    data = _common(kind=DocumentKind.DEBT_LETTER_BEFORE_CLAIM, debtor=debtor, client=client, on=on,
                   overdue=overdue, due_since=due_since)
    reply_by = on + dt.timedelta(days=LETTER_BEFORE_CLAIM_REPLY_DAYS)
    details = data["payment"]
    data.update(
        balance=money(balance),
        reply_by=long_date(reply_by),
        reply_by_iso=reply_by.isoformat(),
        reply_days=LETTER_BEFORE_CLAIM_REPLY_DAYS,
        reply_address_lines=details["reply_address_lines"] or data["letterhead"]["address_lines"],
        interest="No interest or other charges are being added to this debt." if not debtor.late_payment_interest_applies
        else "Statutory interest under the Late Payment of Commercial Debts (Interest) Act 1998 may continue to "
             "be added to this debt.",
        what_for=(f"Charges for care and support arranged by the council for {client.full_name} under the Care "
                  "Act 2014, invoiced every four weeks. Section 69 of the Care Act 2014 allows the council to "
                  "recover unpaid charges as a debt."),
        # From the invoice date of the oldest charge still unpaid: every charge owed, and every payment since.
        statement=statement_of_account(ledger_account_id=debtor.ledger_account_id,
                                       since=due_since - dt.timedelta(days=INVOICE_DUE_DAYS), on=on),
        enclosures=list(LETTER_BEFORE_CLAIM_ENCLOSURES),
        financial_statement=FINANCIAL_STATEMENT_HEADINGS,
    )
    return data


REMINDER = LetterSpec(kind=DocumentKind.DEBT_REMINDER, title=DocumentKind.DEBT_REMINDER.label,
                      template_name="debt_recovery/letters/reminder.html", template_version="1", build=reminder_data)
FINAL_REMINDER = LetterSpec(kind=DocumentKind.DEBT_FINAL_REMINDER, title=DocumentKind.DEBT_FINAL_REMINDER.label,
                            template_name="debt_recovery/letters/final_reminder.html", template_version="1",
                            build=final_reminder_data)
LETTER_BEFORE_CLAIM = LetterSpec(kind=DocumentKind.DEBT_LETTER_BEFORE_CLAIM,
                                 title=DocumentKind.DEBT_LETTER_BEFORE_CLAIM.label,
                                 template_name="debt_recovery/letters/letter_before_claim.html", template_version="1",
                                 build=letter_before_claim_data)
LADDER_LETTERS = (REMINDER, FINAL_REMINDER, LETTER_BEFORE_CLAIM)
