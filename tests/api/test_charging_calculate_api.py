"""``POST /api/v1/charging/calculate/``: the what-if calculator over the seeded rates.

The published examples (examples.md) via the API to the penny, the same answer as calling the
calculator directly, every line of the working, each bad field named by its path, money never a JSON
number, a missing rate named, who may use it, and nothing written.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charging.api.serializers import CalculateInputSerializer
from charging.assessments.calculator import InvalidAssessment, assess
from charging.selectors import rates_in_force
from charging.services import rate_add
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/charging/calculate/"
MONEY = re.compile(r"^-?\d+\.\d\d$")

LAMBETH = {  # examples.md 3: residential, 2024/25, age 71
    "setting": "residential",
    "assessment_date": "2024-06-03",
    "date_of_birth": "1953-03-01",
    "pension_credit_age": True,
    "weekly_cost_of_care": "900.00",
    "capital": [{"description": "Savings account", "value": "15250.00"}],
    "income": [
        {"kind": "state_pension", "weekly": "130.00", "description": "pensions"},
        {"kind": "other", "weekly": "40.00", "description": "other benefits"},
    ],
}

DEVON = {  # examples.md 4: non-residential, 2023/24, Peter, age 37
    "setting": "non_residential",
    "assessment_date": "2023-06-01",
    "date_of_birth": "1986-01-01",
    "pension_credit_age": False,
    "weekly_cost_of_care": "454.00",
    "income": [
        {"kind": "esa", "weekly": "225.45"},
        {"kind": "pip_daily_living_enhanced", "weekly": "101.75"},
        {"kind": "pip_mobility_standard", "weekly": "26.90"},
    ],
    "housing_costs": [
        {"description": "Top-up rent", "weekly": "10.00"},
        {"description": "Council tax", "weekly": "6.00"},
        {"description": "Contents insurance", "weekly": "1.27"},
    ],
    "dre_items": [
        {"description": "Cleaner", "weekly": "20.00"},
        {"description": "Mobile phone", "weekly": "2.31"},
        {"description": "Broadband", "weekly": "5.77"},
    ],
    "premiums": {"disability": True, "enhanced_disability": True},
}

DEVON_LINES = [
    ("capital", "Total capital", "0.00", ""),
    ("income", "Tariff income", "0.00", "LCL"),
    ("income", "Employment and Support Allowance", "225.45", ""),
    ("income", "PIP daily living (enhanced)", "101.75", ""),
    ("income", "PIP mobility (standard)", "26.90", ""),
    ("disregard", "Less PIP mobility (standard)", "-26.90", ""),
    ("income", "Assessed income", "327.20", ""),
    ("allowance", "Minimum Income Guarantee", "-103.65", "MIG_SINGLE_25_TO_PCA"),
    ("allowance", "Disability premium (single)", "-46.40", "MIG_DISABILITY_PREMIUM_SINGLE"),
    ("allowance", "Enhanced disability premium (single)", "-21.70", "MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE"),
    ("allowance", "Housing cost: Top-up rent", "-10.00", ""),
    ("allowance", "Housing cost: Council tax", "-6.00", ""),
    ("allowance", "Housing cost: Contents insurance", "-1.27", ""),
    ("allowance", "Disability related expenditure: Cleaner", "-20.00", ""),
    ("allowance", "Disability related expenditure: Mobile phone", "-2.31", ""),
    ("allowance", "Disability related expenditure: Broadband", "-5.77", ""),
    ("charge", "Weekly charge", "110.10", ""),
    ("charge", "Council pays", "343.90", ""),
]


@pytest.fixture
def devon_premiums(charging_leader):
    """The seeded table has no 2023/24 disability premiums, and Devon gives only its total MIG
    (£171.75): this split is the calculator tests' assumption (tests/charging/assessments/test_calculator.py)."""
    for code, amount in [("MIG_DISABILITY_PREMIUM_SINGLE", "46.40"), ("MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE", "21.70")]:
        rate_add(acting_user=charging_leader, code=code, amount=amount, effective_from=dt.date(2023, 4, 10),
                 effective_to=dt.date(2024, 4, 7), source="Test: Devon's MIG of £171.75 split (assumed)",
                 reason="Test figures for the Devon example")


