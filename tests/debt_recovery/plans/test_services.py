"""Payment plans: agreed from an income and expenditure statement, holding the debt off the ladder; the
daily job gives a task for a missed instalment and breaks the plan after the grace period, once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from core.exceptions import PermissionDeniedError
from core.roles import Role
from debt_recovery.holds.selectors import is_on_hold
from debt_recovery.payments.choices import Method
from debt_recovery.payments.services import payment_record, payment_reverse
from debt_recovery.plans.choices import Frequency, PlanStatus
from debt_recovery.plans.services import (
    PlanError,
    income_expenditure_record,
    payment_plan_agree,
    payment_plans_run,
    surplus,
)
from debt_recovery.plans.tasks import payment_plans_daily
from debt_recovery.services import debtor_account_open
from people.models import Task
from tests.factories import UserFactory

TODAY = dt.date(2026, 5, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("debt_recovery.plans.services.today", lambda: TODAY)
    monkeypatch.setattr("debt_recovery.holds.services.today", lambda: TODAY)
    monkeypatch.setattr("debt_recovery.accounts.selectors.today", lambda: TODAY)


@pytest.fixture
def debtor(debtor_client, debt_officer, ledger):
    account = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Charges due")
    ledger.charge(account.ledger_account, "300.00", dt.date(2026, 2, 28))
    return account


@pytest.fixture
def statement(debtor, debt_officer):
    return income_expenditure_record(acting_user=debt_officer, debtor=debtor, taken_on=TODAY, lines={
        "pensions": "900.00", "benefits": "320.00", "home_and_contents": "450.00", "utilities": "180.00",
        "food_and_housekeeping": "360.00", "communications_and_leisure": "60.00", "personal_costs": "70.00"})


def _agree(debt_officer, debtor, statement, **kw):
    args = dict(acting_user=debt_officer, debtor=debtor, statement=statement, amount="50.00",
                frequency=Frequency.MONTHLY, start_on=dt.date(2026, 5, 10), method=Method.BANK_TRANSFER) | kw
    return payment_plan_agree(**args)


def _pay(officer, debtor, amount, on):
    return payment_record(acting_user=officer, debtor=debtor, amount=amount, method=Method.BANK_TRANSFER,
                          received_on=on, reference="PLAN")


def test_the_surplus_is_income_less_spending(statement):
    assert surplus(statement) == Decimal("1220.00") - Decimal("1120.00")


def test_agreeing_a_plan_schedules_instalments_and_places_a_hold(debtor, debt_officer, statement):
    plan = _agree(debt_officer, debtor, statement)
    assert [(i.due_on, i.amount) for i in plan.instalments.all()] == [
        (dt.date(2026, 5 + n, 10), Decimal("50.00")) for n in range(6)]
    assert plan.hold.reason == "payment_plan" and plan.hold.released_at is None and is_on_hold(debtor)


def test_a_plan_the_statement_cannot_afford_is_refused(debtor, debt_officer, statement):
    with pytest.raises(PlanError) as refused:
        _agree(debt_officer, debtor, statement, amount="25.00", frequency=Frequency.WEEKLY)  # £108.33 a month
    assert "amount" in refused.value.extra
    assert not is_on_hold(debtor)


def test_someone_outside_the_team_cannot_agree_a_plan(debtor, statement):
    with pytest.raises(PermissionDeniedError):
        _agree(UserFactory(roles=[Role.OFFICER]), debtor, statement)


def test_a_kept_plan_stays_in_force(debtor, debt_officer, statement):
    plan = _agree(debt_officer, debtor, statement)
    plan.agreed_at = timezone.make_aware(dt.datetime(2026, 5, 1, 10))
    plan.save()
    _pay(debt_officer, debtor, "50.00", dt.date(2026, 5, 9))
    payment_plans_run(on=dt.date(2026, 6, 1))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_FORCE and not Task.objects.exists()


def test_a_missed_instalment_gives_one_task_then_breaks_the_plan_after_the_grace(debtor, debt_officer, statement):
    plan = _agree(debt_officer, debtor, statement, grace_days=14)
    plan.agreed_at = timezone.make_aware(dt.datetime(2026, 5, 1, 10))
    plan.save()
    payment_plans_run(on=dt.date(2026, 5, 10))  # due today: not yet missed
    assert not Task.objects.exists()
    payment_plans_run(on=dt.date(2026, 5, 11))
    payment_plans_run(on=dt.date(2026, 5, 12))
    task = Task.objects.get()
    assert task.assigned_to == debt_officer and "Missed instalment" in task.title
    payment_plans_run(on=dt.date(2026, 5, 24))  # the last day of grace
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_FORCE and is_on_hold(debtor)
    payment_plans_run(on=dt.date(2026, 5, 25))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.BROKEN and plan.ended_on == dt.date(2026, 5, 25)
    plan.hold.refresh_from_db()
    assert plan.hold.released_at is not None and not is_on_hold(debtor)
    payment_plans_run(on=dt.date(2026, 5, 26))
    assert Task.objects.count() == 1


def test_a_late_payment_within_the_grace_keeps_the_plan(debtor, debt_officer, statement):
    plan = _agree(debt_officer, debtor, statement)
    plan.agreed_at = timezone.make_aware(dt.datetime(2026, 5, 1, 10))
    plan.save()
    payment_plans_run(on=dt.date(2026, 5, 12))
    _pay(debt_officer, debtor, "50.00", dt.date(2026, 5, 13))
    payment_plans_run(on=dt.date(2026, 5, 30))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_FORCE


def test_a_bounced_payment_does_not_count(debtor, debt_officer, statement):
    plan = _agree(debt_officer, debtor, statement, grace_days=0)
    plan.agreed_at = timezone.make_aware(dt.datetime(2026, 5, 1, 10))
    plan.save()
    payment = _pay(debt_officer, debtor, "50.00", dt.date(2026, 5, 9))
    payment_reverse(acting_user=debt_officer, payment=payment, reason="Returned unpaid", on=dt.date(2026, 5, 9))
    payment_plans_run(on=dt.date(2026, 5, 11))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.BROKEN


def test_the_daily_job_runs_once_a_day(debtor, debt_officer, statement):
    plan = _agree(debt_officer, debtor, statement, grace_days=0)
    plan.agreed_at = timezone.make_aware(dt.datetime(2026, 5, 1, 10))
    plan.save()
    first = payment_plans_daily("2026-05-11")
    assert first["broken"] == 1 and first["missed_tasks"] == 1
    again = payment_plans_daily("2026-05-11")
    assert again["status"] == "succeeded" and Task.objects.count() == 1
