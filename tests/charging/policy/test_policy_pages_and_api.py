"""The council's charging policy kept as dated versions: added by a team leader or an administrator
with its document and reason, in history; the assessment keeps the policy it used; the uplift uses
the new year's policy; the calculate API applies the policy in force and takes what-if overrides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from charging import services
from charging.policy.models import CouncilPolicyVersion
from charging.policy.selectors import policy_in_force
from charging.policy.terms import NATIONAL_MINIMUM
from core.exceptions import ApplicationError, PermissionDeniedError
from tests.api.conftest import api  # noqa: F401  (the API client fixture)
from tests.api.test_charging_calculate_api import LAMBETH, post

pytestmark = pytest.mark.django_db

FROM = dt.date(2024, 4, 8)
AT_HOME = {**LAMBETH, "setting": "non_residential", "date_of_birth": "1984-01-01", "pension_credit_age": False,
           "capital": [], "income": [{"kind": "esa", "weekly": "200.00"}]}


def add(user, on=FROM, **choices):
    return services.policy_add(acting_user=user, effective_from=on, source="Test policy, https://council.example/p",
                               reason="Cabinet decision", **choices)


def test_a_team_leader_adds_a_version_in_force_from_its_day(charging_leader):
    version = add(charging_leader, minimum_charge=D("10.00"))
    assert policy_in_force(FROM - dt.timedelta(days=1)) == NATIONAL_MINIMUM
    assert policy_in_force(FROM).minimum_charge == D("10.00")
    record = version.history.get()
    assert record.history_user == charging_leader and record.history_change_reason == "Cabinet decision"


def test_officers_and_auditors_may_not_add_one(officer, auditor, administrator):
    for user in (officer, auditor):
        with pytest.raises(PermissionDeniedError):
            add(user)
    add(administrator)
    assert CouncilPolicyVersion.objects.count() == 1


def test_a_bad_version_is_refused(charging_leader):
    with pytest.raises(ApplicationError) as refused:
        add(charging_leader, charge_percent=D("120"), non_residential_ucl=D("10000.00"),
            non_residential_lcl=D("20000.00"), personal_budget_percent=D("0"))
    assert set(refused.value.extra) == {"charge_percent", "non_residential_lcl", "personal_budget_percent"}
    assert not CouncilPolicyVersion.objects.exists()


def test_a_share_of_the_personal_budget_is_kept_and_applied(api, officer, charging_leader):
    add(charging_leader, personal_budget_percent=D("90"))
    version = CouncilPolicyVersion.objects.get()
    assert version.terms().personal_budget_percent == D("90")
    assert version.history.last().history_change_reason
    data = post(api(officer), {**AT_HOME, "weekly_cost_of_care": "10.00"}).json()
    assert data["policy_used"]["personal_budget_percent"] == "90"
    assert data["weekly_charge"] == "9.00", data


def test_the_calculate_api_applies_the_policy_in_force_and_names_it(api, officer, charging_leader):
    national = post(api(officer), AT_HOME).json()
    add(charging_leader, minimum_charge=D("100.00"))
    data = post(api(officer), AT_HOME).json()
    assert D(national["weekly_charge"]) < D("100.00") and data["weekly_charge"] == "0.00"
    assert data["policy_used"]["minimum_charge"] == "100.00"
    assert data["policy_used"]["source"] == "Test policy, https://council.example/p"
    assert any(line["label"] == "Council policy: below the minimum weekly charge" for line in data["lines"])


def test_the_calculate_api_takes_a_what_if(api, officer, charging_leader):
    add(charging_leader, minimum_charge=D("100.00"))
    body = {**AT_HOME, "policy": {"minimum_charge": None, "charge_percent": "50",
                                  "mig_uplifts": {"MIG_SINGLE_25_TO_PCA": {"kind": "amount", "value": "10"}}}}
    response = post(api(officer), body)
    assert response.status_code == 200, response.json()
    data = response.json()
    national = post(api(officer), {**AT_HOME, "assessment_date": "2024-01-01"}).json()  # before the policy
    assert data["policy_used"]["minimum_charge"] is None and data["policy_used"]["charge_percent"] == "50.0000"
    assert "what-if" in data["policy_used"]["source"]
    assert D(data["weekly_charge"]) < D(national["weekly_charge"])
    bad = post(api(officer), {**AT_HOME, "policy": {"mig_uplifts": {"MIG_NONSENSE": {"kind": "amount",
                                                                                      "value": "1"}},
                                                   "charge_percen": "5"}})
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"policy.mig_uplifts", "policy.charge_percen"}


def test_the_rates_endpoint_shows_the_policy(api, officer, charging_leader):
    add(charging_leader, dre_flat=D("20.00"))
    data = api(officer).get("/api/v1/charging/rates/", {"on": "2024-06-01"}).json()
    assert data["policy"]["dre_flat"] == "20.00"


def test_an_assessment_keeps_the_policy_it_used(make_assessment, charging_leader, care_home):
    assessment = make_assessment("approved")
    add(charging_leader, on=assessment.assessment_date - dt.timedelta(days=400), minimum_charge=D("1.00"))
    assessment.refresh_from_db()
    assert "policy_used" in assessment.result
    draft = make_assessment("draft")
    assert draft.result["policy_used"]["minimum_charge"] == "1.00"  # the draft, worked out after, uses it
    assert assessment.result["policy_used"].get("minimum_charge") is None  # the approved one never changes


def test_the_pages(client_as, charging_leader, officer):
    page = client_as(charging_leader).get(reverse("charging:policy-add"))
    assert page.status_code == 200
    data = {"effective_from_0": "8", "effective_from_1": "4", "effective_from_2": "2024",
            "source": "Test policy", "minimum_charge": "10.00", "charge_percent": "100",
            "dre_itemised_if_higher": "on", "mig_MIG_SINGLE_PCA_kind": "percent", "mig_MIG_SINGLE_PCA_value": "5",
            "reason": "Cabinet decision"}
    response = client_as(charging_leader).post(reverse("charging:policy-add"), data)
    assert response.status_code == 302
    version = CouncilPolicyVersion.objects.get()
    assert version.mig_uplifts == {"MIG_SINGLE_PCA": {"kind": "percent", "value": "5"}}
    listing = client_as(officer).get(reverse("charging:policy")).content.decode()
    assert "From 8 April 2024" in listing and "Cabinet decision" in listing
    assert "Add a new version" not in listing