def direct(body: dict) -> dict:
    """The calculator's answer for ``body`` called directly, as the API should give it."""
    given = CalculateInputSerializer(data=body)
    assert given.is_valid(), given.errors
    inp = given.build(given.validated_data)
    return assess(inp, rates_in_force(inp.assessment_date)).to_dict()


def post(client, body):
    return client.post(URL, body, format="json")


def money_fields(data: dict):
    for name in ["total_capital", "capital_disregarded", "tariff_income", "gross_income", "income_disregarded",
                 "assessed_income", "allowances", "housing_costs", "disability_related_expenditure",
                 "charge_before_cap", "weekly_cost_of_care", "weekly_charge", "council_share"]:
        yield name, data[name]
    for line in data["lines"]:
        yield line["label"], line["amount"]
    for code, rate in data["rates_used"].items():
        yield code, rate["amount"]


# --- the published examples -----------------------------------------------------------------------

def test_lambeth_residential_2024_25(api, officer):
    response = post(api(officer), LAMBETH)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["weekly_charge"] == "143.85"
    assert data["tariff_income"] == "4.00"
    assert data["assessed_income"] == "174.00"
    assert data["allowances"] == "30.15"
    assert data["council_share"] == "756.15"
    assert (data["full_cost"], data["capped_at_cost"], data["minimum_charge_applied"]) == (False, False, False)
    assert data["rates_used"]["PEA"] == {
        "code": "PEA", "name": "Personal expenses allowance (care home), a week", "amount": "30.15",
        "effective_from": "2024-04-08", "source": "council schedules quoting LAC"}
    assert data == direct(LAMBETH)


def test_devon_non_residential_2023_24(api, officer, devon_premiums):
    response = post(api(officer), DEVON)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["gross_income"], data["income_disregarded"], data["housing_costs"]) == ("354.10", "26.90", "17.27")
    assert (data["disability_related_expenditure"], data["allowances"]) == ("28.08", "171.75")
    assert data["weekly_charge"] == "110.10"
    assert data["council_share"] == "343.90"
    assert data["setting"] == "non_residential" and data["basis"] == "individual"
    assert data["compared_with"] is None
    assert [(line["section"], line["label"], line["amount"], line["rate_code"]) for line in data["lines"]] == DEVON_LINES
    assert data == direct(DEVON)


def test_devon_when_the_care_costs_only_100(api, officer, devon_premiums):
    data = post(api(officer), {**DEVON, "weekly_cost_of_care": "100.00"}).json()
    assert (data["charge_before_cap"], data["weekly_charge"], data["council_share"]) == ("110.10", "100.00", "0.00")
    assert data["capped_at_cost"] is True
    assert any(line["label"] == "Charge capped at the cost of care" for line in data["lines"])


def test_every_line_carries_its_rule_and_the_rate_it_used(api, officer, devon_premiums):
    data = post(api(officer), DEVON).json()
    for line in data["lines"]:
        assert set(line) == {"section", "label", "amount", "rule", "rate_code"}
        if line["rate_code"]:
            rate = data["rates_used"][line["rate_code"]]
            assert rate["source"] and rate["effective_from"] <= "2023-06-01"
    assert "Mobility components are disregarded (Annex C)" in {line["rule"] for line in data["lines"]}
    assert data["rates_used"]["MIG_SINGLE_25_TO_PCA"]["source"] == "SI 2023/277 (2023/24)"
    assert set(data["rates_used"]) == {"UCL", "LCL", "TARIFF_STEP", "MIG_SINGLE_25_TO_PCA",
                                       "MIG_DISABILITY_PREMIUM_SINGLE", "MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE"}


def test_money_out_is_always_a_string_with_two_places(api, officer, devon_premiums):
    for body in (LAMBETH, DEVON, {**LAMBETH, "capital": [{"description": "Savings", "value": "100", "joint_owners": 3}]}):
        data = post(api(officer), body).json()
        for name, amount in money_fields(data):
            assert isinstance(amount, str) and MONEY.match(amount), (name, amount)


