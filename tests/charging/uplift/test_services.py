"""The April uplift: a preview that changes nothing, a commit that makes each new assessment once
(with its letter), progress, and team leaders only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest

from charging import services
from charging.uplift import services as uplift
from charging.assessments.choices import AssessmentStatus, BackdatingRule
from charging.uplift.choices import UpliftStatus
from charging.models import Assessment, UpliftItem
from charging.uplift.services import (
    uplift_commit,
    uplift_commit_all,
    uplift_preview_all,
    uplift_preview_rows,
    uplift_preview_totals,
    uplift_progress,
    uplift_start,
)
from core.context import acting_as_job
from core.exceptions import ConflictError, PermissionDeniedError
from documents.choices import DocumentKind
from documents.models import Document
from tests.charging.run_fixtures import reassess

D = Decimal
UPLIFT = dt.date(2027, 4, 5)  # Monday: 2027-P01
pytestmark = pytest.mark.django_db


@pytest.fixture
def new_pea(charging_leader, rates_seeded):
    """A 2027/28 personal expenses allowance of £33.00 (a test figure)."""
    return services.rate_add(acting_user=charging_leader, code="PEA", amount="33.00", effective_from=UPLIFT,
                             source="Test figure for the uplift", reason="Uplift test")


@pytest.fixture
def residents(make_resident):
    return [make_resident(dt.date(2026, 4, 16), first_name=name)[2] for name in ("Ann", "Bea", "Cat")]


def _preview(leader):
    run = uplift_start(acting_user=leader, uplift_date=UPLIFT, send=False)
    with acting_as_job("uplift"):
        return uplift_preview_all(run, chunk_size=2)


def _commit(leader, run, **kwargs):
    run = uplift_commit(acting_user=leader, run=run, send=False)
    with acting_as_job("uplift"):
        return uplift_commit_all(run, chunk_size=2, **kwargs)


def test_the_preview_shows_old_and_new_charges_and_changes_no_assessment(residents, new_pea, charging_leader):
    before = list(Assessment.objects.order_by("pk").values_list("pk", "status", "weekly_charge"))
    run = _preview(charging_leader)

    assert run.status == UpliftStatus.PREVIEWED
    assert (run.total, run.previewed, run.committed) == (3, 3, 0)
    assert list(Assessment.objects.order_by("pk").values_list("pk", "status", "weekly_charge")) == before
    rows = list(uplift_preview_rows(run))
    assert [(r.old_weekly_charge, r.new_weekly_charge, r.difference) for r in rows] == [
        (D("143.85"), D("142.65"), D("-1.20"))] * 3
    totals = uplift_preview_totals(run)
    assert (totals["people"], totals["old"], totals["new"], totals["difference"], totals["lower"]) == (
        3, D("431.55"), D("427.95"), D("-3.60"), 3)
    # Same circumstances, the new rates: these incomes cannot be uprated (a State Pension whose kind
    # was not recorded, an occupational pension with no percentage given), so they are carried over
    # for an officer to check, saying so.
    old_inputs = residents[0].inputs
    new_inputs = rows[0].new_inputs
    assert [(i["kind"], i["weekly"]) for i in new_inputs["income"]] == [
        (i["kind"], i["weekly"]) for i in old_inputs["income"]]
    assert all(i["uprating"].startswith("Carried over unchanged") for i in new_inputs["income"])
    assert {**new_inputs, "income": old_inputs["income"], "assessment_date": old_inputs["assessment_date"]} == old_inputs
    assert new_inputs["assessment_date"] == UPLIFT.isoformat()
    assert rows[0].lines_to_check == 2 and totals["to_check"] == 3


def test_commit_makes_new_assessments_from_the_uplift_date_with_letters(
        residents, new_pea, charging_leader, other_officer):
    run = _preview(charging_leader)
    run = _commit(charging_leader, run)

    assert run.status == UpliftStatus.COMMITTED and run.committed == 3 and run.letters == 3
    for old in residents:
        old.refresh_from_db()
        # Still in force until the uplift date comes (the daily job supersedes it then).
        assert old.status == AssessmentStatus.APPROVED and old.replaced_from == UPLIFT
        new = old.superseded_by
        assert new.status == AssessmentStatus.APPROVED and new.effective_from == UPLIFT
        assert new.weekly_charge == D("142.65") and new.assessment_date == UPLIFT
        assert new.backdating_rule == BackdatingRule.UPLIFT
        assert new.approved_by == charging_leader and new.assessed_by.username == "system"
        assert "£143.85 to £142.65" in new.backdating_explanation
        assert new.letter.kind == DocumentKind.ASSESSMENT_LETTER
        assert new.letter.request_key == f"assessment-letter:{new.pk}"
        created = new.history.filter(history_type="+").get()
        assert created.history_change_reason.startswith("Annual uprating")
        # The history is the team leader's who committed it, naming the job, under the commit's id.
        assert created.history_user == charging_leader and created.request_id == run.commit_correlation_id
        replaced = old.history.first()
        assert replaced.history_user == charging_leader and replaced.request_id == run.commit_correlation_id
        assert replaced.history_change_reason == (
            "In force until 4 April 2027, then replaced by the annual uprating from 5 April 2027 (job: uplift)")


def test_committing_again_makes_nothing_more(residents, new_pea, charging_leader):
    run = _preview(charging_leader)
    run = _commit(charging_leader, run)
    counts = (Assessment.objects.count(), Document.objects.count())
    run = uplift_commit(acting_user=charging_leader, run=run, send=False)
    assert run.status == UpliftStatus.COMMITTED
    with acting_as_job("uplift"):
        uplift.uplift_commit_chunk(run_id=run.pk, item_ids=list(run.items.values_list("pk", flat=True)))
        uplift_commit_all(run)
    assert (Assessment.objects.count(), Document.objects.count()) == counts


def test_a_commit_that_crashes_half_way_is_finished_by_committing_again(residents, new_pea, charging_leader):
    run = _preview(charging_leader)
    real = uplift._request_letters
    calls = []

    def crash_second_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real(*args, **kwargs)

    with mock.patch.object(uplift, "_request_letters", side_effect=crash_second_chunk):
        with pytest.raises(RuntimeError):
            _commit(charging_leader, run)
    run.refresh_from_db()
    assert run.status == UpliftStatus.COMMITTING and run.committed == 2
    assert uplift_progress(run)["done"] == 2 and uplift_progress(run)["total"] == 3

    run = _commit(charging_leader, run)
    assert run.status == UpliftStatus.COMMITTED and run.committed == 3
    assert Assessment.objects.filter(status=AssessmentStatus.APPROVED, replaced_from__isnull=True).count() == 3
    assert Assessment.objects.filter(backdating_rule=BackdatingRule.UPLIFT).count() == 3
    assert Document.objects.filter(request_key__startswith="assessment-letter:").count() == 3 + 3


def test_someone_reassessed_after_the_preview_is_skipped(make_resident, new_pea, charging_leader, other_officer):
    client, package, first = make_resident(dt.date(2026, 4, 16))
    run = _preview(charging_leader)
    reassess(client=client, package=package, on=dt.date(2026, 9, 7), pension="85.65", officer=other_officer,
             leader=charging_leader)
    run = _commit(charging_leader, run)
    item = UpliftItem.objects.get(run=run)
    assert item.new_assessment is None and "reassessed" in item.skipped
    assert run.status == UpliftStatus.COMMITTED and run.committed == 0


def test_progress_counts(residents, new_pea, charging_leader):
    run = uplift_start(acting_user=charging_leader, uplift_date=UPLIFT, send=False)
    assert uplift_progress(run) == {**uplift_progress(run), "status": "previewing", "done": 0, "total": 3}
    chunks = uplift.uplift_chunks(run, chunk_size=2)
    with acting_as_job("uplift"):
        uplift.uplift_preview_chunk(run_id=run.pk, assessment_ids=chunks[0])
        assert uplift_progress(run)["done"] == 2 and uplift_progress(run)["percent"] == 66
        uplift.uplift_preview_chunk(run_id=run.pk, assessment_ids=chunks[0])  # delivered twice
        assert uplift_progress(run)["done"] == 2
        uplift.uplift_preview_chunk(run_id=run.pk, assessment_ids=chunks[1])
    assert uplift_progress(run)["status"] == UpliftStatus.PREVIEWED and uplift_progress(run)["done"] == 3


def test_a_missing_rate_is_shown_in_the_preview_and_not_committed(residents, charging_leader, rates_seeded):
    from charging.models import Rate

    Rate.objects.filter(code="PEA", effective_from=dt.date(2026, 4, 6)).update(effective_to=dt.date(2027, 4, 4))
    run = _preview(charging_leader)
    assert all("personal expenses allowance" in row.error.lower() for row in uplift_preview_rows(run))
    run = _commit(charging_leader, run)
    assert run.status == UpliftStatus.COMMITTED and run.committed == 0
    assert not Assessment.objects.filter(backdating_rule=BackdatingRule.UPLIFT).exists()


def test_only_team_leaders_run_an_uplift(residents, new_pea, other_officer, auditor, charging_leader):
    for user in (other_officer, auditor):
        with pytest.raises(PermissionDeniedError):
            uplift_start(acting_user=user, uplift_date=UPLIFT, send=False)
    run = _preview(charging_leader)
    with pytest.raises(PermissionDeniedError):
        uplift_commit(acting_user=other_officer, run=run, send=False)
    with pytest.raises(ConflictError):
        uplift_start(acting_user=charging_leader, uplift_date=UPLIFT, send=False)


@pytest.mark.django_db(transaction=True)
def test_the_workers_preview_and_commit_an_uplift(residents, new_pea, charging_leader, charging_worker):
    import time

    def wait(status):
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if run.status == status and (status != UpliftStatus.COMMITTED or run.letters == 3):
                return
            time.sleep(0.2)
        pytest.fail(f"The uplift did not reach {status}:\n{charging_worker.log()}")

    run = uplift_start(acting_user=charging_leader, uplift_date=UPLIFT)
    wait(UpliftStatus.PREVIEWED)
    assert run.previewed == 3 and not Assessment.objects.filter(effective_from=UPLIFT).exists()
    uplift_commit(acting_user=charging_leader, run=run)
    wait(UpliftStatus.COMMITTED)
    assert Assessment.objects.filter(effective_from=UPLIFT, status=AssessmentStatus.APPROVED).count() == 3
    assert "charging.uplift_commit_chunk" in charging_worker.log()
