"""``POST /api/v1/debt-recovery/late-payment-interest/``: the working, with the rates from the rates table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from charging.services import rate_add
from debt_recovery.services import debtor_account_open

URL = "/api/v1/debt-recovery/late-payment-interest/"


@pytest.fixture
def base_rates(administrator):
    # Bank of England base rate changes (bankofengland.co.uk, Bank Rate history) around the test dates.
    for day, rate in [(dt.date(2024, 11, 7), "4.75"), (dt.date(2025, 2, 6), "4.50"), (dt.date(2025, 5, 8), "4.25"),
                      (dt.date(2025, 8, 7), "4.00")]:
        rate_add(acting_user=administrator, code="BOE_BASE_RATE", amount=rate, effective_from=day,
                 source="Bank of England, Bank Rate history", reason="Base rate change")


def post(api, body):
    return api.post(URL, body, content_type="application/json")


@pytest.mark.django_db
def test_the_working_uses_the_base_rate_on_the_reference_date(client_as, debt_officer, base_rates):
    # Late from 1 August 2025: the reference rate is the base rate on 30 June 2025 (4.25%), not the 4.00%
    # in force from 7 August. £12,000 x 12.25% x 31 / 365 = 124.8493... -> £124.85; £100 compensation.
    answer = post(client_as(debt_officer), {"debt": "12000.00", "due_date": "2025-07-31", "paid_on": "2025-08-31"})
    assert answer.status_code == 200, answer.json()
    working = answer.json()
    assert working["reference_date"] == "2025-06-30"
    assert Decimal(working["base_rate"]) == Decimal("4.25") and Decimal(working["yearly_rate"]) == Decimal("12.25")
    assert working["days_late"] == 31
    assert working["interest"] == "124.85" and working["compensation"] == "100.00" and working["total"] == "224.85"
    assert working["lines"]


@pytest.mark.django_db
def test_an_auditor_may_ask_and_nothing_is_written(client_as, auditor, base_rates):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = client_as(auditor)
    with CaptureQueriesContext(connection) as queries:
        answer = post(api, {"debt": "500.00", "due_date": "2025-03-01", "as_at": "2025-04-01"})
    assert answer.status_code == 200
    assert answer.json()["compensation"] == "40.00"
    # (the session's expiry is refreshed on every request: that is signing in, not the calculator)
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
              and not q["sql"].startswith('UPDATE "django_session" ')]
    assert not writes


@pytest.mark.django_db
def test_a_missing_rate_is_named(client_as, debt_officer):
    answer = post(client_as(debt_officer), {"debt": "500.00", "due_date": "2025-03-01", "paid_on": "2025-04-01"})
    assert answer.status_code == 422
    assert answer.json()["code"] == "missing_rate"
    assert "BOE_BASE_RATE" in answer.json()["errors"]["rates"]


@pytest.mark.django_db
def test_bad_input_is_refused_by_field(client_as, debt_officer):
    api = client_as(debt_officer)
    both = post(api, {"debt": "10.00", "due_date": "2025-03-01", "paid_on": "2025-04-01", "as_at": "2025-04-01"})
    assert both.status_code == 400 and "as_at" in both.json()["errors"]
    nothing = post(api, {"debt": "0.00", "due_date": "2025-03-01"})
    assert nothing.status_code == 400 and "debt" in nothing.json()["errors"]
    number = post(api, {"debt": 10.5, "due_date": "2025-03-01"})
    assert number.status_code == 400 and "debt" in number.json()["errors"]


@pytest.mark.django_db
def test_only_for_commercial_customers(client_as, debt_officer, debtor_client, base_rates):
    person = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Invoiced")
    business = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="commercial",
                                   name="Brookside Care Ltd", customer_type="commercial", reason="Respite invoices")
    api = client_as(debt_officer)
    body = {"debt": "800.00", "due_date": "2025-03-01", "paid_on": "2025-04-01"}
    refused = post(api, {**body, "debtor": person.pk})
    assert refused.status_code == 400 and refused.json()["code"] == "not_commercial"
    assert post(api, {**body, "debtor": business.pk}).status_code == 200
