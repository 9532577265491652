"""A debt recovery team, its officer and leader, a client it holds, and helpers that post charges and
payments to a receivable through the ledger's one way in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.roles import Role
from ledger.choices import TransactionKind
from ledger.receivables import charging_income_account, council_bank_account
from ledger.services import PostingLine, transaction_post
from people.choices import Service
from tests.factories import ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory


@pytest.fixture
def debt_team(db):
    return TeamFactory(name="Debt recovery", service=Service.DEBT_RECOVERY)


@pytest.fixture
def debt_officer(debt_team):
    user = UserFactory(username="dev", first_name="Dev", last_name="Malhotra", roles=[Role.OFFICER])
    TeamMembershipFactory(team=debt_team, user=user)
    return user


@pytest.fixture
def debt_leader(debt_team):
    user = UserFactory(username="joan", first_name="Joan", last_name="Leader", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=debt_team, user=user, is_leader=True)
    return user


@pytest.fixture
def debtor_client(debt_team, debt_officer):
    return ClientFactory(first_name="Norman", last_name="Haworth", team=debt_team, team__officer=debt_officer)


class Ledger:
    """Charges and payments on a receivable, keyed so that each call posts once."""

    def __init__(self, user):
        self.user = user
        self.n = 0

    def charge(self, account, amount: str, on: dt.date):
        self.n += 1
        income = charging_income_account(acting_user=self.user)
        return transaction_post(acting_user=self.user, effective_date=on, kind=TransactionKind.CHARGE,
                                memo=f"Care charges {self.n}", idempotency_key=f"test-charge-{account.pk}-{self.n}",
                                postings=[PostingLine(account, Decimal(amount)), PostingLine(income, -Decimal(amount))])

    def pay(self, account, amount: str, on: dt.date):
        self.n += 1
        bank = council_bank_account(acting_user=self.user)
        return transaction_post(acting_user=self.user, effective_date=on, kind=TransactionKind.RECEIPT,
                                memo=f"Payment {self.n}", idempotency_key=f"test-pay-{account.pk}-{self.n}",
                                postings=[PostingLine(bank, Decimal(amount)), PostingLine(account, -Decimal(amount))])


@pytest.fixture
def ledger(debt_officer):
    return Ledger(debt_officer)
