"""Holds: placing, reviewing and releasing one, when it is in force, and the daily review task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from debt_recovery.holds.choices import HoldReason
from debt_recovery.holds.models import Hold
from debt_recovery.holds.selectors import holds_due_for_review, holds_in_force, is_on_hold
from debt_recovery.holds.services import hold_place, hold_release, hold_review, holds_review_run
from debt_recovery.services import debtor_account_open
from people.models import Task
from people.selectors import today
from tests.factories import UserFactory


@pytest.fixture
def debtor(debtor_client, debt_officer):
    return debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Invoiced")


def _future(days=30):
    return today() + dt.timedelta(days=days)


@pytest.mark.django_db
def test_a_hold_is_placed_with_a_reason_and_review_date_and_attributed(debtor, debt_officer):
    hold = hold_place(acting_user=debt_officer, debtor=debtor, reason=HoldReason.DISPUTE, review_on=_future(),
                      note="Says the March invoice counted the wrong weeks")
    assert is_on_hold(debtor, today())
    assert list(holds_in_force(today())) == [hold]
    record = hold.history.get()
    assert (record.history_user, record.history_change_reason) == (debt_officer, "Hold placed: The debt is disputed")
    # Not in force before the day it was placed.
    assert not is_on_hold(debtor, today() - dt.timedelta(days=1))


@pytest.mark.django_db
@pytest.mark.parametrize("kwargs, field", [
    ({"reason": "holiday", "review_on": None}, "reason"),
    ({"reason": HoldReason.DISPUTE, "review_on": None}, "review_on"),
    ({"reason": HoldReason.DISPUTE, "review_on": "today"}, "review_on"),
    ({"reason": HoldReason.OTHER, "review_on": "future"}, "note"),
])
def test_bad_holds_are_refused_and_nothing_is_written(debtor, debt_officer, kwargs, field):
    review_on = {"today": today(), "future": _future(), None: None}[kwargs["review_on"]]
    with pytest.raises(ApplicationError) as refused:
        hold_place(acting_user=debt_officer, debtor=debtor, reason=kwargs["reason"], review_on=review_on)
    assert field in refused.value.extra
    assert not Hold.objects.exists()


@pytest.mark.django_db
def test_one_hold_in_force_per_reason(debtor, debt_officer):
    hold_place(acting_user=debt_officer, debtor=debtor, reason=HoldReason.PAYMENT_PLAN, review_on=_future())
    with pytest.raises(ApplicationError) as refused:
        hold_place(acting_user=debt_officer, debtor=debtor, reason=HoldReason.PAYMENT_PLAN, review_on=_future(60))
    assert "reason" in refused.value.extra
    hold_place(acting_user=debt_officer, debtor=debtor, reason=HoldReason.SAFEGUARDING, review_on=_future())
    assert Hold.objects.count() == 2


@pytest.mark.django_db
def test_only_the_team_holding_the_client_places_a_hold(debtor):
    stranger = UserFactory(username="outsider")
    with pytest.raises(PermissionDeniedError):
        hold_place(acting_user=stranger, debtor=debtor, reason=HoldReason.DISPUTE, review_on=_future())
    assert not Hold.objects.exists()


@pytest.mark.django_db
def test_released_hold_is_not_in_force_from_that_day(debtor, debt_officer):
    hold = hold_place(acting_user=debt_officer, debtor=debtor, reason=HoldReason.APPEAL, review_on=_future())
    with pytest.raises(ApplicationError):
        hold_release(acting_user=debt_officer, hold=hold, note="  ")
    hold = hold_release(acting_user=debt_officer, hold=hold, note="Appeal decided: the charge stands")
    assert (hold.released_by, hold.release_note) == (debt_officer, "Appeal decided: the charge stands")
    assert not is_on_hold(debtor, today())
    assert hold.history.first().history_change_reason == "Hold released: Appeal decided: the charge stands"
    with pytest.raises(ConflictError):
        hold_release(acting_user=debt_officer, hold=hold, note="Again")
    # A new hold for the same reason may now be placed.
    hold_place(acting_user=debt_officer, debtor=debtor, reason=HoldReason.APPEAL, review_on=_future())


@pytest.mark.django_db
def test_a_hold_in_force_yesterday_is_still_in_force_yesterday_after_release(debtor, debt_officer):
    hold = hold_place(acting_user=debt_officer, debtor=debtor, reason=HoldReason.DISPUTE, review_on=_future())
    Hold.objects.filter(pk=hold.pk).update(placed_at=timezone.now() - dt.timedelta(days=10))
    hold_release(acting_user=debt_officer, hold=hold, note="Resolved")
    assert is_on_hold(debtor, today() - dt.timedelta(days=1))
    assert not is_on_hold(debtor, today())


@pytest.mark.django_db
def test_the_review_job_gives_one_task_per_review_date(debtor, debt_officer):
    hold = hold_place(acting_user=debt_officer, debtor=debtor, reason=HoldReason.AWAITING_PROBATE,
                      review_on=_future(10))
    assert holds_review_run(on=today()) == {"tasks_created": 0, "no_officer": 0}
    day = today() + dt.timedelta(days=10)
    assert list(holds_due_for_review(day)) == [hold]
    assert holds_review_run(on=day) == {"tasks_created": 1, "no_officer": 0}
    assert holds_review_run(on=day) == {"tasks_created": 0, "no_officer": 0}
    task = Task.objects.get()
    assert (task.assigned_to, task.subject, task.client) == (debt_officer, hold, debtor.client)
    # Reviewing closes the task and moves the date; the next review date gets a task of its own.
    hold = hold_review(acting_user=debt_officer, hold=Hold.objects.get(pk=hold.pk), review_on=_future(40),
                       note="Probate applied for, grant expected next month")
    task.refresh_from_db()
    assert task.is_closed and hold.review_task is None
    assert holds_review_run(on=today() + dt.timedelta(days=40)) == {"tasks_created": 1, "no_officer": 0}
    assert Task.objects.count() == 2


@pytest.mark.django_db
def test_releasing_closes_the_review_task(debtor, debt_officer):
    hold = hold_place(acting_user=debt_officer, debtor=debtor, reason=HoldReason.DEPUTYSHIP_PENDING,
                      review_on=_future(5))
    holds_review_run(on=_future(5))
    hold_release(acting_user=debt_officer, hold=Hold.objects.get(pk=hold.pk), note="Deputy appointed")
    assert Task.objects.get().is_closed
