"""The county court, estates and debt panel API: the same refusals as the pages, nothing written on a
refusal, and the claim's story recorded event by event."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from debt_recovery.court.models import CourtClaim
from people.models import Task
from people.selectors import today

pytestmark = pytest.mark.django_db


def post(browser, name, data, args=()):
    return browser.post(reverse(name, args=args), data, content_type="application/json")


def test_a_claim_through_the_api(client_as, owing, debt_officer):
    browser = client_as(debt_officer)
    claim = {"debtor": owing.pk, "defendants": ["Norman Haworth"], "particulars": "Unpaid care charges.",
             "deferred_payment_answer": "not_refused", "letter_sent_on": (today() - dt.timedelta(days=40)).isoformat()}
    refused = post(browser, "api:debt-recovery-claims", claim)
    assert refused.status_code == 400 and refused.json()["code"] == "care_act_s69_2"
    assert not CourtClaim.objects.exists()
    made = post(browser, "api:debt-recovery-claims", {**claim, "deferred_payment_answer": "not_possible"})
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    missing = post(browser, "api:debt-recovery-claim-events", {"event": "issue"}, [pk])
    assert missing.status_code == 400 and "claim_number" in missing.json()["errors"]
    assert post(browser, "api:debt-recovery-claim-events", {"event": "issue", "issued_on": today().isoformat(),
                                                            "claim_number": "K1QZ1234"}, [pk]).status_code == 200
    judged = post(browser, "api:debt-recovery-claim-events", {"event": "judgment", "judgment_on": today().isoformat(),
                                                              "amount": "6200.00"}, [pk])
    assert judged.json()["status"] == "judgment"
    fees = {f["stage"]: f["fee"] for f in judged.json()["enforcement_agent_fees"]}
    assert fees["Enforcement stage"] == "587.50"  # £235 + 7.5% of £4,700 (£352.50)


def test_an_estate_and_a_panel_decision_through_the_api(client_as, owing, debt_officer, debt_leader):
    browser = client_as(debt_officer)
    not_dead = post(browser, "api:debt-recovery-estates", {"debtor": owing.pk})
    assert not_dead.status_code == 400 and not_dead.json()["code"] == "not_deceased"
    case = post(browser, "api:debt-recovery-panel-cases", {
        "debtor": owing.pk, "background": "Nothing paid", "recommendation": "court",
        "recommendation_note": "Last resort"})
    assert case.status_code == 201
    pk = case.json()["id"]
    decision = {"decision": "payment_plan", "decision_note": "Try a plan", "meeting_on": today().isoformat(),
                "actions": [{"description": "Agree a plan", "assigned_to": debt_officer.pk,
                             "due": (today() + dt.timedelta(days=7)).isoformat()}]}
    assert post(browser, "api:debt-recovery-panel-decision", decision, [pk]).status_code == 403
    done = post(client_as(debt_leader), "api:debt-recovery-panel-decision", decision, [pk])
    assert done.status_code == 200, done.content
    assert done.json()["actions"][0]["assigned_to"] == debt_officer.username
    assert Task.objects.filter(title__startswith="Debt panel, ", title__endswith=": Agree a plan").count() == 1
