"""Write-off fixtures: Woking's bands, a debtor owing money, and people at each level."""

from __future__ import annotations

import datetime as dt

import pytest

from core.roles import Role
from debt_recovery.accounts.services import debtor_account_open
from debt_recovery.writeoffs.demo import WOKING_BANDS, WOKING_SOURCE
from debt_recovery.writeoffs.services import authority_bands_seed
from tests.factories import TeamMembershipFactory, UserFactory


@pytest.fixture
def bands(db, administrator):
    authority_bands_seed(acting_user=administrator, bands=WOKING_BANDS, source=WOKING_SOURCE, reason="Set up")


@pytest.fixture
def second_officer(debt_team):
    user = UserFactory(username="ravi", first_name="Ravi", last_name="Patel", roles=[Role.OFFICER])
    TeamMembershipFactory(team=debt_team, user=user)
    return user


@pytest.fixture
def owing(debtor_client, debt_officer, ledger):
    """A debtor owing £6,200.00: three charges, one part paid."""
    debtor = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Test")
    ledger.charge(debtor.ledger_account, "3000.00", dt.date(2026, 6, 1))
    ledger.charge(debtor.ledger_account, "3000.00", dt.date(2026, 7, 1))
    ledger.charge(debtor.ledger_account, "1000.00", dt.date(2026, 8, 1))
    ledger.pay(debtor.ledger_account, "800.00", dt.date(2026, 8, 20))
    return debtor