def test_a_couple_compared_jointly_matches_the_calculator(api, officer):
    body = {
        "setting": "non_residential", "assessment_date": "2024-06-03", "date_of_birth": "1950-01-01",
        "pension_credit_age": True, "weekly_cost_of_care": "300.00",
        "capital": [{"description": "Joint savings", "value": "40000.00", "joint_owners": 2}],
        "income": [{"kind": "state_pension", "weekly": "221.20"}],
        "couple": {"partner_pension_credit_age": True, "partner_date_of_birth": "1952-05-05",
                   "partner_income": [{"kind": "state_pension", "weekly": "100.00"}], "compare_joint": True},
    }
    response = post(api(officer), body)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["compared_with"] is not None
    assert {data["basis"], data["compared_with"]["basis"]} == {"individual", "joint"}
    assert data == direct(body)


def test_the_property_disregard_and_notional_capital(api, officer):
    body = {**LAMBETH, "capital": [{"description": "Home", "value": "200000.00", "kind": "main_home"}],
            "property_disregard": {"admission_date": "2024-05-01"},
            "notional_capital": "1000.00", "notional_capital_reason": "Gift to nephew, decision of 2 May 2024"}
    data = post(api(officer), body).json()
    assert data["total_capital"] == "1000.00" and data["capital_disregarded"] == "200000.00"
    assert "12-week property disregard" in data["lines"][0]["rule"]
    assert data == direct(body)


# --- bad input --------------------------------------------------------------------------------------

def test_each_bad_field_is_named_by_its_path(api, officer):
    body = copy.deepcopy(DEVON)
    body["setting"] = "hospital"
    del body["weekly_cost_of_care"]
    body["income"][2]["weekly"] = "lots"
    body["income"][0]["kind"] = "lottery"
    body["housing_costs"][1]["weekly"] = "-6.00"
    body["dre_items"][0]["weekly"] = "20.001"
    body["capital"] = [{"description": "Savings", "value": "10.00", "joint_owners": 0},
                       {"description": "Trust", "value": "5000.00", "disregarded": True}]
    body["property_disregard"] = {"admission_date": "yesterday", "mandatory_reason": "cat"}
    body["premiums"]["dependent_children"] = -1
    body["couple"] = {"partner_income": [{"kind": "esa", "weekly": "1.00"}, {"kind": "esa"}]}
    body["dre_flat_rat"] = True
    response = post(api(officer), body)
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid"
    assert data["message"] == "Check the fields named in errors."
    assert set(data["errors"]) == {
        "setting", "weekly_cost_of_care", "income[2].weekly", "income[0].kind", "housing_costs[1].weekly",
        "dre_items[0].weekly", "capital[0].joint_owners", "capital[1].disregard_reason",
        "property_disregard.admission_date", "property_disregard.mandatory_reason",
        "premiums.dependent_children", "couple.partner_income[1].weekly", "dre_flat_rat",
    }
    assert data["errors"]["dre_flat_rat"] == ["Unknown field."]
    assert data["errors"]["weekly_cost_of_care"] == ["This field is required."]
    assert all(isinstance(messages, list) and messages for messages in data["errors"].values())


@pytest.mark.parametrize("amount", [454, 454.0, 0, True])
def test_money_as_a_json_number_is_refused_naming_the_field(api, officer, amount):
    body = copy.deepcopy(DEVON)
    body["weekly_cost_of_care"] = amount
    body["income"][1]["weekly"] = amount
    response = post(api(officer), body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"weekly_cost_of_care", "income[1].weekly"}
    assert "not a number" in errors["weekly_cost_of_care"][0]


@pytest.mark.parametrize("changes, field", [
    ({"notional_capital": "500.00"}, "notional_capital_reason"),
    ({"income": [{"kind": "other_disregarded", "weekly": "5.00"}]}, "income[0].description"),
    ({"date_of_birth": "2010-01-01"}, "date_of_birth"),
    ({"date_of_birth": "2030-01-01"}, "date_of_birth"),
    ({"property_disregard": {"previous_disregard_days_used": 30}}, "property_disregard.previous_disregard_ended"),
    ({"assessment_date": "1 June 2023"}, "assessment_date"),
    ({"pension_credit_age": None}, "pension_credit_age"),
    ({"capital": {"description": "not a list"}}, "capital"),
])
def test_facts_the_calculator_would_refuse_are_named(api, officer, changes, field):
    response = post(api(officer), {**DEVON, **changes})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {field}


