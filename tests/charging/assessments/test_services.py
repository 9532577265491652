"""Financial assessments: the state machine, who may do what, the stored result and what the
database itself refuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from charging import services
from charging.assessments.calculator import (
    AssessmentResult,
    IncomeItem,
    IncomeKind,
    MissingRate,
    Premiums,
    Setting,
)
from charging.assessments.choices import AssessmentStatus, BackdatingRule
from charging.models import Assessment, AssessmentEvidence, CarePackage
from charging.assessments.presentation import working_lines
from charging.selectors import rates_in_force
from people.models import TeamMembership
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from documents.choices import DocumentKind, DocumentStatus
from documents.models import Document
from people.selectors import today
from tests.charging.conftest import care_started, resident_inputs

pytestmark = pytest.mark.django_db
D = Decimal


def _nothing_changed(assessment: Assessment, history_rows: int) -> None:
    assert Assessment.history.filter(id=assessment.pk).count() == history_rows


# --- drafts ---------------------------------------------------------------------------------------

def test_a_draft_keeps_the_inputs_and_the_whole_result(make_assessment, care_home, other_officer):
    assessment = make_assessment()

    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.weekly_charge == D("248.45")  # 230.25 + 50.00 - PEA 31.80
    assert assessment.council_share == D("651.55")
    assert assessment.weekly_cost_of_care == D("900.00")
    assert assessment.setting == Setting.RESIDENTIAL
    assert assessment.assessed_by == other_officer
    stored = Assessment.objects.get(pk=assessment.pk)
    result = AssessmentResult.from_dict(stored.result)
    assert result.weekly_charge == D("248.45")
    assert result.rates_used["PEA"].amount == D("31.80")
    assert result.to_dict() == stored.result
    assert stored.inputs == resident_inputs().to_dict()
    row = stored.history.get()
    assert row.history_user == other_officer and row.history_change_reason == "Moved into a care home"


def test_the_cost_of_care_and_date_are_the_assessments_whatever_the_inputs_say(care_home, other_officer):
    assessment = services.assessment_draft_create(
        acting_user=other_officer, client=care_home.client, care_package=care_home, assessment_date=care_started(),
        inputs=resident_inputs(weekly_cost_of_care=D("1.00"), assessment_date=dt.date(2020, 1, 1)), reason="New",
    )
    assert assessment.weekly_cost_of_care == D("900.00")
    assert assessment.inputs["assessment_date"] == care_started().isoformat()


def test_a_missing_rate_is_refused_by_name_and_nothing_is_written(care_home, other_officer):
    # The 2026/27 disability premium is not seeded (no source for it yet), and this person has it.
    package = services.care_package_add(
        acting_user=other_officer, client=care_home.client, setting="non_residential", weekly_cost="210.00",
        start_date=care_home.start_date, provider_name="Anytown Home Care", reason="Day care",
    )
    inputs = resident_inputs(setting=Setting.NON_RESIDENTIAL, pension_credit_age=False,
                             date_of_birth=dt.date(1980, 1, 1), premiums=Premiums(disability=True),
                             income=(IncomeItem(IncomeKind.AA_HIGHER, D("110.40")),))
    with pytest.raises(MissingRate) as raised:
        services.assessment_draft_create(acting_user=other_officer, client=package.client, care_package=package,
                                         assessment_date=care_started(), inputs=inputs, reason="New")
    assert "Disability premium (single)" in raised.value.message
    assert raised.value.codes == ("MIG_DISABILITY_PREMIUM_SINGLE",)
    assert not Assessment.objects.exists()


def test_inputs_for_the_wrong_setting_are_refused(care_home, other_officer):
    with pytest.raises(ApplicationError, match="care package is residential"):
        services.assessment_draft_create(
            acting_user=other_officer, client=care_home.client, care_package=care_home,
            assessment_date=care_started(), inputs=resident_inputs(setting=Setting.NON_RESIDENTIAL), reason="New")
    assert not Assessment.objects.exists()


def test_a_reason_is_required(care_home, other_officer):
    with pytest.raises(ApplicationError, match="Say why the assessment is being made"):
        services.assessment_draft_create(acting_user=other_officer, client=care_home.client, care_package=care_home,
                                         assessment_date=care_started(), inputs=resident_inputs(), reason=" ")
    assert not Assessment.objects.exists()


def test_a_draft_is_worked_out_again_when_it_changes(make_assessment, charging_leader):
    assessment = make_assessment()
    updated = services.assessment_draft_update(
        acting_user=charging_leader, assessment=assessment, inputs=resident_inputs(occupational="80.00"),
        reason="Pension statement arrived",
    )
    assert updated.weekly_charge == D("278.45")
    assert updated.assessed_by == charging_leader  # whoever works it out is the maker


# --- the state machine ----------------------------------------------------------------------------

def test_draft_submitted_approved_superseded(make_assessment, other_officer, charging_leader):
    first = make_assessment("approved")
    assert first.status == AssessmentStatus.APPROVED
    assert first.approved_by == charging_leader and first.approved_at is not None
    assert first.submitted_by == other_officer
    assert first.letter.kind == DocumentKind.ASSESSMENT_LETTER
    assert first.letter.status == DocumentStatus.PENDING

    second = make_assessment("approved", on=today() - dt.timedelta(days=10), occupational="20.00")
    first.refresh_from_db()
    assert first.status == AssessmentStatus.SUPERSEDED
    assert first.superseded_by == second and first.superseded_at is not None
    assert second.status == AssessmentStatus.APPROVED
    assert Assessment.objects.filter(client=first.client, status=AssessmentStatus.APPROVED).get() == second
    assert first.history.latest().history_change_reason.startswith("Superseded by the assessment of")


def test_submitting_twice_is_refused_and_changes_nothing(make_assessment, other_officer):
    assessment = make_assessment("submitted")
    rows = assessment.history.count()
    with pytest.raises(ConflictError, match="This assessment is waiting for approval, so it cannot be submitted"):
        services.assessment_submit(acting_user=other_officer, assessment=assessment)
    _nothing_changed(assessment, rows)


def test_a_draft_cannot_be_approved(make_assessment, charging_leader):
    assessment = make_assessment()
    with pytest.raises(ConflictError, match="This assessment is draft, so it cannot be approved"):
        services.assessment_approve(acting_user=charging_leader, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert not Document.objects.exists()


def test_a_submitted_assessment_cannot_be_changed_until_returned_to_draft(make_assessment, other_officer,
                                                                           charging_leader):
    assessment = make_assessment("submitted")
    with pytest.raises(ConflictError, match="cannot be changed"):
        services.assessment_draft_update(acting_user=other_officer, assessment=assessment,
                                         inputs=resident_inputs(occupational="0.00"), reason="Fix")
    with pytest.raises(ApplicationError, match="Say why the assessment is going back to draft"):
        services.assessment_return_to_draft(acting_user=charging_leader, assessment=assessment, reason="")

    returned = services.assessment_return_to_draft(acting_user=charging_leader, assessment=assessment,
                                                   reason="Check the pension figure")
    assert returned.status == AssessmentStatus.DRAFT
    assert returned.returned_reason == "Check the pension figure"
    assert returned.submitted_at is None
    assert returned.history.latest().history_change_reason == "Returned to draft: Check the pension figure"
    fixed = services.assessment_draft_update(acting_user=other_officer, assessment=returned,
                                             inputs=resident_inputs(occupational="0.00"), reason="Fix")
    assert fixed.weekly_charge == D("198.45")


def test_an_approved_assessment_cannot_go_back(make_assessment, charging_leader):
    assessment = make_assessment("approved")
    with pytest.raises(ConflictError, match="This assessment is approved, so it cannot be returned to draft"):
        services.assessment_return_to_draft(acting_user=charging_leader, assessment=assessment, reason="Oops")


# --- who may ---------------------------------------------------------------------------------------

def test_the_assessor_cannot_approve_their_own_assessment(care_home, charging_leader, other_officer):
    assessment = services.assessment_draft_create(
        acting_user=charging_leader, client=care_home.client, care_package=care_home, assessment_date=care_started(),
        inputs=resident_inputs(), reason="New",
    )
    assessment = services.assessment_submit(acting_user=other_officer, assessment=assessment)
    rows = assessment.history.count()
    with pytest.raises(PermissionDeniedError, match="You worked this assessment out, so someone else must approve"):
        services.assessment_approve(acting_user=charging_leader, assessment=assessment)
    _nothing_changed(assessment, rows)
    assert not Document.objects.exists()


def test_the_database_refuses_approval_by_the_assessor(make_assessment, other_officer, charging_team):
    # Owen leads the team too, so only the maker-checker CHECK stands in the way (23C01 would refuse an
    # approver who leads no charging team: tests/charging/assessments/test_approver_in_the_database.py).
    TeamMembership.objects.filter(user=other_officer, team=charging_team).update(is_leader=True)
    assessment = make_assessment("submitted")
    with pytest.raises(IntegrityError, match="charging_assessment_approver_not_assessor"), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(
            status=AssessmentStatus.APPROVED, approved_by=other_officer, approved_at=assessment.submitted_at,
            effective_from=assessment.assessment_date, backdating_rule=BackdatingRule.FIRST,
            backdating_explanation="Approved by the assessor")


def test_an_officer_cannot_approve(make_assessment, other_officer, charging_team):
    from tests.factories import TeamMembershipFactory, UserFactory

    colleague = UserFactory(username="carl", roles=["Officer"])
    TeamMembershipFactory(team=charging_team, user=colleague)
    assessment = make_assessment("submitted")
    with pytest.raises(PermissionDeniedError, match="Only a team leader of the charging team"):
        services.assessment_approve(acting_user=colleague, assessment=assessment)


def test_auditors_change_nothing(make_assessment, care_home, auditor):
    assessment = make_assessment("submitted")
    calls = [
        lambda: services.assessment_draft_create(acting_user=auditor, client=care_home.client, care_package=care_home,
                                                 assessment_date=care_started(), inputs=resident_inputs(),
                                                 reason="New"),
        lambda: services.assessment_approve(acting_user=auditor, assessment=assessment),
        lambda: services.assessment_return_to_draft(acting_user=auditor, assessment=assessment, reason="No"),
        lambda: services.care_package_end(acting_user=auditor, care_package=care_home, end_date=today(),
                                          reason="Ended"),
        lambda: services.evidence_add(acting_user=auditor, assessment=assessment, evidences="Pension",
                                      document_reference="Letter"),
    ]
    for call in calls:
        with pytest.raises(PermissionDeniedError, match="Auditors have read-only access"):
            call()
    assert Assessment.objects.count() == 1 and not AssessmentEvidence.objects.exists()


def test_another_teams_client_is_refused(make_assessment, care_home, officer, team_leader):
    with pytest.raises(PermissionDeniedError, match="You do not work with this client"):
        services.assessment_draft_create(acting_user=officer, client=care_home.client, care_package=care_home,
                                         assessment_date=care_started(), inputs=resident_inputs(), reason="New")
    assessment = make_assessment("submitted")
    with pytest.raises(PermissionDeniedError, match="You do not work with this client"):
        services.assessment_approve(acting_user=team_leader, assessment=assessment)  # North's leader
    with pytest.raises(PermissionDeniedError, match="You do not work with this client"):
        services.care_package_add(acting_user=officer, client=care_home.client, setting="non_residential",
                                  weekly_cost="100.00", start_date=today(), provider_name="X")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert Assessment.objects.count() == 1 and CarePackage.objects.count() == 1


# --- the stored result ----------------------------------------------------------------------------

def test_the_stored_result_does_not_change_when_the_rates_do(make_assessment, charging_leader):
    assessment = make_assessment("approved")
    before = Assessment.objects.get(pk=assessment.pk)
    lines_before = working_lines(before.result)

    services.rate_add(acting_user=charging_leader, code="PEA", amount="45.00", effective_from=assessment.assessment_date,
                      source="Test: a corrected figure", reason="Correction")
    assert rates_in_force(assessment.assessment_date).get("PEA").amount == D("45.00")  # it would now differ

    after = Assessment.objects.get(pk=assessment.pk)
    assert after.result == before.result
    assert after.weekly_charge == D("248.45")
    assert working_lines(after.result) == lines_before
    assert any(line.label == "Personal expenses allowance" and line.amount == D("-31.80") for line in lines_before)


def test_the_database_refuses_to_change_a_submitted_assessments_figures(make_assessment):
    assessment = make_assessment("submitted")
    with pytest.raises(IntegrityError, match="its figures cannot be changed"), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(inputs={"changed": True})
    approved = make_assessment("approved")
    with pytest.raises(IntegrityError, match="its approval cannot be changed"), transaction.atomic():
        Assessment.objects.filter(pk=approved.pk).update(effective_from=dt.date(2020, 1, 1))
    with pytest.raises(IntegrityError, match="only a draft can be deleted"), transaction.atomic():
        Assessment.objects.filter(pk=approved.pk).delete()


def test_the_database_refuses_figures_that_are_not_the_results(make_assessment):
    assessment = make_assessment()
    with pytest.raises(IntegrityError, match="charging_assessment_figures"), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(weekly_charge=D("1.00"), council_share=D("899.00"))


def test_the_database_keeps_one_approved_assessment_per_client_and_setting(make_assessment):
    make_assessment("approved")
    other = make_assessment("submitted")
    approved = Assessment.objects.get(status=AssessmentStatus.APPROVED)
    with pytest.raises(IntegrityError, match="charging_assessment_one_open_per_setting"), transaction.atomic():
        Assessment.objects.filter(pk=other.pk).update(
            status=AssessmentStatus.APPROVED, approved_by=approved.approved_by, approved_at=approved.approved_at,
            effective_from=approved.effective_from, backdating_rule=approved.backdating_rule,
            backdating_explanation="x")


# --- backdating, through the service ---------------------------------------------------------------

def test_a_first_assessment_starts_when_the_care_started(make_assessment):
    assessment = make_assessment("approved")
    assert assessment.backdating_rule == BackdatingRule.FIRST
    assert assessment.effective_from == care_started()
    assert assessment.backdated_weeks == D("16")
    assert assessment.backdated_amount == D("3975.20")  # 16 x 248.45
    assert assessment.backdating_explanation == (
        f"This charge applies from {care_started().day} {care_started():%B %Y}, when your care started: 16 weeks "
        "before this letter. The charge for those weeks, £3,975.20, will be on your first invoice."
    )


def test_a_lower_charge_starts_when_circumstances_changed(make_assessment):
    make_assessment("approved")
    changed = today() - dt.timedelta(days=24)
    lower = make_assessment("approved", on=changed, occupational="10.00")  # £40 a week less
    assert lower.backdating_rule == BackdatingRule.DECREASE
    assert lower.effective_from == changed
    assert lower.backdated_amount == D("137.14")  # 24 days at £40 a week: 137.142...
    assert "3 weeks and 3 days before this letter" in lower.backdating_explanation
    assert "charged £137.14 more than your new charge" in lower.backdating_explanation


def test_a_higher_charge_starts_the_monday_on_or_after_approval(make_assessment):
    make_assessment("approved")
    higher = make_assessment("approved", on=today() - dt.timedelta(days=30), occupational="90.00")
    monday = today() + dt.timedelta(days=(7 - today().weekday()) % 7)
    assert higher.backdating_rule == BackdatingRule.INCREASE
    assert higher.effective_from == monday and higher.effective_from.weekday() == 0
    assert higher.backdated_amount is None and higher.backdated_weeks is None
    assert "We never backdate an increase" in higher.backdating_explanation
    assert "£248.45 a week" in higher.backdating_explanation


# --- care packages and evidence --------------------------------------------------------------------

def test_care_packages_of_one_setting_do_not_overlap(care_home, other_officer):
    with pytest.raises(ConflictError, match="already has a residential care"):
        services.care_package_add(acting_user=other_officer, client=care_home.client, setting="residential",
                                  weekly_cost="950.00", start_date=today(), provider_name="Oak Lodge")
    ended = services.care_package_end(acting_user=other_officer, care_package=care_home,
                                      end_date=today() - dt.timedelta(days=1), reason="Moved to Oak Lodge")
    assert ended.end_date == today() - dt.timedelta(days=1)
    services.care_package_add(acting_user=other_officer, client=care_home.client, setting="residential",
                              weekly_cost="950.00", start_date=today(), provider_name="Oak Lodge")
    assert CarePackage.objects.count() == 2


@pytest.mark.parametrize("cost, message", [("0", "more than £0"), ("12.345", "pounds and pence")])
def test_a_care_package_needs_a_cost(resident, other_officer, cost, message):
    with pytest.raises(ApplicationError, match=message):
        services.care_package_add(acting_user=other_officer, client=resident, setting="residential",
                                  weekly_cost=cost, start_date=today(), provider_name="Oak Lodge")
    assert not CarePackage.objects.exists()


def test_evidence_is_added_and_verified_once(make_assessment, other_officer, charging_leader):
    assessment = make_assessment("submitted")
    evidence = services.evidence_add(acting_user=other_officer, assessment=assessment,
                                     evidences="State Pension £230.25 a week",
                                     document_reference="DWP uprating letter, April 2026")
    assert not evidence.is_verified
    verified = services.evidence_verify(acting_user=charging_leader, evidence=evidence)
    assert verified.verified_by == charging_leader and verified.is_verified
    with pytest.raises(ConflictError, match="already verified by Leah Lead"):
        services.evidence_verify(acting_user=other_officer, evidence=evidence)
    assert verified.history.latest().history_user == charging_leader


def test_no_evidence_on_a_superseded_assessment(make_assessment, other_officer):
    first = make_assessment("approved")
    make_assessment("approved", on=today(), occupational="20.00")
    with pytest.raises(ConflictError, match="superseded"):
        services.evidence_add(acting_user=other_officer, assessment=first, evidences="Pension",
                              document_reference="Letter")


def test_approval_is_refused_when_the_letter_cannot_be_posted(care_home, other_officer, charging_leader):
    from people.models import Address

    assessment = services.assessment_submit(acting_user=other_officer, assessment=services.assessment_draft_create(
        acting_user=other_officer, client=care_home.client, care_package=care_home, assessment_date=care_started(),
        inputs=resident_inputs(), reason="New"))
    Address.objects.filter(client=care_home.client).update(end_date=care_started())
    with pytest.raises(ApplicationError, match="Add an address first"):
        services.assessment_approve(acting_user=charging_leader, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED and not Document.objects.exists()


# --- selectors for the pages -----------------------------------------------------------------------

def test_selectors_show_only_what_the_user_may_see(make_assessment, charging_leader, other_officer, officer):
    from django.http import Http404

    from charging import selectors

    submitted = make_assessment("submitted")
    assert list(selectors.assessments_awaiting_approval(user=charging_leader)) == [submitted]
    assert not selectors.assessments_awaiting_approval(user=other_officer).exists()  # their own
    assert selectors.access_assessment(user=other_officer, pk=submitted.pk) == submitted
    with pytest.raises(Http404):
        selectors.access_assessment(user=officer, pk=submitted.pk)
    with pytest.raises(Http404):
        selectors.access_care_package(user=officer, pk=submitted.care_package_id)
    approved = services.assessment_approve(acting_user=charging_leader, assessment=submitted)
    assert selectors.live_assessment(client=approved.client, setting="residential") == approved
    assert list(selectors.client_assessments(client=approved.client)) == [approved]
    assert list(selectors.client_care_packages(client=approved.client)) == [approved.care_package]
