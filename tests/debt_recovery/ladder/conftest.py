"""A debtor with the default ladder, and a helper to run the ladder on a day."""

from __future__ import annotations

import datetime as dt

import pytest

from debt_recovery.ladder.defaults import seed_default_ladder
from debt_recovery.services import debtor_account_open
from people.models import Address


@pytest.fixture
def ladder(debt_leader):
    seed_default_ladder(acting_user=debt_leader)


@pytest.fixture
def debtor(debtor_client, debt_officer):
    Address.objects.create(client=debtor_client, line_1="4 Mill Lane", town="Anytown", postcode="AN1 4ML",
                           start_date=dt.date(2020, 1, 1))
    return debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Invoiced")
