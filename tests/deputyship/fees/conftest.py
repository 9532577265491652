"""Fixtures for fees and court returns: an order for the North client, money in the client account, rates."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from deputyship.authority.choices import AuthorityKind
from deputyship.authority.services import authority_record
from deputyship.fees.choices import FeeKind
from deputyship.fees.services import fee_rate_add, fee_rates_seed
from ledger import client_money
from ledger.choices import MoneyInCategory, MoneyOutCategory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def rates(administrator):
    fee_rates_seed(acting_user=administrator)
    return administrator


@pytest.fixture
def cap_percent(administrator):
    """A low-asset percentage entered for the tests (the 2024 figure is not seeded: see the docs)."""
    return fee_rate_add(acting_user=administrator, kind=FeeKind.LOW_ASSET_CAP_PERCENT, amount=Decimal("3.50"),
                        effective_from=dt.date(2024, 4, 1), source="Test figure")


@pytest.fixture
def make_order(officer, north_client, today):
    def make(days_ago: int, kind=AuthorityKind.DEPUTY, client=None):
        made_on = today - dt.timedelta(days=days_ago)
        return authority_record(acting_user=officer, client=client or north_client, kind=kind,
                                reference=f"COP {uuid.uuid4().hex[:6]}", made_on=made_on, starts_on=made_on,
                                reason="Order received")
    return make


@pytest.fixture
def receive(officer, team_leader, north_client):
    def do(amount, on, category=MoneyInCategory.STATE_PENSION, client=None):
        receipt = client_money.client_receipt_record(
            acting_user=officer, client=client or north_client, amount=Decimal(amount), effective_date=on,
            category=category, idempotency_key=f"test-receipt-{uuid.uuid4()}")
        client_money.receipt_confirm(acting_user=team_leader, receipt=receipt.manual_receipt)
        return receipt
    return do


@pytest.fixture
def pay(officer, north_client):
    def do(amount, on, category=MoneyOutCategory.CARE_FEES, payee="Meadowbank Care Home", client=None):
        return client_money.client_payment_make(
            acting_user=officer, client=client or north_client, amount=Decimal(amount), effective_date=on,
            category=category, payee=payee, reference=uuid.uuid4().hex[:8], idempotency_key=f"test-pay-{uuid.uuid4()}")
    return do
