"""The statements API: an agreement's statements with their figures, one with its working, and a statement
asked for and issued (once), with bad input refused and nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from deferred_payments.accrual.services import accrual_run
from deferred_payments.statements.models import AgreementStatement, StatementRequest
from deferred_payments.statements.services import statements_run
from people.selectors import today

pytestmark = pytest.mark.django_db
BASE = "/api/v1/deferred-payments"


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_an_agreements_statements_and_one_with_its_working(make_agreement, dp_officer):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1), weekly=Decimal("612.45"))
    accrual_run(on=dt.date(2024, 7, 2))
    statements_run(end=dt.date(2024, 6, 30))
    statement = AgreementStatement.objects.get()
    api = api_as(dp_officer)
    listed = api.get(f"{BASE}/agreements/{agreement.pk}/statements/")
    assert listed.status_code == 200
    row = listed.json()["results"][0]
    assert row["id"] == statement.pk and row["period_end"] == "2024-06-30"
    assert Decimal(row["closing"]) == statement.closing
    assert Decimal(row["opening"]) + Decimal(row["deferred"]) + Decimal(row["fees"]) + Decimal(row["interest"]) \
        + Decimal(row["payments"]) + Decimal(row["other"]) == Decimal(row["closing"])
    detail = api.get(f"{BASE}/statements/{statement.pk}/")
    assert detail.status_code == 200 and detail.json()["figures"] == statement.figures


def test_a_statement_asked_for_and_issued_once(make_agreement, dp_officer):
    agreement = make_agreement(starts_on=today() - dt.timedelta(days=30))
    api = api_as(dp_officer)
    bad = api.post(f"{BASE}/agreements/{agreement.pk}/statement-requests/",
                   {"requested_on": (today() + dt.timedelta(days=1)).isoformat(), "requested_by_name": "Philip"},
                   format="json")
    assert bad.status_code == 400 and "requested_on" in str(bad.json())
    assert not StatementRequest.objects.exists()
    made = api.post(f"{BASE}/agreements/{agreement.pk}/statement-requests/",
                    {"requested_on": today().isoformat(), "requested_by_name": "Philip Marsh"}, format="json")
    assert made.status_code == 201
    assert made.json()["due_by"] == (today() + dt.timedelta(days=28)).isoformat()
    issued = api.post(f"{BASE}/statement-requests/{made.json()['id']}/issue/")
    assert issued.status_code == 200 and issued.json()["kind"] == "on_request"
    again = api.post(f"{BASE}/statement-requests/{made.json()['id']}/issue/")
    assert again.json()["id"] == issued.json()["id"] and AgreementStatement.objects.count() == 1
