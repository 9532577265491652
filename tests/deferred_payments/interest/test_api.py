"""``POST /api/v1/deferred-payments/calculate/``: each answer with its working, the same figures as the
calculator, bad input refused clearly, nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse

from people.selectors import today

pytestmark = pytest.mark.django_db
URL = "/api/v1/deferred-payments/calculate/"
CONVENTION = {"compounding": "daily", "day_basis": "365"}


@pytest.fixture
def api(client, dp_officer):
    client.force_login(dp_officer)
    return lambda body: client.post(URL, body, content_type="application/json")


def _counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}


def test_the_url_name():
    assert reverse("api:deferred-payments-calculate") == URL


def test_every_question_answered_with_working_and_nothing_written(api):
    before = _counts()
    answer = api({
        "equity": {"value": "200000", "valued_on": "2025-01-10", "share_percent": "100"},
        "interest": {"opening": "10000", "start": "2023-01-01", "end": "2023-12-31",
                     "convention": {"compounding": "six_monthly", "day_basis": "365"}},
        "limit_week": {"start": "2024-01-01", "weekly_amount": "1000", "convention": CONVENTION,
                       "rates": [{"starts_on": "2024-01-01", "ends_on": "2040-12-31", "annual_rate": "0"}]},
        "contribution": {"weekly_income": "300.00", "weekly_cost": "1100.00"},
    })
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["equity"]["limit"] == "165750.00" and body["equity"]["working"][-1] == "Equity limit: £165,750.00"
    assert body["interest"]["interest"] == "333.33" and body["interest"]["closing"] == "10333.33"
    assert [p["annual_rate"] for p in body["interest"]["periods"]] == ["3.18", "3.43"]
    assert body["limit_week"]["week"] == 166  # £165,750 at £1,000 a week, no interest
    assert body["contribution"] == {"weekly_contribution": "156.00", "weekly_deferred": "944.00",
                                    "disposable_income_allowance": "144.00",
                                    "working": body["contribution"]["working"]}
    assert _counts() == before


def test_a_period_without_a_rate_is_422(api):
    answer = api({"interest": {"opening": "100", "start": "2025-06-01", "end": "2025-07-31", "convention": CONVENTION}})
    assert answer.status_code == 422 and answer.json()["code"] == "missing_rate"
    assert "1 July 2025" in answer.json()["message"]


@pytest.mark.parametrize("body, field", [
    ({"equity": {"value": "1", "share_percent": "100.5"}}, "equity.share_percent"),
    ({"equity": {"value": "1", "share_percent": "50", "valued_on": (today() + dt.timedelta(days=1)).isoformat()}},
     "equity.valued_on"),
    ({"interest": {"start": "2024-02-01", "end": "2024-01-01", "convention": CONVENTION}}, "interest.end"),
    ({"equity": {"value": 200000, "share_percent": "100"}}, "equity.value"),
    ({"contribution": {"weekly_income": "300", "weekly_cost": "900", "disposable_income_allowance": "150"}},
     "contribution.disposable_income_allowance"),
    ({"equity": {"value": "1", "share_percent": "100", "colour": "red"}}, "equity.colour"),
])
def test_bad_input_is_refused_naming_the_field(api, body, field):
    answer = api(body)
    assert answer.status_code == 400, answer.content
    assert field in answer.json()["errors"], answer.json()


def test_an_empty_question_is_refused(api):
    assert api({}).status_code == 400


def test_signed_out_is_refused(client):
    assert client.post(URL, {}, content_type="application/json").status_code == 403
