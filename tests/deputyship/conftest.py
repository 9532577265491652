"""Shared set-up for the client affairs casework tests: a client with money in the pooled account."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ledger import client_money
from ledger.choices import MoneyInCategory


@pytest.fixture
def fund(officer, team_leader):
    """``fund(client, amount)``: a receipt into the client's funds, confirmed by a second officer."""

    def do(client, amount, *, on=None, key=None):
        on = on or dt.date.today() - dt.timedelta(days=30)
        receipt = client_money.client_receipt_record(
            acting_user=officer, client=client, amount=Decimal(amount), effective_date=on,
            category=MoneyInCategory.STATE_PENSION, idempotency_key=key or f"fund:{client.pk}:{amount}:{on}")
        client_money.receipt_confirm(acting_user=team_leader, receipt=receipt.manual_receipt)
        return receipt

    return do
