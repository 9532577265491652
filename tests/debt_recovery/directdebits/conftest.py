from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from debt_recovery.directdebits.services import mandate_create
from debt_recovery.services import debtor_account_open
from people.models import Address


@pytest.fixture
def debtor(debtor_client, debt_officer):
    Address.objects.create(client=debtor_client, line_1="4 Mill Lane", town="Anytown", postcode="AN1 4ML",
                           start_date=dt.date(2020, 1, 1))
    return debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Charges due")


@pytest.fixture
def make_mandate(debtor, debt_officer):
    def make(**overrides):
        details = dict(payer_name="Norman Haworth", sort_code="30-94-57", account_number="31926819",
                       frequency="four_weekly", amount_basis="fixed", regular_amount=Decimal("85.40"),
                       signed_on=dt.date(2026, 11, 30), first_collection_on=dt.date(2026, 12, 1))
        who = overrides.pop("debtor", debtor)
        details.update(overrides)
        return mandate_create(acting_user=debt_officer, debtor=who, **details)
    return make
