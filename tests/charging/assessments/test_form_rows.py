"""The assessment form's "Add another" rows (without JavaScript), each income row's kind, and
assessments stored before the kinds of State Pension were told apart."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from charging import services
from charging.assessments.calculator import AssessmentInput
from charging.models import Assessment
from tests.charging.conftest import care_started
from tests.charging.assessments.test_views import assessment_post, error_summary, text

pytestmark = pytest.mark.django_db


def rows(page: str, prefix: str) -> int:
    return len(re.findall(rf'id="{prefix}-row-\d+"', page))


def test_add_another_income_line_keeps_what_was_typed_and_saves_nothing(client_as, other_officer, care_home):
    url = reverse("charging:assessment-create", args=[care_home.pk])
    page = client_as(other_officer).get(url).content.decode()
    assert rows(page, "income") == 3 and 'name="add_row" value="income"' in page
    data = assessment_post(on=care_started(), income=[{"kind": "new_state_pension", "weekly": "241.30"},
                                                      {"kind": "occupational_pension", "weekly": "50.00",
                                                       "description": "Aviva"}],
                           reason="")  # not filled in yet: no complaint, nothing is checked
    data["add_row"] = "income"
    response = client_as(other_officer).post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" not in page
    assert rows(page, "income") == 4 and 'name="income-TOTAL_FORMS" value="4"' in page
    assert 'value="241.30"' in page and 'value="Aviva"' in page
    assert '<option value="new_state_pension" selected>New State Pension</option>' in page
    assert 'formaction="#income-add"' in page  # the page comes back at this list
    assert Assessment.objects.count() == 0

    # Then the officer fills the new row in and saves: all three lines are kept.
    data.pop("add_row")
    data.update({"income-TOTAL_FORMS": "4", "income-3-kind": "aa_higher", "income-3-weekly": "114.60",
                 "reason": "Moved into a care home"})
    response = client_as(other_officer).post(url, data)
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert [i["kind"] for i in assessment.inputs["income"]] == ["new_state_pension", "occupational_pension",
                                                                "aa_higher"]


def test_add_another_capital_item_on_the_edit_page(client_as, other_officer, make_assessment):
    assessment = make_assessment("draft")
    url = reverse("charging:assessment-edit", args=[assessment.pk])
    data = assessment_post(on=assessment.assessment_date, capital=[{"description": "Savings", "kind": "savings",
                                                                    "value": "1000.00", "joint_owners": "1"}])
    data["add_row"] = "capital"
    page = client_as(other_officer).post(url, data).content.decode()
    assert rows(page, "capital") == 3 and 'value="Savings"' in page and "govuk-error-summary" not in page
    assessment.refresh_from_db()
    assert assessment.inputs["capital"] == []  # nothing saved


def test_a_wrong_add_row_value_is_an_ordinary_submit(client_as, other_officer, care_home):
    data = assessment_post(on=care_started(), income=[{"kind": "new_state_pension", "weekly": "241.30"}], reason="")
    data["add_row"] = "nonsense"
    response = client_as(other_officer).post(reverse("charging:assessment-create", args=[care_home.pk]), data)
    assert "Enter the reason for the assessment" in error_summary(response)


#: Inputs and a result exactly as an assessment stored before the kinds of State Pension (and the
#: uprating's explanations) existed: "state_pension", and no "uprating" key on income lines.
STORED_INPUTS = {
    "setting": "residential", "assessment_date": "2025-06-02", "date_of_birth": "1941-05-17",
    "pension_credit_age": True, "weekly_cost_of_care": "900.00", "capital": [],
    "property_disregard": {"mandatory_reason": None, "admission_date": None, "previous_disregard_days_used": 0,
                           "previous_disregard_ended": None},
    "notional_capital": "0.00", "notional_capital_reason": "",
    "income": [{"kind": "state_pension", "weekly": "230.25", "description": ""}],
    "night_care_provided": False, "pension_half_to_partner": False, "housing_costs": [], "dre_items": [],
    "dre_flat_rate": False,
    "premiums": {"disability": False, "enhanced_disability": False, "carer": False, "dependent_children": 0},
    "couple": None,
}


def test_inputs_stored_before_still_load_and_save_unchanged():
    loaded = AssessmentInput.from_dict(STORED_INPUTS)
    assert loaded.income[0].uprating == "" and loaded.to_dict() == STORED_INPUTS


def test_an_assessment_stored_before_still_displays_and_is_uprated(client_as, charging_leader, other_officer,
                                                                     make_resident):
    from charging.uplift import services as uplift

    client, package, _ = make_resident(dt.date(2025, 6, 2), approve=False)
    draft = Assessment.objects.get(client=client)
    # As it was stored: the old kind, the old label in the working, no "uprating" anywhere.
    result = draft.result
    for line in result["lines"]:
        if line["label"].startswith("State Pension"):
            line["label"] = "State Pension"
    Assessment.objects.filter(pk=draft.pk).update(
        inputs={**STORED_INPUTS, "income": [{"kind": "state_pension", "weekly": "125.65", "description": ""}]},
        result=result)
    draft = services.assessment_submit(acting_user=other_officer, assessment=draft)
    approved = services.assessment_approve(acting_user=charging_leader, assessment=draft)
    page = text(client_as(other_officer).get(reverse("charging:assessment-detail", args=[approved.pk])))
    assert "State Pension £125.65" in page and "In force" in page

    # The uplift reads it: a State Pension whose kind was not recorded, not at a full rate, is kept to check.
    run = uplift.uplift_start(acting_user=charging_leader, uplift_date=dt.date(2026, 4, 6), send=False)
    run = uplift.uplift_preview_all(run)
    item = run.items.get()
    assert item.error == "" and item.income_lines[0]["method"] == "to_check"
    assert "kind of State Pension was not recorded" in item.income_lines[0]["explanation"]
    assert item.new_weekly_charge == Decimal("125.65") - Decimal("31.80")  # the 2026/27 PEA
