"""The ladder's pages: the steps (changed only by a team leader, with a reason in the history), the
overdue list, a debtor's place on the ladder, and placing, reviewing and releasing a hold with a form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.registry import DashboardScope
from debt_recovery.holds.models import Hold
from debt_recovery.ladder.hooks import holds_due_for_team, steps_for_team
from debt_recovery.ladder.models import LadderStep
from debt_recovery.ladder.services import ladder_run
from people.selectors import today


def _step_post(**changes):
    data = {"position": "6", "kind": "reminder", "name": "Courtesy call", "days_after": "3", "letter_kind": "",
            "creates_task": "on", "task_due_days": "5", "min_balance": "", "active": "on", "guidance": "",
            "reason": "Phone before the reminder"}
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_team_leader_adds_and_changes_a_step_with_a_reason(client_as, debt_leader, ladder):
    browser = client_as(debt_leader)
    assert browser.get(reverse("debt_recovery:ladder")).status_code == 200
    response = browser.post(reverse("debt_recovery:ladder-step-add"), _step_post())
    assert response.status_code == 302
    step = LadderStep.objects.get(position=6)
    response = browser.post(reverse("debt_recovery:ladder-step-edit", args=[step.pk]),
                            _step_post(days_after="10", min_balance="25.50", customer_types=["commercial"],
                                       reason="Businesses only, a week later"))
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.days_after, str(step.min_balance), step.customer_types) == (10, "25.50", ["commercial"])
    page = browser.get(reverse("debt_recovery:ladder-step-history", args=[step.pk])).content.decode()
    assert "Businesses only, a week later" in page and "Phone before the reminder" in page


@pytest.mark.django_db
@pytest.mark.parametrize("changes, message", [
    ({"reason": ""}, "Enter a reason for the change"),
    ({"position": "1"}, "Another step is already at position 1."),
    ({"creates_task": "", "letter_kind": ""}, "A step must send a letter, give the officer a task, or both."),
    ({"min_balance": "-5"}, "The minimum overdue balance must be 0 or more"),
    ({"days_after": "x"}, "The days must be a whole number"),
])
def test_a_bad_step_is_refused_with_a_message_and_nothing_changes(client_as, debt_leader, ladder, changes, message):
    response = client_as(debt_leader).post(reverse("debt_recovery:ladder-step-add"), _step_post(**changes))
    assert response.status_code == 200 and message in response.content.decode()
    assert LadderStep.objects.count() == 5


@pytest.mark.django_db
def test_an_officer_reads_the_ladder_but_cannot_change_it(client_as, debt_officer, ladder):
    browser = client_as(debt_officer)
    assert "Add a step" not in browser.get(reverse("debt_recovery:ladder")).content.decode()
    assert browser.post(reverse("debt_recovery:ladder-step-add"), _step_post()).status_code == 403
    assert LadderStep.objects.count() == 5


@pytest.mark.django_db
def test_place_review_and_release_a_hold_through_the_forms(client_as, debt_officer, debtor):
    browser = client_as(debt_officer)
    url = reverse("debt_recovery:hold-place", args=[debtor.pk])
    review = today() + dt.timedelta(days=60)
    bad = browser.post(url, {"reason": "dispute", "review_on_0": "1", "review_on_1": "1", "review_on_2": "2020"})
    assert bad.status_code == 200 and "must be today or in the future" in bad.content.decode()
    assert not Hold.objects.exists()
    response = browser.post(url, {"reason": "dispute", "note": "Disputes the March charge", "review_on_0": review.day,
                                  "review_on_1": review.month, "review_on_2": review.year})
    assert response.status_code == 302
    hold = Hold.objects.get()
    page = browser.get(reverse("debt_recovery:debtor-ladder", args=[debtor.pk])).content.decode()
    assert "Disputes the March charge" in page and "The debt is disputed" in page
    later = review + dt.timedelta(days=30)
    browser.post(reverse("debt_recovery:hold-review", args=[hold.pk]),
                 {"note": "Still investigating", "review_on_0": later.day, "review_on_1": later.month,
                  "review_on_2": later.year})
    hold.refresh_from_db()
    assert hold.review_on == later
    assert browser.post(reverse("debt_recovery:hold-release", args=[hold.pk]), {"note": ""}).status_code == 200
    browser.post(reverse("debt_recovery:hold-release", args=[hold.pk]), {"note": "Charge explained, accepted"})
    hold.refresh_from_db()
    assert not hold.in_force and hold.release_note == "Charge explained, accepted"


@pytest.mark.django_db
def test_overdue_list_and_team_leader_panels(client_as, debt_leader, debt_officer, debt_team, debtor, ledger, ladder):
    ledger.charge(debtor.ledger_account, "250.00", today() - dt.timedelta(days=30))
    ladder_run(on=today())
    page = client_as(debt_officer).get(reverse("debt_recovery:overdue")).content.decode()
    assert debtor.reference in page and "Reminder" in page and "£250.00" in page
    counts = {c.label: c.count for c in steps_for_team(debt_leader, DashboardScope(team=debt_team))}
    assert counts["At step 1: Reminder"] == 1 and counts["At step 2: Final reminder"] == 0
    Hold.objects.create(debtor=debtor, reason="payment_plan", review_on=today(), placed_by=debt_officer)
    [due] = holds_due_for_team(debt_leader, DashboardScope(team=debt_team))
    assert due.count == 1
    page = client_as(debt_officer).get(due.url).content.decode()
    assert debtor.reference in page and "A payment plan is in force" in page
