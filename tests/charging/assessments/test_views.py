"""The care and charging pages: a client's care packages and assessments, the assessment form (with
its lists of capital, income and expenses), the assessment page and its actions, and the approvals
queue. Every form refuses bad input with the GOV.UK error summary and saves nothing; another team's
records are 404; auditors see no control and every write is 403; the page shows the stored result."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from charging import services
from charging.assessments.choices import AssessmentStatus
from charging.models import Assessment, AssessmentEvidence, CarePackage
from tests.charging.conftest import care_started

pytestmark = pytest.mark.django_db

ROWS = {"capital": 0, "income": 0, "housing_costs": 0, "dre_items": 0}


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def error_summary(response) -> str:
    html = response.content.decode()
    assert "govuk-error-summary" in html, text(response)[:3000]
    start = html.index("govuk-error-summary")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start:start + 4000]))


def day(prefix: str, value: dt.date) -> dict:
    return {f"{prefix}_0": value.day, f"{prefix}_1": value.month, f"{prefix}_2": value.year}


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial, f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 100}


def assessment_post(*, on: dt.date, born=dt.date(1941, 5, 17), capital=(), income=(), housing=(), dre=(),
                    residential=True, **fields) -> dict:
    """The assessment form as a browser sends it: the main form and each list's rows (plus a blank row)."""
    data = {**day("assessment_date", on), **day("date_of_birth", born), "pension_credit_age": "on",
            "reason": "Moved into a care home", "notes": "", "notional_capital": ""}
    lists = {"capital": capital, "income": income}
    if not residential:
        lists.update({"housing_costs": housing, "dre_items": dre})
    for prefix, rows in lists.items():
        data.update(management(prefix, len(rows) + 1))
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
        if prefix == "capital":
            data[f"{prefix}-{len(rows)}-joint_owners"] = "1"  # the blank row as drawn
    data.update(fields)
    return data


PENSIONS = ({"kind": "state_pension", "weekly": "230.25"},
            {"kind": "occupational_pension", "weekly": "50.00", "description": "Aviva"})


# --- the client's care and charging page ---------------------------------------------------------------

def test_client_page_links_to_care_and_charging_with_the_live_charge(client_as, other_officer, make_assessment):
    assessment = make_assessment("approved")
    page = text(client_as(other_officer).get(reverse("people:client-detail", args=[assessment.client_id])))
    assert "Charging" in page and "pays £248.45 a week" in page
    assert reverse("charging:client-charging", args=[assessment.client_id]) in client_as(other_officer).get(
        reverse("people:client-detail", args=[assessment.client_id])).content.decode()


def test_care_and_charging_lists_packages_assessments_and_the_live_charge(client_as, other_officer, make_assessment):
    approved = make_assessment("approved")
    make_assessment("draft", pension="240.00")
    response = client_as(other_officer).get(reverse("charging:client-charging", args=[approved.client_id]))
    page = text(response)
    assert response.status_code == 200
    assert "Beech House Care Home" in page and "£900.00" in page
    assert "In force" in page and "Draft" in page
    assert "£248.45 a week from" in page
    assert "£258.20" in page  # the draft's stored charge
    assert "Start a financial assessment" in page and "Add a care package" in page


# --- care packages -----------------------------------------------------------------------------------

def test_adding_a_care_package(client_as, other_officer, resident):
    start = care_started()
    response = client_as(other_officer).post(reverse("charging:care-package-add", args=[resident.pk]), {
        "setting": "non_residential", "provider_name": "Helping Hands", "weekly_cost": "£454.00",
        **day("start_date", start), "description": "4 visits a day"})
    assert response.status_code == 302
    package = CarePackage.objects.get()
    assert package.weekly_cost == 454 and package.setting == "non_residential" and package.start_date == start


