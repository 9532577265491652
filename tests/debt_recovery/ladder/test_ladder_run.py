"""The daily ladder run: when each step is taken, its letter and task, holds, leaving and restarting,
and exactly once under rerun and crash."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest

from core.jobs import job_run
from core.models import JobRun
from debt_recovery.holds.choices import HoldReason
from debt_recovery.holds.models import Hold
from debt_recovery.holds.services import hold_place
from debt_recovery.ladder import services
from debt_recovery.ladder.choices import ActionOutcome, StepKind
from debt_recovery.ladder.models import LadderAction, LadderPosition, LadderStep
from debt_recovery.ladder.selectors import INVOICE_DUE_DAYS, overdue_debts
from debt_recovery.ladder.services import ladder_run, ladder_step_update
from documents.models import Document
from people.models import Task

INVOICED = dt.date(2026, 6, 1)
DUE = INVOICED + dt.timedelta(days=INVOICE_DUE_DAYS)


def day(n: int) -> dt.date:
    """``n`` days after the invoice."""
    return INVOICED + dt.timedelta(days=n)


def run(on):
    return ladder_run(on=on)


def steps_taken(debtor):
    return list(LadderAction.objects.filter(debtor=debtor).order_by("id").values_list("kind", "outcome", "taken_on"))


@pytest.mark.django_db
def test_overdue_is_what_is_left_of_charges_past_their_due_date(debtor, ledger):
    ledger.charge(debtor.ledger_account, "300.00", INVOICED)
    ledger.charge(debtor.ledger_account, "200.00", day(28))
    ledger.pay(debtor.ledger_account, "100.00", day(5))
    # Not yet due on the due date's eve; due on the day.
    assert not overdue_debts(on=DUE - dt.timedelta(days=1))[debtor.pk].is_overdue
    found = overdue_debts(on=DUE)[debtor.pk]
    assert (found.overdue, found.since, found.balance) == (Decimal("200.00"), DUE, Decimal("200.00"))
    # The second charge not yet due is owed but not overdue.
    found = overdue_debts(on=day(28 + INVOICE_DUE_DAYS))[debtor.pk]
    assert (found.overdue, found.since) == (Decimal("400.00"), DUE)


@pytest.mark.django_db
def test_a_payment_recorded_against_a_charge_not_yet_due_leaves_the_older_charge_overdue(
        debtor, ledger, debt_officer, debt_leader):
    from debt_recovery.payments.choices import AllocationRule
    from debt_recovery.payments.services import allocation_policy_set, payment_record

    ledger.charge(debtor.ledger_account, "300.00", INVOICED)
    ledger.charge(debtor.ledger_account, "200.00", day(28))
    allocation_policy_set(acting_user=debt_leader, rule=AllocationRule.CURRENT_FIRST, reason="Council policy")
    payment_record(acting_user=debt_officer, debtor=debtor, amount="200.00", method="card", received_on=day(30),
                   reference="Card payment")
    # The payment paid the newer charge, which is not due until day 42: the first charge is still unpaid.
    found = overdue_debts(on=day(30))[debtor.pk]
    assert (found.overdue, found.since, found.balance) == (Decimal("300.00"), DUE, Decimal("300.00"))
    # Had it been set against the oldest charge first, only 100.00 of the first would be overdue.
    allocation_policy_set(acting_user=debt_leader, rule=AllocationRule.OLDEST_FIRST, reason="Council policy")
    payment_record(acting_user=debt_officer, debtor=debtor, amount="50.00", method="card", received_on=day(31),
                   reference="Card payment")
    assert overdue_debts(on=day(31))[debtor.pk].overdue == Decimal("250.00")


@pytest.mark.django_db
def test_each_step_is_taken_when_due_with_its_letter_and_task(debtor, ledger, ladder, debt_officer):
    ledger.charge(debtor.ledger_account, "480.00", INVOICED)
    assert run(day(20))["steps_taken"] == 0  # 6 days after the due date: no step yet
    assert LadderPosition.objects.get(debtor=debtor).episode_started_on == DUE
    summary = run(day(21))  # the reminder, 21 days after the invoice
    assert (summary["steps_taken"], summary["letters"], summary["tasks"]) == (1, 1, 0)
    reminder = LadderAction.objects.get()
    assert (reminder.kind, reminder.due_on, reminder.overdue) == (StepKind.REMINDER, day(21), Decimal("480.00"))
    assert reminder.letter.kind == "debt_recovery.reminder" and reminder.letter.data["overdue"] == "£480.00"
    assert run(day(34))["steps_taken"] == 0
    run(day(35))  # final reminder, 14 days on
    run(day(60))  # referral to the officer: 60 days after the invoice
    referral = LadderAction.objects.get(kind=StepKind.OFFICER_REFERRAL)
    assert referral.letter is None and referral.task.assigned_to == debt_officer
    assert referral.task.subject == debtor
    run(day(74))  # letter before claim
    lbc = LadderAction.objects.get(kind=StepKind.LETTER_BEFORE_CLAIM)
    assert lbc.reply_by == day(74) + dt.timedelta(days=30)
    assert lbc.task.due_date == lbc.reply_by
    data = lbc.letter.data
    assert data["enclosures"] == ["Statement of account", "Information sheet", "Reply form", "Financial statement form"]
    assert data["reply_by_iso"] == lbc.reply_by.isoformat() and data["statement"]["closing"] == "£480.00"
    run(day(103))
    assert not LadderAction.objects.filter(kind=StepKind.COUNTY_COURT).exists()
    run(day(104))  # county court, once the 30-day reply period is over
    assert [k for k, *_ in steps_taken(debtor)] == [
        StepKind.REMINDER, StepKind.FINAL_REMINDER, StepKind.OFFICER_REFERRAL, StepKind.LETTER_BEFORE_CLAIM,
        StepKind.COUNTY_COURT]
    assert run(day(400))["steps_taken"] == 0  # the top of the ladder
    position = LadderPosition.objects.get(debtor=debtor)
    assert position.last_step.kind == StepKind.COUNTY_COURT and position.history.count() >= 6


@pytest.mark.django_db
def test_a_late_run_takes_one_step_a_day(debtor, ledger, ladder):
    ledger.charge(debtor.ledger_account, "480.00", INVOICED)
    run(day(200))
    run(day(201))
    assert [k for k, *_ in steps_taken(debtor)] == [StepKind.REMINDER]  # the final reminder counts from the reminder
    run(day(215))
    assert len(steps_taken(debtor)) == 2


@pytest.mark.django_db
def test_a_step_whose_conditions_are_not_met_is_passed_over(debtor, ledger, ladder):
    ledger.charge(debtor.ledger_account, "30.00", INVOICED)  # under the £50 of the letter before claim and court
    for n in (21, 35, 60, 74, 104, 200):
        run(day(n))
    assert steps_taken(debtor) == [
        (StepKind.REMINDER, ActionOutcome.TAKEN, day(21)), (StepKind.FINAL_REMINDER, ActionOutcome.TAKEN, day(35)),
        (StepKind.OFFICER_REFERRAL, ActionOutcome.TAKEN, day(60)),
        (StepKind.LETTER_BEFORE_CLAIM, ActionOutcome.PASSED_OVER, day(74)),
        (StepKind.COUNTY_COURT, ActionOutcome.PASSED_OVER, day(104))]
    assert Document.objects.count() == 2


@pytest.mark.django_db
def test_customer_type_condition(debtor, ledger, ladder, debt_leader):
    step = LadderStep.objects.get(position=1)
    ladder_step_update(acting_user=debt_leader, step=step, customer_types=["commercial"],
                       reason="Reminders only for businesses")
    ledger.charge(debtor.ledger_account, "100.00", INVOICED)
    run(day(21))
    assert steps_taken(debtor) == [(StepKind.REMINDER, ActionOutcome.PASSED_OVER, day(21))]
    run(day(35))  # the final reminder counts from the day the reminder fell due
    assert steps_taken(debtor)[-1] == (StepKind.FINAL_REMINDER, ActionOutcome.TAKEN, day(35))


@pytest.mark.django_db
@pytest.mark.parametrize("reason", HoldReason.values)
def test_a_debt_on_hold_is_never_acted_on(debtor, ledger, ladder, debt_officer, reason, monkeypatch):
    ledger.charge(debtor.ledger_account, "480.00", INVOICED)
    run(day(21))
    monkeypatch.setattr("debt_recovery.holds.services.today", lambda: day(22))
    hold = hold_place(acting_user=debt_officer, debtor=debtor, reason=reason, review_on=day(90), note="Why")
    Hold.objects.filter(pk=hold.pk).update(placed_at=dt.datetime(2026, 6, 23, 9, tzinfo=dt.UTC))  # placed on day 22
    before = (LadderAction.objects.count(), Document.objects.count(), Task.objects.count())
    for n in (35, 60, 74, 104):
        summary = run(day(n))
        assert summary["on_hold"] == 1 and summary["steps_taken"] == 0
    assert (LadderAction.objects.count(), Document.objects.count(), Task.objects.count()) == before
    # Released: the ladder resumes with the next step (the final reminder), one a day.
    Hold.objects.filter(pk=hold.pk).update(released_at=dt.datetime(2026, 9, 13, 9, tzinfo=dt.UTC),
                                           released_by=debt_officer, release_note="Resolved")
    run(day(105))
    assert [k for k, *_ in steps_taken(debtor)] == [StepKind.REMINDER, StepKind.FINAL_REMINDER]


@pytest.mark.django_db
def test_a_paid_debt_leaves_the_ladder_and_a_new_one_starts_again(debtor, ledger, ladder):
    ledger.charge(debtor.ledger_account, "480.00", INVOICED)
    run(day(21))
    run(day(35))
    ledger.pay(debtor.ledger_account, "480.00", day(40))
    assert run(day(41))["left"] == 1
    position = LadderPosition.objects.get(debtor=debtor)
    assert (position.episode_started_on, position.last_step, position.left_on) == (None, None, day(41))
    ledger.charge(debtor.ledger_account, "120.00", day(56))
    run(day(56 + INVOICE_DUE_DAYS))
    position.refresh_from_db()
    assert (position.episode, position.episode_started_on) == (2, day(70))
    run(day(70 + 7))
    assert LadderAction.objects.filter(debtor=debtor, episode=2).get().kind == StepKind.REMINDER
    assert LadderAction.objects.filter(debtor=debtor, episode=1).count() == 2


@pytest.mark.django_db
def test_a_second_run_for_the_same_day_does_nothing(debtor, ledger, ladder):
    ledger.charge(debtor.ledger_account, "480.00", INVOICED)
    first = job_run(job="debt-ladder", period=day(21).isoformat(), work=lambda r: ladder_run(on=day(21), run=r))
    again = job_run(job="debt-ladder", period=day(21).isoformat(), work=lambda r: ladder_run(on=day(21), run=r))
    assert first.summary["steps_taken"] == 1 and again.attempts == 1
    # Even the work itself, run again for the day outside job_run, takes nothing twice.
    assert ladder_run(on=day(21))["steps_taken"] == 0
    assert (LadderAction.objects.count(), Document.objects.count()) == (1, 1)


@pytest.mark.django_db
def test_a_crash_half_way_then_a_rerun_takes_each_step_once(debtor, debtor_client, debt_officer, ledger, ladder):
    from debt_recovery.services import debtor_account_open

    debtors = [debtor]
    debtors += [debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="topup_payer",
                                    contact=_contact(debtor_client, debt_officer, i), letters_to="contact",
                                    reason="Top-up agreed") for i in range(3)]
    for d in debtors:
        ledger.charge(d.ledger_account, "100.00", INVOICED)
    real = services._take_steps
    calls = {"n": 0}

    def crashing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("worker lost")
        return real(*args, **kwargs)

    period = day(21).isoformat()
    with mock.patch.object(services, "_take_steps", crashing), pytest.raises(RuntimeError):
        job_run(job="debt-ladder", period=period, work=lambda r: ladder_run(on=day(21), run=r, chunk_size=1))
    assert JobRun.objects.get(job="debt-ladder", period=period).status == JobRun.Status.FAILED
    assert LadderAction.objects.count() == 2
    rerun = job_run(job="debt-ladder", period=period, work=lambda r: ladder_run(on=day(21), run=r))
    assert (rerun.status, rerun.attempts, rerun.summary["steps_taken"]) == (JobRun.Status.SUCCEEDED, 2, 2)
    assert sorted(LadderAction.objects.values_list("debtor_id", flat=True)) == sorted(d.pk for d in debtors)
    assert Document.objects.filter(kind="debt_recovery.reminder").count() == len(debtors)


def _contact(client, user, i):
    from people import services as people_services
    from people.choices import Relationship
    from tests.factories import ContactFactory

    contact = ContactFactory(name=f"Payer {i}", address=f"{i} High Street\nAnytown\nAN1 {i}AA")
    return people_services.client_contact_link(acting_user=user, client=client, contact=contact,
                                               relationship=Relationship.RELATIVE, description="Top-up payer")
