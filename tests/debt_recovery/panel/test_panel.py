"""The debt panel: a case prepared with the officer's recommendation holds the debt off the ladder; the
panel's decision, recorded by a team leader, gives each action as a task and ends the hold; the case
pack is a PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError, PermissionDeniedError
from debt_recovery.holds.selectors import is_on_hold
from debt_recovery.panel import services
from debt_recovery.panel.models import PanelCase
from people.models import Task
from people.selectors import today

pytestmark = pytest.mark.django_db


def prepare(debtor, user, **overrides):
    given = dict(acting_user=user, debtor=debtor, background="No payment since admission",
                 recommendation="court", recommendation_note="Every gentler route has failed",
                 income_expenditure="Pension £221.20 a week", property_details="None")
    given.update(overrides)
    return services.panel_case_prepare(**given)


def test_preparing_a_case_holds_the_debt_and_keeps_the_balance(owing, debt_officer):
    case = prepare(owing, debt_officer)
    assert case.balance == Decimal("6200.00") and case.hold.reason == "debt_panel"
    assert is_on_hold(owing)
    with pytest.raises(ApplicationError):
        prepare(owing, debt_officer)


def test_bad_cases_are_refused_and_write_nothing(owing, debt_officer):
    with pytest.raises(ApplicationError) as refused:
        prepare(owing, debt_officer, background=" ", recommendation="nonsense", recommendation_note="")
    assert set(refused.value.extra) == {"background", "recommendation", "recommendation_note"}
    assert not PanelCase.objects.exists() and not is_on_hold(owing)


def test_the_decision_gives_each_action_as_a_task_and_ends_the_hold(owing, debt_officer, debt_leader):
    case = prepare(owing, debt_officer)
    with pytest.raises(PermissionDeniedError):
        services.panel_decision_record(acting_user=debt_officer, case=case, decision="court", decision_note="Go",
                                       meeting_on=today(), actions=[])
    due = today() + dt.timedelta(days=14)
    case = services.panel_decision_record(
        acting_user=debt_leader, case=case, decision="payment_plan", decision_note="Offer £40 a month first",
        meeting_on=today(), actions=[("Offer a payment plan of £40 a month", debt_officer, due)])
    assert (case.status, case.decision) == ("decided", "payment_plan")
    task = Task.objects.get(title__startswith="Debt panel, ")
    assert (task.assigned_to, task.due_date, task.client) == (debt_officer, due, owing.client)
    assert not is_on_hold(owing)
    with pytest.raises(ApplicationError):
        services.panel_decision_record(acting_user=debt_leader, case=case, decision="court", decision_note="Again",
                                       meeting_on=today(), actions=[])


def test_pages_and_the_case_pack(client_as, owing, debt_officer, debt_leader):
    browser = client_as(debt_officer)
    bad = browser.post(reverse("debt_recovery:panel-prepare", args=[owing.pk]), {"background": ""})
    assert bad.status_code == 200 and not PanelCase.objects.exists()
    made = browser.post(reverse("debt_recovery:panel-prepare", args=[owing.pk]), {
        "background": "Nothing paid", "recommendation": "write_off", "recommendation_note": "Untraceable"})
    case = PanelCase.objects.get()
    assert made.status_code == 302
    leader = client_as(debt_leader)
    on = today()
    decided = leader.post(reverse("debt_recovery:panel-case", args=[case.pk]), {
        "meeting_on_0": on.day, "meeting_on_1": on.month, "meeting_on_2": on.year, "decision": "write_off",
        "decision_note": "Agreed", "action_1": "Recommend the write-off", "assignee_1": debt_officer.pk,
        "due_1_0": on.day, "due_1_1": on.month, "due_1_2": on.year})
    assert decided.status_code == 302, decided.content.decode()[:2000]
    case.refresh_from_db()
    assert case.decision == "write_off" and case.actions.count() == 1
    page = browser.get(reverse("debt_recovery:panel-case", args=[case.pk]))
    assert "Recommend the write-off" in page.content.decode()
    assert browser.get(reverse("debt_recovery:panel-cases")).status_code == 200
    pdf = browser.get(reverse("debt_recovery:panel-pack", args=[case.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
