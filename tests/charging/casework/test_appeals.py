"""Appeals and complaints, their due dates in working days, and deprivation of assets decisions."""

from __future__ import annotations

import datetime as dt

import pytest

from charging.casework.services import appeals
from charging.casework.choices import AppealOutcome
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from people.selectors import today
from tests.charging.casework.fixtures import row_counts
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


# --- working days (pure) --------------------------------------------------------------------------

def test_england_and_wales_bank_holidays_2026():
    assert sorted(appeals.bank_holidays(2026)) == [
        dt.date(2026, 1, 1), dt.date(2026, 4, 3), dt.date(2026, 4, 6), dt.date(2026, 5, 4), dt.date(2026, 5, 25),
        dt.date(2026, 8, 31), dt.date(2026, 12, 25), dt.date(2026, 12, 28),  # Boxing Day is a Saturday
    ]


@pytest.mark.parametrize(("year", "expected"), [
    (2021, {dt.date(2021, 12, 27), dt.date(2021, 12, 28)}),  # Christmas on a Saturday
    (2022, {dt.date(2022, 12, 26), dt.date(2022, 12, 27)}),  # Christmas on a Sunday
    (2022, {dt.date(2022, 1, 3), dt.date(2022, 6, 2), dt.date(2022, 6, 3), dt.date(2022, 9, 19)}),
    (2023, {dt.date(2023, 5, 8)}),  # the Coronation
])
def test_substitute_days_and_one_off_holidays(year, expected):
    assert expected <= appeals.bank_holidays(year)


def test_twenty_working_days_skip_weekends_and_bank_holidays():
    # Received Thursday 2 April 2026: Good Friday, Easter Monday and the early May bank holiday fall inside.
    assert appeals.add_working_days(dt.date(2026, 4, 2), 20) == dt.date(2026, 5, 5)
    assert appeals.add_working_days(dt.date(2026, 6, 1), 20) == dt.date(2026, 6, 29)
    assert appeals.add_working_days(dt.date(2026, 6, 1), 0) == dt.date(2026, 6, 1)


# --- appeals --------------------------------------------------------------------------------------

def test_a_review_request_is_due_in_twenty_working_days(charging_client, other_officer):
    received = today() - dt.timedelta(days=3)
    appeal = appeals.appeal_record(acting_user=other_officer, client=charging_client, kind="review",
                                   received_on=received, grounds="The charge counts my savings twice.")
    assert appeal.due_on == appeals.add_working_days(received, appeals.RESPONSE_WORKING_DAYS)
    assert appeal.is_open and appeal.recorded_by == other_officer


def test_an_ombudsman_enquiry_needs_the_ombudsmans_date(charging_client, other_officer):
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        appeals.appeal_record(acting_user=other_officer, client=charging_client, kind="ombudsman",
                              received_on=today(), grounds="Complaint about backdated invoices")
    assert "due_on" in refused.value.extra
    assert row_counts() == before
    due = today() + dt.timedelta(days=28)
    assert appeals.appeal_record(acting_user=other_officer, client=charging_client, kind="ombudsman",
                                 received_on=today(), grounds="Backdated invoices", due_on=due).due_on == due


@pytest.mark.parametrize(("changes", "field"), [
    ({"kind": "grumble"}, "kind"),
    ({"grounds": "  "}, "grounds"),
    ({"received_on": dt.date(2999, 1, 1)}, "received_on"),
    ({"due_on": dt.date(2000, 1, 1)}, "due_on"),
])
def test_bad_appeals_are_refused_and_nothing_is_written(charging_client, other_officer, changes, field):
    fields = dict(acting_user=other_officer, client=charging_client, kind="complaint", received_on=today(),
                  grounds="Rude letter")
    fields.update(changes)
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        appeals.appeal_record(**fields)
    assert field in refused.value.extra
    assert row_counts() == before


def test_an_appeal_about_another_clients_assessment_is_refused(charging_client, other_officer, make_assessment):
    other = ClientFactory()
    assessment = make_assessment("draft")
    with pytest.raises(ApplicationError, match="this client's assessments"):
        appeals.appeal_record(acting_user=other_officer, client=other, kind="review", received_on=today(),
                              grounds="x", assessment=assessment)


