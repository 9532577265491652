"""``/api/v1/charging/assessments/``: financial assessments through the API, with the same rules as
the pages: the calculate endpoint's document as inputs, a draft worked out with the rates in force,
submit and approve (never by the assessor), return to draft with a reason, money as strings, the one
error shape, another team's assessments 404 and auditors read-only."""

from __future__ import annotations

import re

import pytest

from charging import services
from charging.assessments.choices import AssessmentStatus
from charging.models import Assessment
from people.models import Allocation
from tests.charging.conftest import care_started, resident_inputs
from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/charging/assessments/"
MONEY = re.compile(r"^-?\d+\.\d\d$")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def inputs(**overrides) -> dict:
    data = resident_inputs().to_dict()
    data.pop("weekly_cost_of_care")  # the package's cost is used
    data.pop("couple")
    data.update(overrides)
    return data


def create(api, user, package, **overrides):
    body = {"care_package": package.pk, "reason": "Moved into a care home", "inputs": inputs()}
    body.update(overrides)
    return api(user).post(URL, body, format="json")


def test_create_a_draft_from_the_calculators_document(api, other_officer, care_home):
    response = create(api, other_officer, care_home)
    assert response.status_code == 201, response.json()
    body = response.json()
    assessment = Assessment.objects.get()
    assert body["id"] == assessment.pk and body["status"] == "draft" and body["client"] == care_home.client_id
    assert body["weekly_charge"] == "248.45" and body["council_share"] == "651.55"
    assert body["weekly_cost_of_care"] == "900.00" and body["assessed_by"] == "owen"
    assert body["result"]["weekly_charge"] == "248.45"
    assert body["inputs"]["weekly_cost_of_care"] == "900.00"  # the package's cost, whatever was sent
    for line in body["result"]["lines"]:
        assert MONEY.match(line["amount"]), line
    assert body["result"]["rates_used"]["PEA"]["amount"] == "31.80"


def test_money_and_unknown_fields_are_refused_by_path(api, other_officer, care_home):
    response = create(api, other_officer, care_home,
                      inputs=inputs(income=[{"kind": "state_pension", "weekly": 230.25}], dre_flat_rat=True))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "inputs.income[0].weekly" in body["errors"] and "inputs.dre_flat_rat" in body["errors"]
    assert Assessment.objects.count() == 0


def test_reason_and_package_are_required(api, other_officer, care_home, north_client):
    response = api(other_officer).post(URL, {"inputs": inputs()}, format="json")
    assert response.status_code == 400 and {"care_package", "reason"} <= set(response.json()["errors"])
    # Another charging team holds North's client: its package is not one Owen's team may see.
    south = TeamFactory(name="Financial assessment (South)", service="charging")
    colleague = UserFactory(username="sian")
    TeamMembershipFactory(team=south, user=colleague)
    Allocation.objects.create(client=north_client, team=south, service="charging", start_date=care_started())
    north_package = services.care_package_add(acting_user=colleague, client=north_client, setting="residential",
                                              weekly_cost="800", start_date=care_started(), provider_name="Oak")
    response = create(api, other_officer, north_package)  # another team's package: as if it did not exist
    assert response.status_code == 400 and "care_package" in response.json()["errors"]
    assert Assessment.objects.count() == 0


def test_a_missing_rate_is_422_naming_it_and_nothing_is_saved(api, other_officer, resident):
    package = services.care_package_add(acting_user=other_officer, client=resident, setting="non_residential",
                                        weekly_cost="300.00", start_date=care_started(), provider_name="Helping Hands")
    body = inputs(setting="non_residential", pension_credit_age=False, date_of_birth="1980-01-01",
                  income=[{"kind": "aa_higher", "weekly": "110.40"}], premiums={"disability": True})
    response = create(api, other_officer, package, inputs=body)
    assert response.status_code == 422
    assert response.json()["code"] == "missing_rate"
    assert set(response.json()["errors"]["rates"]) == {"MIG_DISABILITY_PREMIUM_SINGLE"}
    assert Assessment.objects.count() == 0


