import datetime as dt
from decimal import Decimal

import pytest

from people.models import Task
from properties.insurance.models import PolicyRenewalReminder
from properties.insurance.selectors import empty_without_unoccupied_cover, insurance_flags, uninsured
from properties.insurance.services import policy_record, renewal_tasks_create
from properties.insurance.tasks import insurance_renewals_daily
from properties.register.choices import Occupancy
from properties.register.models import Property
from properties.register.services import PropertyError, occupancy_change


def _policy(home, user, today, **kwargs):
    values = dict(insurer="Borsetshire Mutual", policy_number="BM-1001", cover="Buildings and contents",
                  starts_on=today - dt.timedelta(days=300), renews_on=today + dt.timedelta(days=65),
                  premium=Decimal("412.50"))
    values.update(kwargs)
    return policy_record(acting_user=user, home=home, **values)


def test_a_home_without_a_live_policy_is_flagged_until_insured(home, prop_officer, today):
    assert insurance_flags(home=home) == ["Uninsured: no live insurance policy."]
    assert list(uninsured(Property.objects.all())) == [home]
    _policy(home, prop_officer, today)
    assert insurance_flags(home=home) == []
    assert not uninsured(Property.objects.all()).exists()


def test_an_empty_home_needs_unoccupied_cover(home, prop_officer, today):
    _policy(home, prop_officer, today)
    occupancy_change(acting_user=prop_officer, home=home, occupancy=Occupancy.EMPTY, since=today)
    home.refresh_from_db()
    assert "does not cover it while unoccupied" in insurance_flags(home=home)[0]
    assert list(empty_without_unoccupied_cover(Property.objects.all())) == [home]
    _policy(home, prop_officer, today, policy_number="BM-2002", unoccupied_cover=True, inspection_every_days=14)
    assert insurance_flags(home=home) == []


def test_policy_refuses_bad_dates_and_an_inspection_condition_without_unoccupied_cover(home, prop_officer, today):
    with pytest.raises(PropertyError, match="after the start"):
        _policy(home, prop_officer, today, renews_on=today - dt.timedelta(days=300))
    with pytest.raises(PropertyError, match="unoccupied"):
        _policy(home, prop_officer, today, inspection_every_days=14)


def test_premium_paid_from_client_money_needs_the_client_money_team(home, prop_officer, today):
    """The property officer does not keep the client's money: paying the premium is refused, and then
    nothing is recorded."""
    with pytest.raises(Exception, match="client affairs"):
        _policy(home, prop_officer, today, pay_premium_on=today)
    assert not home.insurance_policies.exists()


def test_renewal_task_made_once_per_policy_and_renewal(home, prop_officer, today):
    policy = _policy(home, prop_officer, today, renews_on=today + dt.timedelta(days=20))
    assert renewal_tasks_create(on=today) == 1
    assert renewal_tasks_create(on=today + dt.timedelta(days=1)) == 0
    reminder = PolicyRenewalReminder.objects.get(policy=policy)
    assert reminder.task.assigned_to == prop_officer and "Renew the insurance" in reminder.task.title


def test_renewal_job_runs_once_per_day(home, prop_officer, today):
    _policy(home, prop_officer, today, renews_on=today + dt.timedelta(days=10))
    first = insurance_renewals_daily(period=today.isoformat())
    insurance_renewals_daily(period=today.isoformat())
    assert first["status"] == "succeeded"
    assert Task.objects.filter(title__startswith="Renew the insurance").count() == 1
