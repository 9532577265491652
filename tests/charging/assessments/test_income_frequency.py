"""Income entered as it is paid (weekly, fortnightly, four-weekly, monthly, yearly), converted to
weekly by one stated rule (monthly × 12 ÷ 52, four-weekly ÷ 4, fortnightly ÷ 2, yearly ÷ 52), shown on
the working, kept in the stored inputs, and the same in the calculator, the form, the API and the letter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from charging.assessments.calculator import (
    AssessmentInput,
    Frequency,
    IncomeItem,
    IncomeKind,
    assess,
    to_weekly,
)
from charging.models import Assessment
from documents.services import document_render
from tests.api.conftest import api  # noqa: F401  (the API client fixture)
from tests.api.test_charging_calculate_api import LAMBETH, direct, post
from tests.charging.assessments.test_views import assessment_post, error_summary
from tests.charging.conftest import care_started, resident_inputs
from tests.charging.helpers import D, rates, resident
from tests.documents.conftest import pdf_text


@pytest.mark.parametrize("amount, frequency, weekly", [
    ("1000.00", Frequency.MONTHLY, "230.77"),      # 1000 × 12 ÷ 52 = 230.769...
    ("1000.00", Frequency.FOUR_WEEKLY, "250.00"),
    ("460.50", Frequency.FORTNIGHTLY, "230.25"),
    ("11973.00", Frequency.YEARLY, "230.25"),
    ("100.01", Frequency.FORTNIGHTLY, "50.01"),     # 50.005 rounds half up
    ("230.25", Frequency.WEEKLY, "230.25"),
])
def test_the_one_rule(amount, frequency, weekly):
    assert to_weekly(D(amount), frequency) == D(weekly)


def test_a_monthly_pension_on_the_working():
    item = IncomeItem.entered(IncomeKind.OCCUPATIONAL_PENSION, D("500.00"), Frequency.MONTHLY, "Aviva")
    assert item.weekly == D("115.38") and item.amount == D("500.00")
    result = assess(resident(income=(item,)), rates())
    line = next(line for line in result.lines if line.label.endswith("Aviva"))
    assert line.amount == D("115.38")
    assert line.rule == "£500.00 a month × 12 ÷ 52 = £115.38 a week"
    assert result.gross_income == D("115.38")


def test_the_calculator_converts_even_if_the_caller_gave_another_weekly_figure():
    item = IncomeItem(IncomeKind.OTHER, D("999.00"), frequency=Frequency.MONTHLY, amount=D("1300.00"))
    assert assess(resident(income=(item,)), rates()).gross_income == D("300.00")


def test_entered_amounts_survive_the_stored_round_trip():
    inp = resident(income=(IncomeItem.entered(IncomeKind.OTHER, D("1200.00"), Frequency.YEARLY),
                           IncomeItem(IncomeKind.STATE_PENSION, D("230.25"))))
    data = inp.to_dict()
    assert data["income"][0]["amount"] == "1200.00" and data["income"][0]["frequency"] == "yearly"
    assert "frequency" not in data["income"][1]  # weekly incomes stored as before
    assert AssessmentInput.from_dict(data) == inp


# --- the API ------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_api_takes_amount_and_frequency(api, officer):
    body = {**LAMBETH, "income": [{"kind": "state_pension", "amount": "921.00", "frequency": "four_weekly"},
                                  {"kind": "other", "weekly": "40.00"}]}
    response = post(api(officer), body)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data == direct(body)
    line = next(line for line in data["lines"] if line["label"].startswith("State Pension"))
    assert line["amount"] == "230.25" and line["rule"] == "£921.00 every four weeks ÷ 4 = £230.25 a week"


@pytest.mark.django_db
@pytest.mark.parametrize("item, field", [
    ({"kind": "other", "weekly": "10.00", "amount": "10.00"}, "amount"),
    ({"kind": "other"}, "weekly"),
    ({"kind": "other", "weekly": "10.00", "frequency": "monthly"}, "frequency"),
    ({"kind": "other", "amount": "10.00", "frequency": "quarterly"}, "frequency"),
])
def test_the_api_names_a_wrong_income(api, officer, item, field):
    response = post(api(officer), {**LAMBETH, "income": [item]})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [f"income[0].{field}"]


# --- the form and the letter --------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_form_stores_the_amount_as_paid(client_as, other_officer, care_home):
    on = care_started()
    data = assessment_post(on=on, income=[
        {"kind": "state_pension", "weekly": "230.25", "frequency": "weekly"},
        {"kind": "occupational_pension", "weekly": "216.67", "frequency": "monthly", "description": "Aviva"},
    ])
    response = client_as(other_officer).post(reverse("charging:assessment-create", args=[care_home.pk]), data)
    assert response.status_code == 302, error_summary(response)
    assessment = Assessment.objects.get()
    stored = assessment.inputs["income"][1]
    assert (stored["amount"], stored["frequency"], stored["weekly"]) == ("216.67", "monthly", "50.00")
    page = client_as(other_officer).get(reverse("charging:assessment-edit", args=[assessment.pk])).content.decode()
    assert 'value="216.67"' in page  # the edit page shows the amount as entered, with its frequency
    detail = client_as(other_officer).get(reverse("charging:assessment-detail", args=[assessment.pk]))
    assert "£216.67 a month × 12 ÷ 52 = £50.00 a week" in detail.content.decode()


@pytest.mark.django_db
def test_the_letter_shows_the_conversion(make_assessment):
    income = (IncomeItem(IncomeKind.STATE_PENSION, D("230.25")),
              IncomeItem.entered(IncomeKind.OCCUPATIONAL_PENSION, D("2600.00"), Frequency.YEARLY, "Aviva"))
    assessment = make_assessment("approved", income=income)
    text = pdf_text(document_render(document_id=assessment.letter_id).file.read())
    assert "£2,600.00 a year ÷ 52 = £50.00 a week" in text