def test_update_a_draft_then_submit_and_approve(api, other_officer, charging_leader, care_home):
    pk = create(api, other_officer, care_home).json()["id"]
    detail = f"{URL}{pk}/"
    response = api(other_officer).patch(detail, {"reason": "Occupational pension stopped",
                                                 "inputs": inputs(income=[{"kind": "state_pension",
                                                                           "weekly": "230.25"}])}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["weekly_charge"] == "198.45"
    assert api(other_officer).patch(detail, {"notes": "x"}, format="json").status_code == 400  # no reason

    response = api(other_officer).post(f"{detail}submit/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    response = api(other_officer).patch(detail, {"reason": "Again", "notes": "late"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "wrong_status"

    response = api(charging_leader).post(f"{detail}approve/", {}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "approved" and body["approved_by"] == "leah"
    assert body["effective_from"] == care_home.start_date.isoformat() and body["backdating_explanation"]
    assert body["letter"]["status"] == "pending" and body["letter"]["download_url"] is None
    assert body["backdated_amount"] is None or MONEY.match(body["backdated_amount"])


def test_the_assessor_cannot_approve(api, charging_leader, care_home):
    pk = create(api, charging_leader, care_home).json()["id"]
    api(charging_leader).post(f"{URL}{pk}/submit/", {}, format="json")
    response = api(charging_leader).post(f"{URL}{pk}/approve/", {}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "own_assessment"
    assert Assessment.objects.get().status == AssessmentStatus.SUBMITTED


def test_return_to_draft_needs_a_reason(api, other_officer, charging_leader, make_assessment):
    assessment = make_assessment("submitted")
    url = f"{URL}{assessment.pk}/return-to-draft/"
    response = api(charging_leader).post(url, {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = api(charging_leader).post(url, {"reason": "Check the pension"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "draft" and response.json()["returned_reason"] == "Check the pension"


def test_list_and_retrieve_only_what_the_user_may_see(api, other_officer, officer, auditor, make_assessment):
    assessment = make_assessment("approved")
    make_assessment("draft", pension="240.00")
    body = api(other_officer).get(URL).json()
    assert body["count"] == 2
    assert {row["weekly_charge"] for row in body["results"]} == {"248.45", "258.20"}
    assert api(other_officer).get(URL, {"status": "approved"}).json()["count"] == 1
    assert api(other_officer).get(URL, {"client": assessment.client_id}).json()["count"] == 2
    assert api(other_officer).get(URL, {"status": "lost"}).status_code == 400
    assert api(officer).get(URL).json()["count"] == 0  # North's officer sees none of the charging team's
    response = api(officer).get(f"{URL}{assessment.pk}/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert api(auditor).get(f"{URL}{assessment.pk}/").json()["weekly_charge"] == "248.45"


def test_the_stored_result_is_returned_after_a_new_rate(api, other_officer, charging_leader, make_assessment):
    assessment = make_assessment("approved")
    services.rate_add(acting_user=charging_leader, code="PEA", amount="45.00", effective_from=care_started(),
                      source="Test", reason="Correction")
    body = api(other_officer).get(f"{URL}{assessment.pk}/").json()
    assert body["weekly_charge"] == "248.45" and body["result"]["rates_used"]["PEA"]["amount"] == "31.80"


def test_auditors_and_anonymous_cannot_write(api, auditor, make_assessment, care_home):
    assessment = make_assessment("draft")
    for url, body in [(URL, {"care_package": care_home.pk, "reason": "x", "inputs": inputs()}),
                      (f"{URL}{assessment.pk}/submit/", {})]:
        response = api(auditor).post(url, body, format="json")
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
        assert api(None).post(url, body, format="json").status_code in (401, 403)
    assert api(auditor).patch(f"{URL}{assessment.pk}/", {"reason": "x"}, format="json").status_code == 403
    assert api(None).get(URL).status_code in (401, 403)
    assert Assessment.objects.get().status == AssessmentStatus.DRAFT


def test_another_teams_officer_cannot_act(api, officer, make_assessment):
    assessment = make_assessment("draft")
    for suffix in ("submit/", "approve/", "return-to-draft/"):
        assert api(officer).post(f"{URL}{assessment.pk}/{suffix}", {"reason": "x"}, format="json").status_code == 404
    assert api(officer).patch(f"{URL}{assessment.pk}/", {"reason": "x"}, format="json").status_code == 404
    assert Assessment.objects.get().status == AssessmentStatus.DRAFT
