"""The holds and ladder API: place, list and release a hold; a debt's place on the ladder."""

from __future__ import annotations

import datetime as dt

import pytest

from debt_recovery.holds.models import Hold
from debt_recovery.ladder.services import ladder_run
from people.selectors import today

HOLDS = "/api/v1/debt-recovery/holds/"


@pytest.mark.django_db
def test_place_list_and_release_a_hold(client_as, debt_officer, debtor):
    api = client_as(debt_officer)
    review = (today() + dt.timedelta(days=30)).isoformat()
    bad = api.post(HOLDS, {"debtor": debtor.pk, "reason": "holiday", "review_on": review},
                   content_type="application/json")
    assert bad.status_code == 400 and "reason" in bad.json()["errors"]
    past = api.post(HOLDS, {"debtor": debtor.pk, "reason": "dispute", "review_on": today().isoformat()},
                    content_type="application/json")
    assert past.status_code == 400 and "review_on" in past.json()["errors"]
    assert not Hold.objects.exists()
    made = api.post(HOLDS, {"debtor": debtor.pk, "reason": "payment_plan", "review_on": review,
                            "note": "£20 a week agreed"}, content_type="application/json")
    assert made.status_code == 201, made.json()
    hold = made.json()
    assert (hold["reason"], hold["review_on"], hold["in_force"]) == ("payment_plan", review, True)
    listed = api.get(HOLDS, {"debtor": debtor.pk}).json()
    assert [h["id"] for h in listed["results"]] == [hold["id"]]
    assert api.get(HOLDS, {"due": "true"}).json()["results"] == []
    released = api.post(f"{HOLDS}{hold['id']}/release/", {"note": "Plan broken"}, content_type="application/json")
    assert released.status_code == 200 and released.json()["in_force"] is False
    again = api.post(f"{HOLDS}{hold['id']}/release/", {"note": "Again"}, content_type="application/json")
    assert again.status_code == 409


@pytest.mark.django_db
def test_another_team_cannot_see_or_place_holds(client_as, other_officer, debt_officer, debtor):
    review = (today() + dt.timedelta(days=30)).isoformat()
    hold = client_as(debt_officer).post(HOLDS, {"debtor": debtor.pk, "reason": "dispute", "review_on": review},
                                        content_type="application/json").json()
    api = client_as(other_officer)
    assert api.post(HOLDS, {"debtor": debtor.pk, "reason": "appeal", "review_on": review},
                    content_type="application/json").status_code == 403
    assert api.get(f"{HOLDS}{hold['id']}/").status_code == 404
    assert api.post(f"{HOLDS}{hold['id']}/release/", {"note": "x"}, content_type="application/json").status_code == 404
    assert Hold.objects.count() == 1


@pytest.mark.django_db
def test_the_ladder_position_of_a_debt(client_as, debt_officer, debtor, ledger, ladder):
    ledger.charge(debtor.ledger_account, "250.00", today() - dt.timedelta(days=30))
    ladder_run(on=today())
    answer = client_as(debt_officer).get(f"/api/v1/debt-recovery/debtors/{debtor.pk}/ladder/")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["overdue"], body["on_ladder"], body["last_step_kind"], body["on_hold"]) == (
        "250.00", True, "reminder", False)
    assert body["overdue_since"] == (today() - dt.timedelta(days=16)).isoformat()
    assert [a["kind"] for a in body["history"]] == ["reminder"] and body["history"][0]["letter"] is not None
