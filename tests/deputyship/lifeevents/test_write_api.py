"""The life events and registers write API: each endpoint's 201 (written with its reason, money as a string), its
400 (nothing changed), and 403/404 for those who may not write to the client."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from deputyship.lifeevents import services
from deputyship.lifeevents.choices import DocumentKind, InvestmentKind
from deputyship.lifeevents.models import (
    BenefitCheck, CherishedDocument, ClientDebt, FuneralPlanDecision, Investment, LifeEvent, TaxReturn,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
DAY = TODAY.isoformat()


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def registers(officer, north_client):
    return {
        "clients": north_client,
        "investments": services.investment_record(
            acting_user=officer, client=north_client, kind=InvestmentKind.SHARES, provider="Fund managers plc",
            value=Decimal("8000.00"), valued_on=TODAY - dt.timedelta(days=300),
            review_on=TODAY + dt.timedelta(days=60)),
        "tax-returns": services.tax_return_record(acting_user=officer, client=north_client, year_ending=2026,
                                                  reason="Dividends"),
        "cherished-documents": services.cherished_document_record(
            acting_user=officer, client=north_client, kind=DocumentKind.DRIVING_LICENCE,
            description="Photocard driving licence", location="Client affairs safe, drawer 1",
            received_on=TODAY - dt.timedelta(days=100)),
    }


@dataclass(frozen=True)
class Endpoint:
    """One POST: the record in its path, its tail, a good body with what comes back, bad bodies, the model it
    writes and the reason its history row gives."""

    on: str
    tail: str
    model: type
    good: dict
    returned: dict
    bad: tuple[dict, ...]
    reason: str

    def url(self, registers) -> str:
        return f"/api/v1/deputyship/{self.on}/{registers[self.on].pk}/{self.tail}/"


ENDPOINTS = [
    Endpoint("clients", "life-events", LifeEvent, {"kind": "moving_into_care", "happened_on": DAY},
             {"kind": "moving_into_care", "happened_on": DAY},
             ({"kind": "wedding", "happened_on": DAY},
              {"kind": "moving_into_care", "happened_on": (TODAY + dt.timedelta(days=1)).isoformat()}),
             "Moving into a care home recorded"),
    Endpoint("clients", "investments", Investment,
             {"kind": "savings", "provider": "Northern Bank", "value": "2500.10", "valued_on": DAY,
              "review_on": (TODAY + dt.timedelta(days=365)).isoformat()},
             {"value": "2500.10", "provider": "Northern Bank"},
             ({"kind": "savings", "provider": "Northern Bank", "value": 2500.10, "valued_on": DAY,
               "review_on": DAY},
              {"kind": "savings", "provider": "Northern Bank", "value": "-1.00", "valued_on": DAY, "review_on": DAY},
              {"kind": "savings", "provider": "Northern Bank", "value": "1.00", "valued_on": DAY,
               "review_on": (TODAY - dt.timedelta(days=1)).isoformat()}),
             "Investment recorded"),
    Endpoint("investments", "review", Investment,
             {"value": "8100.00", "valued_on": DAY, "next_review_on": (TODAY + dt.timedelta(days=365)).isoformat()},
             {"value": "8100.00", "valued_on": DAY},
             ({"value": "8100.00", "valued_on": DAY, "next_review_on": DAY},
              {"value": "8100.001", "valued_on": DAY, "next_review_on": (TODAY + dt.timedelta(days=9)).isoformat()}),
             "Investment reviewed"),
    Endpoint("clients", "tax-returns", TaxReturn, {"year_ending": 2025, "reason": "Rental income"},
             {"year_ending": 2025, "due_on": "2026-01-31", "filed_on": None},
             ({"year_ending": 1999, "reason": "Rental income"}, {"year_ending": 2025, "reason": "   "}),
             "Tax return due recorded"),
    Endpoint("tax-returns", "filed", TaxReturn, {"filed_on": DAY}, {"filed_on": DAY},
             ({"filed_on": (TODAY + dt.timedelta(days=1)).isoformat()}, {"filed_on": "31/01/2027"}),
             "Tax return filed"),
    Endpoint("clients", "funeral-plan-decisions", FuneralPlanDecision,
             {"outcome": "plan_bought", "decided_on": DAY, "note": "Co-operative Funeralcare plan"},
             {"outcome": "plan_bought"},
             ({"outcome": "not_suitable", "decided_on": DAY}, {"outcome": "maybe", "decided_on": DAY}),
             "Funeral plan considered"),
    Endpoint("clients", "debts", ClientDebt,
             {"creditor": "Energy supplier", "balance": "410.00", "priority": True, "recorded_on": DAY,
              "arrangement": "Fuel Direct", "monthly_payment": "15.50", "iva": False},
             {"balance": "410.00", "monthly_payment": "15.50", "priority": True, "iva": False},
             ({"creditor": "Energy supplier", "balance": "410.00", "priority": True, "recorded_on": DAY,
               "monthly_payment": "15.50"},
              {"creditor": "Energy supplier", "balance": "410.00", "priority": True, "recorded_on": DAY,
               "arrangement": "Fuel Direct", "monthly_payment": "0.00"}),
             "Debt to Energy supplier recorded"),
    Endpoint("clients", "benefit-checks", BenefitCheck,
             {"checked_on": DAY, "benefit": "Attendance Allowance", "outcome": "awarded", "weekly_gain": "20.00"},
             {"weekly_gain": "20.00", "outcome": "awarded"},
             ({"checked_on": DAY, "benefit": "Attendance Allowance", "outcome": "awarded"},
              {"checked_on": DAY, "benefit": "Pension Credit", "outcome": "no_change", "weekly_gain": "5.00"},
              {"checked_on": DAY, "benefit": "Pension Credit", "outcome": "reduced", "weekly_gain": -5.5}),
             "Benefit check recorded"),
    Endpoint("clients", "cherished-documents", CherishedDocument,
             {"kind": "blue_badge", "description": "Blue Badge", "location": "Client affairs safe, drawer 1",
              "received_on": DAY},
             {"kind": "blue_badge", "returned_on": None},
             ({"kind": "blue_badge", "description": "Blue Badge", "location": "", "received_on": DAY},
              {"kind": "tiara", "description": "Tiara", "location": "Safe", "received_on": DAY}),
             "Blue Badge added to the register"),
    Endpoint("cherished-documents", "move", CherishedDocument, {"location": "Client affairs safe, drawer 3"},
             {"location": "Client affairs safe, drawer 3"}, ({"location": ""}, {}),
             "Moved to Client affairs safe, drawer 3"),
    Endpoint("cherished-documents", "return", CherishedDocument, {"returned_on": DAY, "returned_to": "DVLA"},
             {"returned_on": DAY, "returned_to": "DVLA"},
             ({"returned_on": (TODAY - dt.timedelta(days=101)).isoformat(), "returned_to": "DVLA"},
              {"returned_on": DAY, "returned_to": ""}),
             "Returned to DVLA"),
]
IDS = [f"{e.on}-{e.tail}" for e in ENDPOINTS]


def _snapshot(model) -> tuple:
    return (model.objects.count(), model.history.count())


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_written_with_its_reason(officer, registers, endpoint):
    response = api_as(officer).post(endpoint.url(registers), endpoint.good, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {name: body[name] for name in endpoint.returned} == endpoint.returned
    assert body["client"] == registers["clients"].pk
    row = endpoint.model.history.order_by("-history_id").first()
    assert row.id == body["id"] and row.history_change_reason == endpoint.reason and row.history_user == officer


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_bad_input_is_a_400_and_changes_nothing(officer, registers, endpoint):
    api = api_as(officer)
    for bad in endpoint.bad:
        before = _snapshot(endpoint.model)
        response = api.post(endpoint.url(registers), bad, format="json")
        assert response.status_code == 400, (bad, response.json())
        assert response.json()["message"]
        assert _snapshot(endpoint.model) == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_refused_to_those_not_holding_the_client(other_officer, auditor, registers, endpoint):
    before = _snapshot(endpoint.model)
    assert api_as(other_officer).post(endpoint.url(registers), endpoint.good, format="json").status_code == 404
    assert api_as(auditor).post(endpoint.url(registers), endpoint.good, format="json").status_code == 403
    assert _snapshot(endpoint.model) == before


def test_a_record_that_is_not_there_is_a_404(officer):
    for tail in ("investments/999999/review", "tax-returns/999999/filed", "cherished-documents/999999/move",
                 "cherished-documents/999999/return", "clients/999999/debts"):
        assert api_as(officer).post(f"/api/v1/deputyship/{tail}/", {}, format="json").status_code == 404


def test_a_life_event_comes_back_with_its_checklist(officer, north_client):
    body = api_as(officer).post(f"/api/v1/deputyship/clients/{north_client.pk}/life-events/",
                                {"kind": "hospital_admission", "happened_on": DAY}, format="json").json()
    assert [item["item"] for item in body["checklist"]] == ["benefits", "home"]
    assert all(item["status"] == "open" and item["assigned_to"] == officer.username for item in body["checklist"])