def test_recording_the_outcome_and_the_reassessment_it_led_to(other_officer, make_assessment):
    first = make_assessment("approved")
    appeal = appeals.appeal_record(acting_user=other_officer, client=first.client, kind="review",
                                   received_on=today(), grounds="My pension is lower than that", assessment=first)
    reassessment = make_assessment("draft", pension="220.00")
    with pytest.raises(ApplicationError) as refused:
        appeals.appeal_outcome_record(acting_user=other_officer, appeal=appeal, outcome="not_upheld",
                                      outcome_on=today(), reasons="Checked", reassessment=reassessment)
    assert "reassessment" in refused.value.extra
    with pytest.raises(ApplicationError) as refused:
        appeals.appeal_outcome_record(acting_user=other_officer, appeal=appeal, outcome="upheld",
                                      outcome_on=today(), reasons="")
    assert "reasons" in refused.value.extra
    done = appeals.appeal_outcome_record(acting_user=other_officer, appeal=appeal, outcome="upheld",
                                         outcome_on=today(), reasons="The DWP letter shows £220.00",
                                         reassessment=reassessment)
    assert (done.outcome, done.reassessment, done.outcome_recorded_by) == (
        AppealOutcome.UPHELD, reassessment, other_officer)
    assert done.history.first().history_change_reason == "Outcome: Upheld"
    with pytest.raises(ConflictError):
        appeals.appeal_outcome_record(acting_user=other_officer, appeal=appeal, outcome="withdrawn",
                                      outcome_on=today(), reasons="x")


def test_others_cannot_record_appeals(charging_client, officer, auditor):
    for user in (officer, auditor):
        with pytest.raises(PermissionDeniedError):
            appeals.appeal_record(acting_user=user, client=charging_client, kind="review", received_on=today(),
                                  grounds="x")


# --- deprivation of assets ------------------------------------------------------------------------

REASONS = ("The house was transferred to her son six weeks after the care assessment explained the charges; "
           "she knew she would need care and was told how property counts.")


def test_a_team_leader_records_a_deprivation_decision_with_reasons(charging_client, charging_leader):
    decision = appeals.deprivation_decision_record(
        acting_user=charging_leader, client=charging_client, decided_on=today(), notional_capital="185000.00",
        asset_disposed="Gift of 12 Elm Road to her son in March 2026", reasons=REASONS)
    assert decision.decided_by == charging_leader and decision.reasons == REASONS
    appeal = appeals.appeal_record(acting_user=charging_leader, client=charging_client, kind="review",
                                   received_on=today(), grounds="It was a gift for his wedding",
                                   deprivation_decision=decision)
    assert list(decision.appeals.all()) == [appeal]


@pytest.mark.parametrize(("changes", "field"), [
    ({"reasons": ""}, "reasons"),
    ({"reasons": "Deliberate."}, "reasons"),
    ({"asset_disposed": ""}, "asset_disposed"),
    ({"notional_capital": "0"}, "notional_capital"),
    ({"notional_capital": "a lot"}, "notional_capital"),
    ({"decided_on": dt.date(2999, 1, 1)}, "decided_on"),
])
def test_a_deprivation_decision_without_full_reasons_is_refused(charging_client, charging_leader, changes, field):
    fields = dict(acting_user=charging_leader, client=charging_client, decided_on=today(),
                  notional_capital="185000.00", asset_disposed="Gift of the house", reasons=REASONS)
    fields.update(changes)
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        appeals.deprivation_decision_record(**fields)
    assert field in refused.value.extra
    assert row_counts() == before


def test_an_officer_cannot_make_a_deprivation_decision(charging_client, other_officer):
    with pytest.raises(PermissionDeniedError):
        appeals.deprivation_decision_record(acting_user=other_officer, client=charging_client, decided_on=today(),
                                            notional_capital="1000.00", asset_disposed="Gift", reasons=REASONS)
