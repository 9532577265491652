"""The API of income and bills and of payment runs: the same rules as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from deputyship.payruns import services as payruns
from deputyship.schedule import services as schedule
from ledger.choices import MoneyOutCategory
from people.selectors import today
from tests.deputyship.payruns.bacs_reader import read

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_expected_income_and_scheduled_payments(officer, other_officer, north_client):
    base = f"/api/v1/deputyship/clients/{north_client.pk}"
    made = api(officer).post(f"{base}/expected-income/", {
        "kind": "pip", "payer": "DWP PIP", "amount": "184.30", "frequency": "four_weekly",
        "first_due_on": today().isoformat()}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["category"] == "personal_independence_payment" and made.json()["amount"] == "184.30"
    assert api(officer).get(f"{base}/expected-income/").json()[0]["payer"] == "DWP PIP"
    bad = api(officer).post(f"{base}/scheduled-payments/", {
        "kind": "rent", "payee": "Landlord", "payee_sort_code": "12", "payee_account_number": "1",
        "amount": "400.00", "frequency": "monthly", "first_due_on": today().isoformat()}, format="json")
    assert bad.status_code == 400 and {"payee_sort_code", "payee_account_number"} <= set(bad.json()["errors"])
    mismatch = api(officer).post(f"{base}/scheduled-payments/", {
        "kind": "rent", "payee": "Landlord", "payee_sort_code": "08-99-99", "payee_account_number": "66374959",
        "amount": "400.00", "frequency": "monthly", "first_due_on": today().isoformat()}, format="json")
    assert mismatch.status_code == 400, mismatch.content
    assert "do not match: check them with the payee" in str(mismatch.json()["errors"]["payee_account_number"])
    assert api(other_officer).get(f"{base}/scheduled-payments/").status_code == 404  # a client they cannot see


def test_runs_list_detail_and_approval_by_a_second_person(officer, checker, team_leader, north_client, order,
                                                          pooled_details, fund):
    fund(north_client, "100.00")
    request = schedule.payment_request_create(
        acting_user=officer, client=north_client, payee="Oak Lodge", payee_sort_code="309457",
        payee_account_number="00123456", amount=Decimal("45.00"), category=MoneyOutCategory.CARE_FEES,
        due_on=today())
    schedule.payment_request_approve(acting_user=checker, request=request)
    run = payruns.payment_run_build(acting_user=officer, pay_on=today() + dt.timedelta(days=1))
    listed = api(officer).get("/api/v1/deputyship/payment-runs/").json()
    assert listed["results"][0]["status"] == "checked"
    assert api(officer).post(f"/api/v1/deputyship/payment-runs/{run.pk}/approve/").status_code == 403
    approved = api(team_leader).post(f"/api/v1/deputyship/payment-runs/{run.pk}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    rows = read(approved.json()["bacs_file"])
    assert rows[0]["amount"] == Decimal("45.00") and rows[-1]["code"] == "17"
    detail = api(officer).get(f"/api/v1/deputyship/payment-runs/{run.pk}/").json()
    assert detail["lines"][0]["status"] == "posted" and detail["lines"][0]["amount"] == "45.00"
