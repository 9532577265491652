"""Client affairs money on schedule: Peggy Thornton (North team, Olivia's case) with a deputyship order,
money in her account, and the pooled client bank account's own details recorded."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from deputyship.authority.choices import AuthorityKind
from deputyship.authority.services import authority_record
from ledger.choices import MoneyInCategory
from ledger.client_money import client_receipt_record
from ledger.imports import statement_import
from ledger.statements.bank_details import bank_details_set
from people.selectors import today
from tests.money import confirmed, second_officer

POOLED = ("600000", "12345678")


@pytest.fixture
def checker(officer):
    """Another officer of Olivia's team: the second person."""
    return second_officer(officer)


@pytest.fixture
def order(officer, north_client):
    return authority_record(acting_user=officer, client=north_client, kind=AuthorityKind.DEPUTY,
                            reference="COP 1234567", made_on=today() - dt.timedelta(days=400),
                            starts_on=today() - dt.timedelta(days=400), reason="Order received",
                            payment_limit=Decimal("5000.00"))


@pytest.fixture
def pooled_details(team_leader):
    return bank_details_set(acting_user=team_leader, sort_code=POOLED[0], account_number=POOLED[1],
                            reason="The client bank account")


@pytest.fixture
def fund(officer):
    def do(client, amount, *, on=None):
        return confirmed(client_receipt_record(
            acting_user=officer, client=client, amount=Decimal(amount), effective_date=on or today(),
            category=MoneyInCategory.STATE_PENSION, idempotency_key=f"fund-{uuid.uuid4()}"))
    return do


def natwest_csv(lines: list[tuple[dt.date, str, Decimal]]) -> bytes:
    """A NatWest statement export of the pooled account: (date, description, amount) lines, balances
    running from zero."""
    rows = ["Date,Type,Description,Value,Balance,Account Name,Account Number"]
    balance = Decimal("0.00")
    for day, description, amount in lines:
        balance += amount
        rows.append(f"{day:%d/%m/%Y},BAC,\"'{description}\",{amount},{balance},CLIENT MONEY POOLED,"
                    f"'{POOLED[0]}-{POOLED[1]}")
    return ("\n".join(rows) + "\n").encode()


@pytest.fixture
def import_statement(officer):
    def do(lines):
        return statement_import(acting_user=officer, file_name=f"{uuid.uuid4()}.csv", content=natwest_csv(lines),
                                commit=True)
    return do
