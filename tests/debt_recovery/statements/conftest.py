"""Debtors with charges, payments and adjustments on their receivables around one charging period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from charging.selectors import period_from_label
from debt_recovery.services import debtor_account_open
from ledger.choices import TransactionKind
from ledger.receivables import charging_income_account
from ledger.services import PostingLine, transaction_post
from people import services as people_services
from people.services import AddressInput
from tests.factories import ClientFactory

#: 19 October to 15 November 2026: ended before the tests' today (the machine's date, December 2026 on).
PERIOD = period_from_label("2026-P08")


@pytest.fixture
def make_debtor(debt_team, debt_officer):
    """``make_debtor("Norman")``: a client of the debt team at home, and their own debtor account."""

    def make(first_name: str, **details):
        client = ClientFactory(first_name=first_name, last_name="Haworth", team=debt_team, team__officer=debt_officer)
        people_services.address_add(acting_user=debt_officer, client=client, data=AddressInput(
            kind="home", line_1=f"{len(first_name)} Mill Lane", town="Anytown", postcode="AN2 3CD",
            start_date=dt.date(2020, 1, 1)))
        return debtor_account_open(acting_user=debt_officer, client=client, kind="person",
                                   reason="Care charges invoiced", **details)

    return make


def adjust(user, account, amount: str, on: dt.date, key: str):
    """An adjustment (e.g. an amount written off): a ledger transaction of kind ``adjustment``."""
    income = charging_income_account(acting_user=user)
    return transaction_post(acting_user=user, effective_date=on, kind=TransactionKind.ADJUSTMENT,
                            memo="Written off", idempotency_key=key,
                            postings=[PostingLine(account, Decimal(amount)), PostingLine(income, -Decimal(amount))])
