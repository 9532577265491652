"""rate_add: who may add a rate, what it checks, and the history it leaves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from charging.models import Rate
from charging.selectors import rates_in_force
from charging.services import rate_add
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError

pytestmark = pytest.mark.django_db
APRIL_2027 = dt.date(2027, 4, 5)


def _add(user, **overrides):
    fields = dict(code="PEA", amount="32.50", effective_from=APRIL_2027, source="DHSC LAC 2027-28",
                  reason="April 2027 uprating")
    fields.update(overrides)
    return rate_add(acting_user=user, **fields)


@pytest.mark.parametrize("persona", ["charging_leader", "administrator"])
def test_team_leaders_and_administrators_may_add_a_rate(request, persona):
    user = request.getfixturevalue(persona)
    rate = _add(user)
    assert rate.value == Decimal("32.50")
    assert rates_in_force(APRIL_2027).get("PEA").amount == Decimal("32.50")
    assert rates_in_force(APRIL_2027 - dt.timedelta(days=1)).get("PEA").amount == Decimal("31.80")


@pytest.mark.parametrize("persona", ["officer", "auditor"])
def test_officers_and_auditors_may_not(request, persona):
    with pytest.raises(PermissionDeniedError):
        _add(request.getfixturevalue(persona))
    assert not Rate.objects.filter(effective_from=APRIL_2027).exists()


def test_anonymous_may_not():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDeniedError):
        _add(AnonymousUser())


def test_history_records_the_user_and_reason(charging_leader):
    rate = _add(charging_leader)
    row = rate.history.get()
    assert row.history_user == charging_leader
    assert row.history_user_name == "Leah Lead"
    assert row.history_change_reason == "April 2027 uprating"
    assert row.history_type == "+"


def test_a_second_figure_for_the_same_day_is_a_conflict(charging_leader):
    _add(charging_leader)
    with pytest.raises(ConflictError, match="already a figure for Personal expenses allowance"):
        _add(charging_leader, amount="33.00")


@pytest.mark.parametrize("overrides, field", [
    ({"code": "NOT_A_RATE"}, "code"),
    ({"amount": "32.505"}, "amount"),
    ({"amount": 32.5}, "amount"),
    ({"amount": "-1"}, "amount"),
    ({"source": " "}, "source"),
    ({"reason": ""}, "reason"),
    ({"effective_to": dt.date(2027, 1, 1)}, "effective_to"),
])
def test_bad_input_is_refused_with_the_field_named(charging_leader, overrides, field):
    with pytest.raises(ApplicationError) as caught:
        _add(charging_leader, **overrides)
    assert field in caught.value.extra


def test_percentages_take_four_places(charging_leader):
    rate = _add(charging_leader, code="BOE_BASE_RATE", amount="4.7500", effective_from=dt.date(2024, 8, 1),
                source="Bank of England, 1 August 2024")
    assert rate.unit == "percent"
    assert rates_in_force(dt.date(2024, 9, 1)).get("BOE_BASE_RATE").amount == Decimal("4.7500")


def test_database_refuses_pounds_with_fractions_of_a_penny():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Rate.objects.create(code="PEA", value=Decimal("1.234"), unit="GBP", effective_from=APRIL_2027, source="x")