@pytest.mark.parametrize("bad, message", [
    ({"setting": ""}, "Choose the type of care"),
    ({"weekly_cost": "lots"}, "Enter the weekly cost of care in pounds and pence"),
    ({"weekly_cost": "0"}, "must be more than £0.00"),
    ({"provider_name": ""}, "Enter the name of the care provider"),
    ({"start_date_0": ""}, "must include a day"),
    ({"end_date_0": "1", "end_date_1": "1", "end_date_2": "2000"}, "the same as or after the date it started"),
])
def test_a_bad_care_package_is_refused_and_nothing_saved(client_as, other_officer, resident, bad, message):
    data = {"setting": "residential", "provider_name": "Beech House", "weekly_cost": "900",
            **day("start_date", care_started()), **bad}
    response = client_as(other_officer).post(reverse("charging:care-package-add", args=[resident.pk]), data)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert CarePackage.objects.count() == 0


def test_an_overlapping_package_is_refused_by_the_service(client_as, other_officer, care_home):
    response = client_as(other_officer).post(reverse("charging:care-package-add", args=[care_home.client_id]), {
        "setting": "residential", "provider_name": "Oak Lodge", "weekly_cost": "950", **day("start_date", care_started())})
    assert "already has a residential care" in error_summary(response)
    assert CarePackage.objects.count() == 1


def test_ending_a_care_package(client_as, other_officer, care_home):
    url = reverse("charging:care-package-end", args=[care_home.pk])
    response = client_as(other_officer).post(url, {"reason": ""})
    assert "Enter the last day of care" in error_summary(response) and "Enter why the care is ending" in error_summary(response)
    care_home.refresh_from_db()
    assert care_home.end_date is None
    response = client_as(other_officer).post(url, {**day("end_date", care_started() + dt.timedelta(days=30)),
                                                  "reason": "Moved to another county"})
    assert response.status_code == 302
    care_home.refresh_from_db()
    assert care_home.end_date == care_started() + dt.timedelta(days=30)


# --- the assessment form -----------------------------------------------------------------------------

def test_the_form_is_prefilled_from_the_client_and_package(client_as, other_officer, care_home):
    response = client_as(other_officer).get(reverse("charging:assessment-create", args=[care_home.pk]))
    html = response.content.decode()
    born = care_home.client.date_of_birth
    assert f'name="date_of_birth_2" type="text" value="{born.year}"' in html or f'value="{born.year}"' in html
    assert 'name="capital-0-description"' in html and 'name="income-2-weekly"' in html
    assert "housing_costs-0" not in html  # residential: no housing costs or DRE
    assert "The home" in text(response)


def test_an_officer_saves_a_draft_with_capital_and_income(client_as, other_officer, care_home):
    on = care_started()
    data = assessment_post(on=on, capital=[
        {"description": "Nationwide savings", "kind": "savings", "value": "16,999.00", "joint_owners": "1"},
        {"description": "Joint account with son", "kind": "savings", "value": "1000", "joint_owners": "2"},
    ], income=PENSIONS)
    response = client_as(other_officer).post(reverse("charging:assessment-create", args=[care_home.pk]), data)
    assert response.status_code == 302, error_summary(response)
    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("charging:assessment-detail", args=[assessment.pk])
    assert assessment.status == AssessmentStatus.DRAFT and assessment.assessed_by == other_officer
    assert [c["value"] for c in assessment.inputs["capital"]] == ["16999.00", "1000.00"]
    assert assessment.inputs["capital"][1]["joint_owners"] == 2
    # £17,499 capital: £13 tariff income; £280.25 + £13 - £31.80 PEA
    assert assessment.result["tariff_income"] == "13.00"
    assert assessment.result["weekly_charge"] == "261.45"


def test_a_non_residential_assessment_with_expenses(client_as, other_officer, resident):
    on = dt.date(2025, 6, 2)
    package = services.care_package_add(acting_user=other_officer, client=resident, setting="non_residential",
                                        weekly_cost="454.00", start_date=on, provider_name="Helping Hands")
    data = assessment_post(on=on, born=dt.date(1986, 1, 1), residential=False, income=[
        {"kind": "esa", "weekly": "225.45"}, {"kind": "pip_daily_living_enhanced", "weekly": "101.75"},
        {"kind": "pip_mobility_standard", "weekly": "26.90"}],
        housing=[{"description": "Council tax", "weekly": "6.00"}],
        dre=[{"description": "Cleaner", "weekly": "20.00"}],
        disability_premium="on", pension_credit_age="", reason="New care package")
    response = client_as(other_officer).post(reverse("charging:assessment-create", args=[package.pk]), data)
    assert response.status_code == 302, error_summary(response)
    assessment = Assessment.objects.get()
    assert assessment.inputs["housing_costs"] == [{"description": "Council tax", "weekly": "6.00"}]
    assert assessment.inputs["premiums"]["disability"] is True
    # 327.20 - (112.50 MIG + 49.65 disability premium) - 6.00 - 20.00
    assert assessment.result["weekly_charge"] == "139.05"


