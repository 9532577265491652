"""The ledger's test world: a small chart of accounts for the North team's client, Peggy Thornton.

Accounts are arranged directly (there is no account-opening service yet); money only ever goes in
through ``ledger.services``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from ledger import services
from ledger.choices import AccountKind, OwnerKind, Purpose, TransactionKind
from ledger.models import Account

_keys = itertools.count(1)


def make_account(name: str, kind: str, purpose: str, *, client=None, owner_kind=None, owner_reference=""):
    owner_kind = owner_kind or (OwnerKind.CLIENT if client is not None else OwnerKind.COUNCIL)
    return Account.objects.create(name=name, kind=kind, purpose=purpose, owner_kind=owner_kind, client=client,
                                  owner_reference=owner_reference)


@pytest.fixture
def pooled_bank(db):
    return make_account("Pooled client bank account", AccountKind.ASSET, Purpose.POOLED_BANK)


@pytest.fixture
def peggy_funds(north_client):
    return make_account("Peggy Thornton: funds held", AccountKind.LIABILITY, Purpose.CLIENT_FUNDS,
                        client=north_client)


@pytest.fixture
def charging_income(db):
    return make_account("Care charging income", AccountKind.INCOME, Purpose.CHARGING_INCOME)


@pytest.fixture
def suspense(db):
    return make_account("Unallocated receipts", AccountKind.LIABILITY, Purpose.SUSPENSE)


@pytest.fixture
def post(officer):
    """``post(debit_account, credit_account, amount, on=date)``: a simple two-line transaction."""

    def do(debit, credit, amount, *, on=dt.date(2026, 4, 1), kind=TransactionKind.RECEIPT, memo="", key=None,
           user=None):
        amount = Decimal(amount)
        return services.transaction_post(client_money=True, acting_user=user or officer, effective_date=on, kind=kind, memo=memo,
            postings=[(debit, amount), (credit, -amount)], idempotency_key=key or f"test-{next(_keys)}",
        )

    return do
