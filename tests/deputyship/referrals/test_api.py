"""The referrals API: the list (by stage) and one referral with its checklist, parties and assets."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_referrals_list_and_detail(officer, referral):
    listed = _api(officer).get("/api/v1/deputyship/referrals/?show=documents").json()
    assert [r["id"] for r in listed["results"]] == [referral.pk]
    assert listed["results"][0]["stage"] == "Awaiting documents"
    detail = _api(officer).get(f"/api/v1/deputyship/referrals/{referral.pk}/").json()
    assert {d["form"] for d in detail["documents"]} == {"COP1", "COP1A", "COP3", "COP4"}
    assert detail["parties"] == []


def test_other_teams_neither_list_nor_read_it(other_officer, referral):
    assert _api(other_officer).get("/api/v1/deputyship/referrals/").status_code == 403
    assert _api(other_officer).get(f"/api/v1/deputyship/referrals/{referral.pk}/").status_code == 404


def test_a_bad_filter_is_400(officer):
    assert _api(officer).get("/api/v1/deputyship/referrals/?show=everything").status_code == 400