@pytest.mark.parametrize("change, message", [
    ({"reason": ""}, "Enter the reason for the assessment"),
    ({"assessment_date_1": "13"}, "The assessment date must be a real date"),
    ({"date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""}, "Enter the date of birth"),
    ({"notional_capital": "5000"}, "Enter the reasons for the deprivation decision"),
    ({"notional_capital": "abc"}, "Enter the notional capital in pounds and pence"),
    ({"income-0-weekly": ""}, "Income 1: Enter the amount"),
    ({"income-1-kind": "lottery"}, "Income 2: Choose the kind of income"),
    ({"capital-0-description": "Savings", "capital-0-value": "100"}, "Capital item 1: Choose the kind of capital"),
    ({"capital-0-description": "Savings", "capital-0-kind": "savings", "capital-0-value": "100",
      "capital-0-joint_owners": "0"}, "Capital item 1: At least 1 person owns it"),
    ({"previous_disregard_days_used": "100"}, "cannot be more than 84"),
])
def test_bad_assessment_input_is_refused_and_nothing_saved(client_as, other_officer, care_home, change, message):
    data = assessment_post(on=care_started(), income=PENSIONS)
    data.update(change)
    response = client_as(other_officer).post(reverse("charging:assessment-create", args=[care_home.pk]), data)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert Assessment.objects.count() == 0


def test_a_missing_rate_names_the_rate_and_saves_nothing(client_as, other_officer, resident):
    on = care_started()  # 2026/27: no disability premium is confirmed yet
    package = services.care_package_add(acting_user=other_officer, client=resident, setting="non_residential",
                                        weekly_cost="300.00", start_date=on, provider_name="Helping Hands")
    data = assessment_post(on=on, residential=False, income=[{"kind": "aa_higher", "weekly": "110.40"}],
                           disability_premium="on")
    response = client_as(other_officer).post(reverse("charging:assessment-create", args=[package.pk]), data)
    summary = error_summary(response)
    assert "No rate in force on" in summary and "(MIG_DISABILITY_PREMIUM_SINGLE)" in summary
    assert Assessment.objects.count() == 0


def test_changing_a_draft_works_it_out_again(client_as, other_officer, make_assessment):
    assessment = make_assessment("draft")
    url = reverse("charging:assessment-edit", args=[assessment.pk])
    page = client_as(other_officer).get(url).content.decode()
    assert 'value="230.25"' in page and 'value="Aviva"' in page
    data = assessment_post(on=assessment.assessment_date, income=[{"kind": "state_pension", "weekly": "230.25"}],
                           reason="")
    data.update(management("income", 4, initial=2))
    data.update({"income-1-kind": "", "income-1-weekly": "", "income-1-description": ""})  # cleared row
    response = client_as(other_officer).post(url, data)
    assert "Enter the reason for the change" in error_summary(response)
    assessment.refresh_from_db()
    assert assessment.result["weekly_charge"] == "248.45"
    data["reason"] = "Occupational pension has stopped"
    response = client_as(other_officer).post(url, data)
    assert response.status_code == 302, error_summary(response)
    assessment.refresh_from_db()
    assert assessment.result["weekly_charge"] == "198.45" and len(assessment.inputs["income"]) == 1


# --- the assessment page -------------------------------------------------------------------------------

def test_the_page_shows_every_working_line_as_stored(client_as, other_officer, make_assessment):
    from charging.assessments.presentation import working_lines

    assessment = make_assessment("approved")
    page = text(client_as(other_officer).get(reverse("charging:assessment-detail", args=[assessment.pk])))
    assert "Weekly charge £248.45 a week" in page
    assert "Council pays £651.55 a week" in page and "£900.00 a week" in page
    assert assessment.backdating_explanation in page
    for line in working_lines(assessment.result):
        assert line.label in page and line.amount_display in page and line.rule in page
    assert "Personal expenses allowance (care home), a week: £31.80" in page and "secondary sources quoting the 2026 LAC" in page


def test_stored_figures_are_shown_unchanged_after_a_new_rate(client_as, other_officer, make_assessment,
                                                             charging_leader):
    assessment = make_assessment("approved")
    services.rate_add(acting_user=charging_leader, code="PEA", amount="45.00", effective_from=care_started(),
                      source="Test: a corrected figure", reason="Correction")
    browser = client_as(other_officer)
    page = text(browser.get(reverse("charging:assessment-detail", args=[assessment.pk])))
    assert "£248.45" in page and "-£31.80" in page
    assert "£45.00" not in page and "corrected figure" not in page
    listing = text(browser.get(reverse("charging:client-charging", args=[assessment.client_id])))
    assert "£248.45" in listing and "£235.25" not in listing


def test_submit_then_the_assessor_cannot_approve(client_as, charging_leader, care_home):
    from tests.charging.conftest import resident_inputs

    assessment = services.assessment_draft_create(
        acting_user=charging_leader, client=care_home.client, care_package=care_home, assessment_date=care_started(),
        inputs=resident_inputs(), reason="Moved into a care home")
    browser = client_as(charging_leader)
    detail = reverse("charging:assessment-detail", args=[assessment.pk])
    browser.post(reverse("charging:assessment-submit", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    page = browser.get(detail).content.decode()
    assert "You worked this assessment out, so a team leader other than you must approve it." in page
    assert ">Approve<" not in page.replace("\n", "").replace(" ", "")
    response = browser.post(reverse("charging:assessment-approve", args=[assessment.pk]), follow=True)
    assert "You worked this assessment out, so someone else must approve it." in text(response)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED and assessment.approved_by is None


def test_a_team_leader_approves_and_the_letter_is_linked(client_as, charging_leader, make_assessment):
    from documents.services import document_render

    assessment = make_assessment("submitted")
    browser = client_as(charging_leader)
    page = browser.get(reverse("charging:assessment-detail", args=[assessment.pk])).content.decode()
    assert "Approve" in page
    response = browser.post(reverse("charging:assessment-approve", args=[assessment.pk]), follow=True)
    assert "Assessment approved" in text(response) and "Being prepared" in text(response)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.APPROVED and assessment.approved_by == charging_leader
    document_render(document_id=assessment.letter_id)
    page = browser.get(reverse("charging:assessment-detail", args=[assessment.pk])).content.decode()
    assert reverse("documents:download", args=[assessment.letter_id]) in page


def test_an_officer_is_told_a_team_leader_approves(client_as, other_officer, make_assessment, charging_team):
    from core.roles import Role
    from tests.factories import TeamMembershipFactory, UserFactory

    colleague = UserFactory(username="cora", roles=[Role.OFFICER])
    TeamMembershipFactory(team=charging_team, user=colleague)
    assessment = make_assessment("submitted")
    page = client_as(colleague).get(reverse("charging:assessment-detail", args=[assessment.pk])).content.decode()
    assert "A team leader approves submitted assessments." in page
    assert reverse("charging:assessment-approve", args=[assessment.pk]) not in page


def test_returning_to_draft_needs_a_reason(client_as, charging_leader, make_assessment):
    assessment = make_assessment("submitted")
    url = reverse("charging:assessment-return", args=[assessment.pk])
    response = client_as(charging_leader).post(url, {"reason": ""})
    assert "Enter why the assessment is going back to draft" in error_summary(response)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    response = client_as(charging_leader).post(url, {"reason": "Check the pension"}, follow=True)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT and assessment.returned_reason == "Check the pension"
    assert "Returned to draft: Check the pension" in text(response)


def test_evidence_is_added_and_verified(client_as, other_officer, charging_leader, make_assessment):
    assessment = make_assessment("draft")
    url = reverse("charging:evidence-add", args=[assessment.pk])
    response = client_as(other_officer).post(url, {"evidences": "", "document_reference": ""})
    summary = error_summary(response)
    assert "Enter what the document is evidence of" in summary and "Enter the document seen" in summary
    assert AssessmentEvidence.objects.count() == 0
    client_as(other_officer).post(url, {"evidences": "State Pension, £230.25 a week",
                                        "document_reference": "DWP letter of 10 April 2026"})
    evidence = AssessmentEvidence.objects.get()
    client_as(charging_leader).post(reverse("charging:evidence-verify", args=[assessment.pk, evidence.pk]))
    evidence.refresh_from_db()
    assert evidence.verified_by == charging_leader
    page = text(client_as(other_officer).get(reverse("charging:assessment-detail", args=[assessment.pk])))
    assert "State Pension, £230.25 a week" in page and "Verified" in page


# --- the approvals queue ---------------------------------------------------------------------------------

def test_the_approvals_queue(client_as, charging_leader, other_officer, make_assessment):
    assessment = make_assessment("submitted")
    response = client_as(charging_leader).get(reverse("charging:approvals"))
    assert "Harold Pemberton" in text(response) and "£248.45" in text(response)
    assert reverse("charging:assessment-detail", args=[assessment.pk]) in response.content.decode()
    assert "Assessments waiting for your approval 1" in text(client_as(charging_leader).get(reverse("my-work")))
    assert client_as(other_officer).get(reverse("charging:approvals")).status_code == 403
    assert "waiting for your approval" not in text(client_as(other_officer).get(reverse("my-work")))


# --- permissions -------------------------------------------------------------------------------------------

def _urls(assessment, evidence):
    client, package = assessment.client_id, assessment.care_package_id
    return {
        "get": [reverse("charging:client-charging", args=[client]),
                reverse("charging:assessment-detail", args=[assessment.pk])],
        "write_pages": [reverse("charging:care-package-add", args=[client]),
                        reverse("charging:care-package-end", args=[package]),
                        reverse("charging:assessment-create", args=[package]),
                        reverse("charging:assessment-edit", args=[assessment.pk]),
                        reverse("charging:assessment-return", args=[assessment.pk]),
                        reverse("charging:evidence-add", args=[assessment.pk])],
        "posts": [reverse("charging:assessment-submit", args=[assessment.pk]),
                  reverse("charging:assessment-approve", args=[assessment.pk]),
                  reverse("charging:evidence-verify", args=[assessment.pk, evidence.pk])],
    }


@pytest.fixture
def with_evidence(make_assessment, other_officer):
    assessment = make_assessment("draft")
    evidence = services.evidence_add(acting_user=other_officer, assessment=assessment, evidences="Pension",
                                     document_reference="DWP letter")
    return assessment, evidence


def test_another_teams_records_are_not_found(client_as, officer, with_evidence):
    urls = _urls(*with_evidence)
    browser = client_as(officer)  # North team: Harold is the charging team's
    for url in urls["get"] + urls["write_pages"]:
        assert browser.get(url).status_code == 404, url
    for url in urls["posts"] + urls["write_pages"]:
        assert browser.post(url, {"reason": "x"}).status_code == 404, url
    assert Assessment.objects.get().status == AssessmentStatus.DRAFT


def test_an_auditor_reads_without_controls_and_cannot_write(client_as, auditor, with_evidence):
    assessment, evidence = with_evidence
    urls = _urls(*with_evidence)
    browser = client_as(auditor)
    for url in urls["get"]:
        response = browser.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        main = html[html.index("<main"):]
        assert 'method="post"' not in main, url
        for word in ("Start a financial assessment", "Add a care package", "Submit for approval", "Approve",
                     "Change the draft", "Add evidence", "Verify"):
            assert word not in main, (url, word)
    assert "Harold Pemberton" in text(browser.get(urls["get"][0]))
    for url in urls["write_pages"]:
        assert browser.get(url).status_code == 403, url
    for url in urls["write_pages"] + urls["posts"]:
        assert browser.post(url, {"reason": "x"}).status_code == 403, url
    assert browser.get(reverse("charging:approvals")).status_code == 200
    assessment.refresh_from_db()
    evidence.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT and evidence.verified_by is None
