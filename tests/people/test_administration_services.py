"""people.administration.services: accounts, roles, team memberships, lock-outs and teams, each
with a reason in the history, and the guards that keep casework approvals from being given by
accident."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from core.context import system_user
from core.exceptions import ApplicationError, PermissionDeniedError
from core.roles import Role
from core.rules import can
from people.administration import services
from people.administration.selectors import lockout_of
from people.choices import Service, StaffRole
from people.models import Team, TeamMembership
from tests.factories import PASSWORD, ClientFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def groups(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def history_reasons(user) -> list[str]:
    return list(User.history.filter(id=user.pk).order_by("history_date", "history_id")
                .values_list("history_change_reason", flat=True))


@pytest.fixture
def newcomer(db):
    return UserFactory(username="nina", first_name="Nina", last_name="New")


@pytest.fixture
def second_administrator(db):
    return UserFactory(username="admin2", first_name="Bea", last_name="Admin", roles=[Role.ADMINISTRATOR])


# --- opening accounts ----------------------------------------------------------------------------

def test_an_account_with_an_initial_password(administrator):
    account = services.user_create(acting_user=administrator, username="jsmith", first_name="Jo", last_name="Smith",
                                   email="jo.smith@council.example", password="a-long-pass-phrase-2026",
                                   role=StaffRole.AUDITOR, reason="Joined internal audit")
    user = account.user
    assert account.password_link is None
    assert user.check_password("a-long-pass-phrase-2026")
    assert (user.is_active, user.is_staff, user.is_superuser) == (True, False, False)
    assert groups(user) == {Role.AUDITOR}
    row = User.history.get(id=user.pk)
    assert row.history_change_reason == "Account opened as auditor: Joined internal audit"
    assert row.history_user == administrator


def test_an_account_with_a_link_to_choose_the_password(administrator):
    account = services.user_create(acting_user=administrator, username="kpatel", first_name="Kiran",
                                   last_name="Patel", email="k@council.example", reason="New charging officer")
    user = account.user
    assert not user.has_usable_password()
    uid, token = account.password_link
    assert force_str(urlsafe_base64_decode(uid)) == str(user.pk)
    assert default_token_generator.check_token(user, token)
    assert groups(user) == set()


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"username": "OLIVIA"}, "username", "The username OLIVIA is taken: choose another"),
    ({"username": "bad name!"}, "username", "Enter a username of letters, digits and @ . + - _ only"),
    ({"first_name": " "}, "first_name", "Enter the first name"),
    ({"email": ""}, "email", "Enter the work email address"),
    ({"password": "short"}, "password", "This password is too short. It must contain at least 12 characters."),
    ({"password": "council.example"}, "password", "The password is too similar to the email address."),
    ({"role": "superuser"}, "role", "Choose a role"),
])
def test_bad_details_are_named_and_nothing_is_written(administrator, officer, changes, field, message):
    before = (User.objects.count(), User.history.count())
    details = {"username": "kpatel", "first_name": "Kiran", "last_name": "Patel", "email": "k@council.example",
               "reason": "New officer", **changes}
    with pytest.raises(ApplicationError) as refused:
        services.user_create(acting_user=administrator, **details)
    assert message in refused.value.extra[field]
    assert (User.objects.count(), User.history.count()) == before


def test_only_an_administrator_opens_accounts(officer, team_leader, auditor):
    for user in (officer, team_leader, auditor):
        with pytest.raises(PermissionDeniedError, match="Only an administrator can manage users and teams"):
            services.user_create(acting_user=user, username="x1", first_name="X", last_name="Y",
                                 email="x@council.example", reason="Trying")
    assert not User.objects.filter(username="x1").exists()


def test_every_change_needs_a_reason(administrator, newcomer):
    with pytest.raises(ApplicationError, match="Give a reason"):
        services.user_deactivate(acting_user=administrator, user=newcomer, reason="  ")
    newcomer.refresh_from_db()
    assert newcomer.is_active


# --- teams and the groups that follow them --------------------------------------------------------

def test_memberships_make_officers_and_team_leaders_and_the_groups_follow(administrator, newcomer, north_team,
                                                                          charging_team):
    services.membership_add(acting_user=administrator, user=newcomer, team=north_team, is_leader=False,
                            reason="Started in client affairs")
    assert groups(newcomer) == {Role.OFFICER}
    led = services.membership_add(acting_user=administrator, user=newcomer, team=charging_team, is_leader=True,
                                  reason="Covering the charging team leader's post")
    assert groups(newcomer) == {Role.TEAM_LEADER}
    newcomer = User.objects.get(pk=newcomer.pk)
    assert can(newcomer, "people.add_client") and can(newcomer, "people.manage_caseloads")
    assert can(newcomer, "charging.approve_any") and not can(newcomer, "ledger.sign_off_reconciliation")
    services.membership_change(acting_user=administrator, membership=led, is_leader=False,
                               reason="Permanent leader appointed")
    assert groups(newcomer) == {Role.OFFICER}
    for membership in TeamMembership.objects.filter(user=newcomer):
        services.membership_end(acting_user=administrator, membership=membership, reason="Moved to housing")
    assert groups(newcomer) == set()
    reasons = list(TeamMembership.history.filter(user_id=newcomer.pk).order_by("history_id")
                   .values_list("history_type", "history_change_reason", "history_user"))
    assert reasons == [
        ("+", "Joined Client affairs (North) as officer: Started in client affairs", administrator.pk),
        ("+", "Joined Financial assessment as team leader: Covering the charging team leader's post",
         administrator.pk),
        ("~", "No longer team leader of Financial assessment: Permanent leader appointed", administrator.pk),
        ("-", "Left Client affairs (North): Moved to housing", administrator.pk),
        ("-", "Left Financial assessment: Moved to housing", administrator.pk),
    ]


def test_someone_already_in_a_team_is_not_added_twice(administrator, officer, north_team):
    with pytest.raises(ApplicationError, match="is already in Client affairs"):
        services.membership_add(acting_user=administrator, user=officer, team=north_team, is_leader=True,
                                reason="Promoted")


def test_a_member_holding_cases_leaves_only_once_they_are_passed_on(administrator, officer, north_team):
    ClientFactory(team=north_team, team__officer=officer)
    membership = TeamMembership.objects.get(user=officer)
    with pytest.raises(ApplicationError, match="holds 1 case for Client affairs \\(North\\): reassign it"):
        services.membership_end(acting_user=administrator, membership=membership, reason="Leaving")
    assert TeamMembership.objects.filter(pk=membership.pk).exists()


def test_an_administrator_joins_a_team_only_when_that_is_meant(administrator, second_administrator, north_team):
    with pytest.raises(ApplicationError) as refused:
        services.membership_add(acting_user=administrator, user=second_administrator, team=north_team,
                                is_leader=True, reason="Cover")
    assert refused.value.code == "administrator_in_team"
    assert "including approvals" in refused.value.extra["administrator_in_team"][0]
    assert not TeamMembership.objects.filter(user=second_administrator).exists()
    membership = services.membership_add(acting_user=administrator, user=second_administrator, team=north_team,
                                         is_leader=True, reason="Covering while the team leader is away",
                                         administrator_in_team=True)
    assert membership.history.get().history_change_reason == (
        "Joined Client affairs (North) as team leader (an administrator, by choice): "
        "Covering while the team leader is away")
    assert groups(second_administrator) == {Role.ADMINISTRATOR, Role.TEAM_LEADER}


def test_an_auditor_is_never_in_a_team(administrator, auditor, officer, north_team, charging_team):
    with pytest.raises(ApplicationError, match="An auditor changes nothing, so cannot be in a team"):
        services.membership_add(acting_user=administrator, user=auditor, team=north_team, is_leader=False,
                                reason="By mistake")
    with pytest.raises(ApplicationError, match="take Olivia Officer out of Client affairs \\(North\\) first"):
        services.user_role_set(acting_user=administrator, user=officer, role=StaffRole.AUDITOR, reason="Audit")
    assert groups(officer) == {Role.OFFICER}


def test_making_a_team_member_an_administrator_needs_the_same_confirmation(administrator, team_leader):
    with pytest.raises(ApplicationError) as refused:
        services.user_role_set(acting_user=administrator, user=team_leader, role=StaffRole.ADMINISTRATOR,
                               reason="Helps with accounts")
    assert refused.value.code == "administrator_in_team"
    services.user_role_set(acting_user=administrator, user=team_leader, role=StaffRole.ADMINISTRATOR,
                           reason="Helps with accounts", administrator_in_team=True)
    assert groups(team_leader) == {Role.ADMINISTRATOR, Role.TEAM_LEADER}
    assert history_reasons(team_leader)[-1] == (
        "Role changed from None to Administrator (also in Client affairs (North), by choice): Helps with accounts")


# --- what nobody can do ----------------------------------------------------------------------------

@pytest.mark.parametrize("change", ["role", "deactivate", "teams"])
def test_nobody_changes_their_own_role_status_or_teams(administrator, north_team, change):
    with pytest.raises(PermissionDeniedError, match="ask another administrator"):
        if change == "role":
            services.user_role_set(acting_user=administrator, user=administrator, role=StaffRole.NONE, reason="x")
        elif change == "deactivate":
            services.user_deactivate(acting_user=administrator, user=administrator, reason="Leaving")
        else:
            services.membership_add(acting_user=administrator, user=administrator, team=north_team, is_leader=True,
                                    reason="Me too", administrator_in_team=True)
    administrator.refresh_from_db()
    assert administrator.is_active and groups(administrator) == {Role.ADMINISTRATOR}


@pytest.fixture
def operator(db):
    """A superuser (set by the system's operators, never from the pages): an administrator of users
    who is not in the Administrator group, so the group can be left with one member."""
    user = UserFactory(username="root")
    User.objects.filter(pk=user.pk).update(is_superuser=True)
    return User.objects.get(pk=user.pk)


def test_the_last_active_administrator_keeps_the_role_and_the_account(operator, administrator,
                                                                      second_administrator):
    services.user_deactivate(acting_user=operator, user=second_administrator, reason="Left the council")
    # A deactivated administrator does not count: Alex is the only active one now.
    with pytest.raises(ApplicationError, match="Alex Admin is the only active administrator"):
        services.user_deactivate(acting_user=operator, user=administrator, reason="Tidy up")
    with pytest.raises(ApplicationError, match="Make someone else an administrator first"):
        services.user_role_set(acting_user=operator, user=administrator, role=StaffRole.NONE, reason="Tidy up")
    administrator.refresh_from_db()
    assert administrator.is_active and groups(administrator) == {Role.ADMINISTRATOR}
    services.user_reactivate(acting_user=operator, user=second_administrator, reason="Came back")
    services.user_role_set(acting_user=operator, user=administrator, role=StaffRole.NONE, reason="Handed over")
    assert groups(administrator) == set()


def test_superusers_and_the_system_user_are_not_changed_here(administrator, operator):
    for user in (operator, system_user()):
        with pytest.raises(PermissionDeniedError, match="kept by the system's operators"):
            services.user_deactivate(acting_user=administrator, user=user, reason="Tidy up")


# --- deactivating, reactivating, lock-outs ---------------------------------------------------------

def test_a_deactivated_account_cannot_sign_in_and_its_session_ends(client, administrator, officer):
    client.force_login(officer)
    assert client.get(reverse("my-work")).status_code == 200
    services.user_deactivate(acting_user=administrator, user=officer, reason="Left the council")
    assert client.get(reverse("my-work")).status_code == 302
    assert _sign_in(client, "olivia").status_code == 200  # the sign-in page again, with an error
    assert history_reasons(officer)[-1] == "Account deactivated: Left the council"
    services.user_reactivate(acting_user=administrator, user=officer, reason="Returned from leave")
    assert _sign_in(client, "olivia").status_code == 302


def _sign_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def _fail_to_sign_in(client, username, times):
    for _ in range(times):
        client.post(reverse("login"), {"username": username, "password": "wrong password"})


def test_clearing_a_lock_out_lets_them_sign_in_again(client, settings, administrator, officer):
    _fail_to_sign_in(client, "olivia", settings.AXES_FAILURE_LIMIT)
    _fail_to_sign_in(client, "Olivia", 1)
    assert lockout_of(officer).locked
    response = _sign_in(client, "olivia")
    assert response.status_code == 429  # locked out, even with the right password
    cleared = services.user_lockout_reset(acting_user=administrator, user=officer, reason="Phoned the service desk")
    assert cleared == 2
    assert not AccessAttempt.objects.exists()
    assert not lockout_of(officer).locked
    assert _sign_in(client, "olivia").status_code == 302
    assert "Sign-in lock-out cleared: Phoned the service desk" in history_reasons(officer)
    with pytest.raises(ApplicationError, match="has no failed sign-ins to clear"):
        services.user_lockout_reset(acting_user=administrator, user=officer, reason="Again")


def test_a_new_password_link_is_recorded_and_works_once(administrator, officer):
    uid, token = services.user_password_link(acting_user=administrator, user=officer, reason="Forgot password")
    assert default_token_generator.check_token(officer, token)
    assert history_reasons(officer)[-1] == "Set-password link issued: Forgot password"


# --- teams ---------------------------------------------------------------------------------------

def test_teams_are_set_up_renamed_and_moved_with_a_reason(administrator):
    team = services.team_create(acting_user=administrator, name="  Client affairs   (East) ",
                                service=Service.CLIENT_AFFAIRS, reason="New area office")
    assert team.name == "Client affairs (East)"
    team = services.team_update(acting_user=administrator, team=team, name="Client affairs (East)",
                                service=Service.PROPERTY, reason="Became the property team")
    assert team.service == Service.PROPERTY
    assert list(Team.history.filter(id=team.pk).order_by("history_id").values_list("history_change_reason",
                                                                                   "history_user")) == [
        ("Team set up: New area office", administrator.pk), ("Became the property team", administrator.pk)]


def test_a_team_name_is_unique_and_a_team_with_cases_keeps_its_service(administrator, north_team, charging_team):
    with pytest.raises(ApplicationError) as refused:
        services.team_create(acting_user=administrator, name="client affairs (north)", service=Service.PROPERTY,
                             reason="x")
    assert refused.value.extra == {"name": ["There is already a team called client affairs (north)"]}
    ClientFactory(team=north_team)
    with pytest.raises(ApplicationError, match="holds 1 client affairs case: reassign it"):
        services.team_update(acting_user=administrator, team=north_team, name=north_team.name,
                             service=Service.CHARGING, reason="Restructure")
    renamed = services.team_update(acting_user=administrator, team=north_team, name="Client affairs (Borchester)",
                                   service=north_team.service, reason="New name")
    assert renamed.name == "Client affairs (Borchester)"
    assert TeamFactory._meta.model.objects.get(pk=north_team.pk).service == Service.CLIENT_AFFAIRS