def test_not_an_object(api, officer):
    response = post(api(officer), ["setting"])
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"non_field_errors"}


def test_an_assessment_the_calculator_refuses_is_a_400(api, officer, monkeypatch):
    def refuse(inp, rates, policy=None):
        raise InvalidAssessment("Adult social care charging applies from age 18.")

    monkeypatch.setattr("charging.api.views.assess", refuse)
    response = post(api(officer), LAMBETH)
    assert response.status_code == 400
    assert response.json() == {"code": "invalid_assessment", "message": "Adult social care charging applies from age 18."}


# --- missing rates ----------------------------------------------------------------------------------

def test_a_missing_rate_is_named(api, officer):
    # The seeded table has no 2023/24 disability premiums: Devon's example needs both.
    response = post(api(officer), DEVON)
    assert response.status_code == 422
    data = response.json()
    assert data["code"] == "missing_rate"
    assert data["errors"] == {"rates": ["MIG_DISABILITY_PREMIUM_SINGLE", "MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE"]}
    assert data["message"] == (
        "No rate in force on 1 June 2023 for: Disability premium (single) (MIG_DISABILITY_PREMIUM_SINGLE); "
        "Enhanced disability premium (single) (MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE)")


def test_no_rates_at_all_before_the_table_starts(api, officer):
    response = post(api(officer), {**LAMBETH, "assessment_date": "2015-06-01", "date_of_birth": "1940-01-01"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"rates": ["UCL", "LCL", "TARIFF_STEP"]}


# --- who may use it ---------------------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["officer", "team_leader", "other_officer", "auditor", "administrator"])
def test_every_role_may_use_it_auditors_included(request, api, persona):
    response = post(api(request.getfixturevalue(persona)), LAMBETH)
    assert response.status_code == 200, response.json()
    assert response.json()["weekly_charge"] == "143.85"


def test_not_signed_in(api):
    response = post(api(None), LAMBETH)
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"


def test_signed_in_without_a_role(api):
    response = post(api(UserFactory(username="norole")), LAMBETH)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_auditors_still_may_not_write_elsewhere(api, auditor):
    response = api(auditor).post("/api/v1/ledger/transactions/", {}, format="json")
    assert response.status_code == 403


def test_only_post(api, officer):
    assert api(officer).get(URL).status_code == 405


# --- nothing written --------------------------------------------------------------------------------

def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.parametrize("persona", ["officer", "auditor"])
def test_nothing_is_written(request, api, persona, devon_premiums):
    client = api(request.getfixturevalue(persona))
    before = _row_counts()
    with CaptureQueriesContext(connection) as queries:
        for body in (LAMBETH, DEVON, {**DEVON, "assessment_date": "2015-06-01"}, {**DEVON, "setting": "x"}):
            post(client, body)
    assert _row_counts() == before
    # Every query reads, except the session's own save (SESSION_SAVE_EVERY_REQUEST: the idle timeout).
    writes = [query["sql"] for query in queries.captured_queries
              if not query["sql"].startswith(("SELECT", "SAVEPOINT", "RELEASE SAVEPOINT"))
              and not query["sql"].startswith('UPDATE "django_session" ')]
    assert writes == []
    assert sum('FROM "charging_rate"' in query["sql"] for query in queries.captured_queries) == 3  # one per valid body


# --- the schema -------------------------------------------------------------------------------------

def test_schema_describes_the_endpoint(api, officer):
    schema = api(officer).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"][URL]["post"]
    assert set(operation["responses"]) == {"200", "400", "403", "415", "422"}
    components = schema["components"]["schemas"]
    assert {"CalculateInput", "CalculateOutput", "IncomeItemInputKindEnum", "CapitalItemInputKindEnum"} <= set(components)
    assert "pip_mobility_standard" in components["IncomeItemInputKindEnum"]["enum"]
    assert components["CalculateInput"]["properties"]["weekly_cost_of_care"]["type"] == "string"


def test_the_example_in_the_docs_is_devon(api, officer, devon_premiums):
    from charging.api.views import _EXAMPLE

    assert _EXAMPLE == DEVON
    assert D(post(api(officer), _EXAMPLE).json()["weekly_charge"]) == D("110.10")
