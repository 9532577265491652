"""Referrals out: a task for whoever takes the referral on, and a note in the client's journal."""

from __future__ import annotations

import pytest

from charging.casework.services import referrals
from charging.casework.services.appeals import add_working_days
from charging.casework.models import Referral
from core.exceptions import ApplicationError, PermissionDeniedError
from core.roles import Role
from people.choices import Service
from people.models import Allocation
from people.selectors import today
from tests.charging.casework.fixtures import row_counts
from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_client_affairs_referral_goes_to_the_client_affairs_team_leader(charging_client, other_officer,
                                                                          team_leader, north_team):
    referral = referrals.referral_make(acting_user=other_officer, client=charging_client, to="client_affairs",
                                       reason="Bills unpaid for months; cannot follow her bank statements")
    task, note = referral.task, referral.note
    assert referral.team == north_team and task.assigned_to == team_leader
    assert task.client == charging_client and task.created_by == other_officer
    assert task.title.startswith("Client affairs referral:") and charging_client.display_name in task.title
    assert task.due_date == add_working_days(today(), 5)
    assert note.client == charging_client and note.author == other_officer
    assert "Referral to client affairs" in note.text and "Tom Leader" in note.text
    assert referral.history.first().history_user == other_officer


def test_the_officer_holding_the_clients_client_affairs_case_gets_it(charging_client, other_officer, officer,
                                                                     north_team):
    Allocation.objects.create(client=charging_client, team=north_team, service=Service.CLIENT_AFFAIRS,
                              officer=officer, start_date=today())
    referral = referrals.referral_make(acting_user=other_officer, client=charging_client, to="client_affairs",
                                       reason="Needs an appointee")
    assert referral.task.assigned_to == officer


def test_with_two_client_affairs_teams_the_officer_chooses(charging_client, other_officer, team_leader, north_team):
    south = TeamFactory(name="Client affairs (South)", service=Service.CLIENT_AFFAIRS)
    south_leader = UserFactory(username="sue", first_name="Sue", last_name="South", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=south, user=south_leader, is_leader=True)
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        referrals.referral_make(acting_user=other_officer, client=charging_client, to="client_affairs",
                                reason="Needs an appointee")
    assert "team" in refused.value.extra
    assert row_counts() == before
    referral = referrals.referral_make(acting_user=other_officer, client=charging_client, to="client_affairs",
                                       reason="Needs an appointee", team=south)
    assert referral.task.assigned_to == south_leader and referral.team == south


@pytest.mark.parametrize(("to", "due_days", "title"), [
    ("welfare_benefits", 5, "Welfare benefits referral: pass"),
    ("safeguarding", 0, "Safeguarding referral: raise a concern"),
])
def test_welfare_benefits_and_safeguarding_go_to_the_referring_officers_team_leader(
        charging_client, other_officer, charging_leader, to, due_days, title):
    referral = referrals.referral_make(acting_user=other_officer, client=charging_client, to=to,
                                       reason="Son withdrawing cash from her account")
    assert referral.task.assigned_to == charging_leader and referral.team is None
    assert referral.task.due_date == add_working_days(today(), due_days)
    assert referral.task.title.startswith(title)


def test_a_team_leader_with_no_leader_above_keeps_the_referral(charging_client, charging_leader, other_officer):
    referral = referrals.referral_make(acting_user=charging_leader, client=charging_client, to="welfare_benefits",
                                       reason="Not claiming Attendance Allowance")
    assert referral.task.assigned_to == charging_leader


def test_an_officer_without_a_team_leader_keeps_the_referral(charging_client, other_officer):
    referral = referrals.referral_make(acting_user=other_officer, client=charging_client, to="welfare_benefits",
                                       reason="Not claiming Attendance Allowance")
    assert referral.task.assigned_to == other_officer


@pytest.mark.parametrize(("to", "reason", "field"), [
    ("welfare_benefits", "", "reason"),
    ("welfare_benefits", "   ", "reason"),
    ("housing", "Rent arrears", "to"),
])
def test_bad_referrals_are_refused_and_nothing_is_written(charging_client, other_officer, to, reason, field):
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        referrals.referral_make(acting_user=other_officer, client=charging_client, to=to, reason=reason)
    assert field in refused.value.extra
    assert row_counts() == before


def test_another_team_and_auditors_cannot_refer(charging_client, officer, auditor):
    before = row_counts()
    for user in (officer, auditor):
        with pytest.raises(PermissionDeniedError):
            referrals.referral_make(acting_user=user, client=charging_client, to="safeguarding", reason="Concern")
    assert row_counts() == before
    assert not Referral.objects.exists()
