"""Fixtures for the client affairs casework tests: a North client affairs client and the authority over them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from deputyship.authority.choices import AuthorityKind
from deputyship.authority.services import authority_record

TODAY = dt.date.today()


@pytest.fixture
def deputy_order(officer, north_client):
    """A deputyship order made 14 months ago, without authority to sell, gifts up to £500 a year and
    payments over £10,000 needing the court's permission."""
    return authority_record(
        acting_user=officer, client=north_client, kind=AuthorityKind.DEPUTY, reference="1234567T",
        made_on=TODAY - dt.timedelta(days=425), starts_on=TODAY - dt.timedelta(days=420),
        reason="Order received", may_sell_property=False, may_make_gifts=True, gift_limit=Decimal("500.00"),
        payment_limit=Decimal("10000.00"), scope="Property and financial affairs",
        restrictions="No sale of the client's home without a further order.")


@pytest.fixture
def appointeeship(officer, north_client):
    return authority_record(
        acting_user=officer, client=north_client, kind=AuthorityKind.APPOINTEE, reference="DWP-BF57-0042",
        made_on=TODAY - dt.timedelta(days=100), starts_on=TODAY - dt.timedelta(days=100),
        reason="BF57 received", scope="State benefits only")
