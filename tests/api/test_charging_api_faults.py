"""Faults found using the charging API as an integrator would: each is a clear answer, never a 500 or
a half-read body. Totals the answer cannot carry, JSON only, the CSRF token named, a parse error in
the documented list shape, and the rates in force on a day."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from charging.assessments.calculator import NATIONAL_RATE_CODES
from charging.selectors import rates_in_force
from tests.api.test_charging_calculate_api import DEVON, LAMBETH, URL, post

pytestmark = pytest.mark.django_db

RATES_URL = "/api/v1/charging/rates/"


@pytest.mark.parametrize("values", [
    ["999999999999.99", "0.01"],  # each valid, together exactly £1 trillion
    ["600000000000.00", "600000000000.00"],
])
def test_capital_totalling_a_trillion_is_a_400_naming_capital(api, officer, values):
    body = {**LAMBETH, "capital": [{"description": f"Account {n}", "value": v} for n, v in enumerate(values)]}
    response = post(api(officer), body)
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid"
    assert list(data["errors"]) == ["capital"]
    assert "below £1,000,000,000,000" in data["errors"]["capital"][0]


def test_capital_just_below_a_trillion_is_worked_out(api, officer):
    body = {**LAMBETH, "capital": [{"description": "Account", "value": "999999999999.99"}]}
    response = post(api(officer), body)
    assert response.status_code == 200
    assert response.json()["total_capital"] == "999999999999.99"


def test_notional_and_partner_capital_count_towards_the_total(api, officer):
    body = {**DEVON, "capital": [{"description": "Account", "value": "500000000000.00"}],
            "notional_capital": "300000000000.00", "notional_capital_reason": "Gift, decision of 1 May 2023",
            "couple": {"partner_capital": [{"description": "Partner's account", "value": "200000000000.00"}]}}
    response = post(api(officer), body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["capital"]


def test_weekly_income_totals_too_large_are_a_400(api, officer):
    body = {**LAMBETH, "income": [{"kind": "other", "weekly": "9000000000.00"}] * 2}
    response = post(api(officer), body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["income"]


def test_a_form_encoded_body_is_refused_with_415(api, officer):
    form = {key: value for key, value in LAMBETH.items() if isinstance(value, str)}
    response = api(officer).post(URL, form)  # multipart, as a browser form would send it
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    response = api(officer).post(URL, "setting=residential", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert set(response.json()) == {"code", "message"}


def test_the_assessments_api_is_json_only_too(api, charging_leader):
    response = api(charging_leader).post("/api/v1/charging/assessments/", {"reason": "x"})
    assert response.status_code == 415


def test_a_json_parse_error_lists_its_message(api, officer):
    response = api(officer).post(URL, '{"setting": ', content_type="application/json")
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "parse_error"
    assert isinstance(data["errors"]["non_field_errors"], list)
    assert all(isinstance(message, str) for message in data["errors"]["non_field_errors"])
    assert "JSON parse error" in data["errors"]["non_field_errors"][0]


def test_a_missing_csrf_token_is_named_as_such(officer):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(URL, LAMBETH, format="json")
    assert response.status_code == 403
    data = response.json()
    assert data["code"] == "csrf_failed"
    assert "CSRF" in data["message"]
    assert data["errors"]["non_field_errors"][0].startswith("CSRF Failed")


def test_the_rates_in_force_on_a_day(api, auditor):
    response = api(auditor).get(RATES_URL, {"on": "2024-06-03"})
    assert response.status_code == 200
    data = response.json()
    expected = rates_in_force(dt.date(2024, 6, 3))
    assert data["on"] == "2024-06-03"
    assert set(data["rates"]) == set(expected.values)
    assert data["rates"]["PEA"] == expected.values["PEA"].to_dict()
    assert data["missing"] == [code for code in NATIONAL_RATE_CODES if code not in expected.values]


def test_the_rates_before_the_table_starts_are_all_missing(api, officer):
    data = api(officer).get(RATES_URL, {"on": "2010-01-01"}).json()
    assert data["rates"] == {}
    assert data["missing"] == list(NATIONAL_RATE_CODES)


def test_the_rates_day_must_be_a_date(api, officer):
    response = api(officer).get(RATES_URL, {"on": "next tuesday"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["on"]
    response = api(officer).get(RATES_URL, {"when": "2024-01-01"})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["when"]


def test_the_rates_need_signing_in(api):
    assert api(None).get(RATES_URL).status_code == 403
