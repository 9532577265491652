"""The April uplift with the year's uprating: pensions and benefits go to the new published amounts, so
charges rise by exactly what they should; other income by the stated percentage or kept with a task;
the preview line by line; the assessment in force stays current until the uplift date; the commit
recorded against the team leader who committed it; a large one confirmed by a second team leader.

Expected charges are worked by hand from the published figures: the seeded 2025/26 and 2026/27
rates (DWP new State Pension £230.25 -> £241.30; personal expenses allowance £30.65 -> £31.80)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from charging import services
from charging.uplift import services as uplift
from charging.assessments.calculator import AssessmentInput, IncomeItem, IncomeKind
from charging.assessments.choices import AssessmentStatus
from charging.uplift.choices import UpliftStatus
from charging.models import Assessment, UpliftItem, UpliftRun
from charging.run.services import _assessed_charges, charge_spans
from charging.selectors import coming_assessment, live_assessment
from core.exceptions import PermissionDeniedError
from core.roles import Role
from documents.models import Document
from people.models import Task
from tests.charging.run_fixtures import reassess
from tests.charging.uplift.test_views import text
from tests.factories import TeamMembershipFactory, UserFactory

D = Decimal
APRIL_2026 = dt.date(2026, 4, 6)
APRIL_2027 = dt.date(2027, 4, 5)
pytestmark = pytest.mark.django_db

PENSIONER = (IncomeItem(IncomeKind.NEW_STATE_PENSION, D("230.25")),
             IncomeItem(IncomeKind.OCCUPATIONAL_PENSION, D("50.00"), "Aviva"))


def _preview(leader, on=APRIL_2026, **kwargs):
    run = uplift.uplift_start(acting_user=leader, uplift_date=on, send=False, **kwargs)
    return uplift.uplift_preview_all(run, chunk_size=2)


def _commit(leader, run):
    run = uplift.uplift_commit(acting_user=leader, run=run, send=False)
    return uplift.uplift_commit_all(run, chunk_size=2)


@pytest.fixture
def pensioner(make_resident):
    """In a care home since September 2025 with the full new State Pension and an occupational pension."""
    return make_resident(dt.date(2025, 9, 1), income=PENSIONER)


def test_a_state_pension_rise_raises_the_charge_by_exactly_the_right_amount(pensioner, charging_leader):
    client, _, old = pensioner
    # 2025/26: £230.25 + £50.00 - PEA £30.65 = £249.60. 2026/27: £241.30 + £50.00 - PEA £31.80 = £259.50.
    assert old.weekly_charge == D("249.60")
    run = _preview(charging_leader)
    item = UpliftItem.objects.get(run=run)
    assert (item.old_weekly_charge, item.new_weekly_charge, item.difference) == (D("249.60"), D("259.50"), D("9.90"))
    run = _commit(charging_leader, run)
    new = Assessment.objects.get(backdating_rule="uplift")
    assert new.weekly_charge == D("259.50") and new.effective_from == APRIL_2026
    # The working says how the pension was reached, as the letter will.
    pension = next(line for line in new.result["lines"] if line["label"] == "New State Pension")
    assert pension["amount"] == "241.30" and pension["rule"].startswith("£230.25 was the 2025/26 rate")
    # The uplift date has passed: the old assessment is superseded now, in force up to the day before.
    old.refresh_from_db()
    assert (old.status, old.replaced_from, old.superseded_by) == (AssessmentStatus.SUPERSEDED, APRIL_2026, new)


def test_other_income_rises_by_the_percentage_the_team_leader_gives(pensioner, charging_leader):
    run = _preview(charging_leader, other_income_percent="3.8", other_income_basis="CPI to September 2025")
    item = UpliftItem.objects.get(run=run)
    # Aviva £50.00 x 1.038 = £51.90: the charge rises £11.05 (pension) + £1.90 (Aviva) - £1.15 (PEA) = £11.80.
    assert [(line["label"], line["old"], line["new"], line["method"]) for line in item.income_lines] == [
        ("New State Pension", "230.25", "241.30", "rate"),
        ("Occupational pension: Aviva", "50.00", "51.90", "stated_percentage")]
    assert item.difference == D("11.80") and item.lines_to_check == 0
    assert "3.8%" in item.income_lines[1]["explanation"] and "CPI to September 2025" in item.income_lines[1]["explanation"]
    _commit(charging_leader, run)
    assert not Task.objects.filter(title__startswith="Check income carried over").exists()


def test_other_income_without_a_percentage_is_kept_with_a_task_for_the_officer(pensioner, charging_leader,
                                                                                other_officer):
    client = pensioner[0]
    run = _preview(charging_leader)
    item = UpliftItem.objects.get(run=run)
    assert item.lines_to_check == 1 and item.income_lines[1]["new"] == "50.00"
    assert uplift.uplift_preview_totals(run)["to_check"] == 1
    assert not Task.objects.exists()  # the preview changes nothing
    run = _commit(charging_leader, run)
    task = Task.objects.get()
    assert task.assigned_to == other_officer and task.client == client
    assert task.title == f"Check income carried over in the uprating from 6 April 2026: {client.display_name}"
    assert "Occupational pension: Aviva £50.00 a week" in task.details
    item.refresh_from_db()
    assert item.check_task == task and task.subject == item.new_assessment
    assert "We have used last year's amount" in item.new_assessment.backdating_explanation
    uplift.uplift_commit_all(run)  # again: nothing more
    assert Task.objects.count() == 1


def test_the_preview_shows_each_persons_income_old_and_new(pensioner, charging_leader, client_as):
    run = _preview(charging_leader)
    item = UpliftItem.objects.get(run=run)
    report = text(client_as(charging_leader).get(reverse("charging:uplift-detail", args=[run.pk])))
    assert "New State Pension £230.25 → £241.30" in report
    assert "Occupational pension: Aviva £50.00 → £50.00 To check" in report
    person = text(client_as(charging_leader).get(reverse("charging:uplift-item", args=[run.pk, item.pk])))
    assert "£249.60 a week" in person and "£259.50 a week: £9.90 a week" in person
    assert "New State Pension £230.25 £241.30 £11.05 New year's rate £230.25 was the 2025/26 rate" in person
    assert "To check Carried over unchanged: no percentage was given" in person
    assert "How the new charge is worked out" in person and "Personal expenses allowance" in person
    assert client_as(charging_leader).get(reverse("charging:uplift-item", args=[run.pk, item.pk + 999])
                                          ).status_code == 404


def test_the_assessment_in_force_stays_current_until_the_uplift_date(make_resident, charging_leader, client_as,
                                                                      other_officer):
    services.rate_add(acting_user=charging_leader, code="PEA", amount="33.00", effective_from=APRIL_2027,
                      source="Test figure for the uplift", reason="Uplift test")
    client, _, old = make_resident(dt.date(2026, 4, 16))
    run = _commit(charging_leader, _preview(charging_leader, on=APRIL_2027))
    new = Assessment.objects.get(backdating_rule="uplift")
    old.refresh_from_db()
    # Approved to start next April: the one in force today stays in force, and approved, until then.
    assert (old.status, old.replaced_from, old.superseded_by, old.superseded_at) == (
        AssessmentStatus.APPROVED, APRIL_2027, new, None)
    assert live_assessment(client=client, setting="residential") == old
    assert coming_assessment(client=client, setting="residential") == new
    assert live_assessment(client=client, setting="residential", on=APRIL_2027) == new

    page = text(client_as(other_officer).get(reverse("people:client-detail", args=[client.pk])))
    assert "pays £143.85 a week from 16 April 2026. £142.65 a week from 5 April 2027." in page
    charging = text(client_as(other_officer).get(reverse("charging:client-charging", args=[client.pk])))
    assert "£143.85 a week from 16 April 2026" in charging and "£142.65 a week from 5 April 2027" in charging
    assert "In force until 4 April 2027" in charging and "Approved, from 5 April 2027" in charging
    assert "Superseded" not in charging

    # The charging run charges the old charge to 4 April 2027 and the new one from 5 April 2027.
    spans = charge_spans(_assessed_charges([client.pk])[client.pk], date_of_death=None)
    assert [(s.weekly_charge, s.start, s.end) for s in spans] == [
        (D("143.85"), dt.date(2026, 4, 16), dt.date(2027, 4, 4)), (D("142.65"), APRIL_2027, None)]

    # The daily job: nothing the day before; superseded on the day; nothing more when run again.
    assert services.assessments_take_effect(on=dt.date(2027, 4, 4)) == {"superseded": 0}
    assert services.assessments_take_effect(on=APRIL_2027) == {"superseded": 1}
    assert services.assessments_take_effect(on=APRIL_2027) == {"superseded": 0}
    old.refresh_from_db()
    assert old.status == AssessmentStatus.SUPERSEDED and old.superseded_at is not None
    assert old.history.first().history_change_reason.startswith("Superseded: the assessment replacing it took effect")


def test_the_database_allows_one_assessment_in_force_on_any_day(make_resident, charging_leader):
    services.rate_add(acting_user=charging_leader, code="PEA", amount="33.00", effective_from=APRIL_2027,
                      source="Test figure for the uplift", reason="Uplift test")
    client, package, old = make_resident(dt.date(2026, 4, 16))
    _commit(charging_leader, _preview(charging_leader, on=APRIL_2027))
    new = Assessment.objects.get(backdating_rule="uplift")
    other = services.assessment_submit(acting_user=package.created_by, assessment=services.assessment_draft_create(
        acting_user=package.created_by, client=client, care_package=package, assessment_date=dt.date(2026, 5, 1),
        inputs=AssessmentInput.from_dict(old.inputs), reason="Check"))
    # Approved for days the old assessment is already in force: two in force at once is refused.
    with pytest.raises(IntegrityError, match="charging_assessment_one_in_force_per_day"), transaction.atomic():
        Assessment.objects.filter(pk=other.pk).update(
            status=AssessmentStatus.APPROVED, approved_by=charging_leader, approved_at=old.approved_at,
            effective_from=dt.date(2026, 6, 1), replaced_from=dt.date(2026, 7, 1), superseded_by=new,
            backdating_rule="decrease", backdating_explanation="x")
    # An assessment's day of replacement never moves later (the trigger).
    with pytest.raises(IntegrityError, match="charging_assessment_frozen"), transaction.atomic():
        Assessment.objects.filter(pk=old.pk).update(replaced_from=dt.date(2027, 5, 1))


def test_an_ordinary_approval_before_the_uplift_date_replaces_the_uprating_with_a_task(
        make_resident, charging_leader, other_officer):
    services.rate_add(acting_user=charging_leader, code="PEA", amount="33.00", effective_from=APRIL_2027,
                      source="Test figure for the uplift", reason="Uplift test")
    client, package, old = make_resident(dt.date(2026, 4, 16))
    _commit(charging_leader, _preview(charging_leader, on=APRIL_2027))
    uprated = Assessment.objects.get(backdating_rule="uplift")
    # The pension fell: a lower charge, approved now, backdated to the change.
    again = reassess(client=client, package=package, on=dt.date(2026, 9, 7), pension="85.65", officer=other_officer,
                     leader=charging_leader)
    uprated.refresh_from_db()
    old.refresh_from_db()
    assert (uprated.status, uprated.replaced_from, uprated.never_in_force) == (
        AssessmentStatus.SUPERSEDED, APRIL_2027, True)
    assert (old.status, old.replaced_from, old.superseded_by) == (
        AssessmentStatus.SUPERSEDED, dt.date(2026, 9, 7), again)
    assert live_assessment(client=client, setting="residential", on=APRIL_2027) == again
    task = Task.objects.get(title__startswith="Work out the uprating from 5 April 2027 again")
    assert task.assigned_to == other_officer


def test_the_commit_is_recorded_against_the_team_leader_who_committed_it(pensioner, charging_leader):
    client, _, old = pensioner
    run = _commit(charging_leader, _preview(charging_leader))
    assert run.commit_correlation_id.startswith(f"job:uplift:{run.pk}:commit:")
    new = Assessment.objects.get(backdating_rule="uplift")
    old.refresh_from_db()
    assert new.approved_by == charging_leader and new.assessed_by.username == "system"
    for row in (new.history.get(history_type="+"), old.history.first(), new.history.first(),
                Document.objects.get(pk=new.letter_id).history.first(), Task.objects.get().history.first()):
        assert row.history_user == charging_leader, row
        assert row.history_user_name == "Leah Lead" and row.request_id == run.commit_correlation_id
        assert "(job: uplift)" in row.history_change_reason
    assert old.history.first().history_change_reason == "Superseded by the annual uprating from 6 April 2026 (job: uplift)"


@pytest.fixture
def second_leader(charging_team):
    user = UserFactory(username="sam", first_name="Sam", last_name="Second", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=charging_team, user=user, is_leader=True)
    return user


def test_a_large_uplift_needs_a_second_team_leader(make_resident, charging_leader, second_leader, settings,
                                                   client_as):
    settings.CHARGING_UPLIFT_SECOND_APPROVAL_ABOVE = 1
    for name in ("Ann", "Bea"):
        make_resident(dt.date(2025, 9, 1), first_name=name, income=PENSIONER)
    run = _preview(charging_leader)
    assert uplift.people_to_commit(run) == 2

    run = uplift.uplift_commit(acting_user=charging_leader, run=run, send=False)
    assert (run.status, run.commit_requested_by, run.committed_by, run.needs_second_approval) == (
        UpliftStatus.AWAITING_SECOND, charging_leader, None, True)
    assert uplift.uplift_commit_all(run).committed == 0  # nothing is made while it waits
    page = text(client_as(charging_leader).get(reverse("charging:uplift-detail", args=[run.pk])))
    assert "Waiting for a charging team leader other than Leah Lead" in page and "Confirm" not in page
    # The leader who asked cannot confirm, on the page or in the service.
    client_as(charging_leader).post(reverse("charging:uplift-commit", args=[run.pk]))
    with pytest.raises(PermissionDeniedError, match="other than the one who asked"):
        uplift.uplift_commit(acting_user=charging_leader, run=run, send=False)
    run.refresh_from_db()
    assert run.status == UpliftStatus.AWAITING_SECOND

    assert "Confirm and commit the uplift" in text(client_as(second_leader).get(
        reverse("charging:uplift-detail", args=[run.pk])))
    run = uplift.uplift_commit(acting_user=second_leader, run=run, send=False)
    assert (run.status, run.committed_by) == (UpliftStatus.COMMITTING, second_leader)
    run = uplift.uplift_commit_all(run)
    assert run.committed == 2
    assert set(Assessment.objects.filter(backdating_rule="uplift").values_list("approved_by", flat=True)) == {
        second_leader.pk}


def test_the_database_refuses_the_same_leader_asking_and_confirming(make_resident, charging_leader, settings):
    settings.CHARGING_UPLIFT_SECOND_APPROVAL_ABOVE = 0
    make_resident(dt.date(2025, 9, 1), income=PENSIONER)
    run = uplift.uplift_commit(acting_user=charging_leader, run=_preview(charging_leader), send=False)
    with pytest.raises(IntegrityError, match="charging_upliftrun_second_leader_confirms"), transaction.atomic():
        UpliftRun.objects.filter(pk=run.pk).update(status=UpliftStatus.COMMITTING, committed_by=charging_leader)


def test_a_small_uplift_is_committed_by_one_team_leader(make_resident, charging_leader, settings):
    settings.CHARGING_UPLIFT_SECOND_APPROVAL_ABOVE = 1
    make_resident(dt.date(2025, 9, 1), income=PENSIONER)
    run = uplift.uplift_commit(acting_user=charging_leader, run=_preview(charging_leader), send=False)
    assert (run.status, run.commit_requested_by, run.committed_by, run.needs_second_approval) == (
        UpliftStatus.COMMITTING, charging_leader, charging_leader, False)
