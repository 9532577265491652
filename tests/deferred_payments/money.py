"""Fixtures for the money parts of deferred payments (rates, accrual, statements): a deferred payments team,
its officer and leader, a client it holds with a home address, and agreements made as the agreements part
would make them. Imported by those parts' conftest files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.history import save_attributed
from core.roles import Role
from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.agreements.models import Agreement, WeeklyDeferral
from deferred_payments.agreements.services import debt_account_open
from people.choices import Service
from tests.factories import ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory


@pytest.fixture
def dp_team(db):
    return TeamFactory(name="Deferred payments", service=Service.DEFERRED_PAYMENTS)


@pytest.fixture
def dp_officer(dp_team):
    user = UserFactory(username="nadia", first_name="Nadia", last_name="Begum", roles=[Role.OFFICER])
    TeamMembershipFactory(team=dp_team, user=user)
    return user


@pytest.fixture
def dp_leader(dp_team):
    user = UserFactory(username="imran", first_name="Imran", last_name="Qureshi", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=dp_team, user=user, is_leader=True)
    return user


@pytest.fixture
def dp_client(dp_team, dp_officer):
    from people.models import Address

    client = ClientFactory(first_name="Edna", last_name="Marsh", team=dp_team, team__officer=dp_officer)
    Address.objects.create(client=client, kind="home", line_1="12 Mill Lane", town="Anytown", postcode="AN1 1AA",
                           start_date=dt.date(2000, 1, 1))
    return client


@pytest.fixture
def make_agreement(dp_client, dp_officer, dp_leader):
    counter = {"n": 0}

    def make(*, client=None, starts_on=dt.date(2024, 1, 1), weekly=Decimal("500.00"), limit=Decimal("165750.00"),
             compounding="daily", day_basis="365", deferral_from=None, status=AgreementStatus.ACTIVE,
             interest_counts=True, fees_count=True, **extra) -> Agreement:
        counter["n"] += 1
        agreement = Agreement(reference=f"DPA-T{counter['n']:04d}", client=client or dp_client, status=status,
                              compounding=compounding, day_basis=day_basis, equity_limit=limit, starts_on=starts_on,
                              deferral_allowed_from=deferral_from or starts_on, prepared_by=dp_officer,
                              approved_by=dp_leader, interest_counts_to_limit=interest_counts,
                              fees_count_to_limit=fees_count, **extra)
        save_attributed(agreement, user=dp_leader, reason="Test")
        debt_account_open(acting_user=dp_officer, agreement=agreement)
        agreement.refresh_from_db()
        if weekly is not None:
            save_attributed(WeeklyDeferral(agreement=agreement, effective_from=starts_on, amount=weekly, source="Test",
                                           recorded_by=dp_officer), user=dp_officer, reason="Test")
        return agreement

    return make
