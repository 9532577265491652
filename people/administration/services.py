"""The only code that changes staff accounts, their team memberships and roles, and teams.

Each function is one thing an administrator does: keyword-only, ``acting_user`` required and checked
against the rule ``people.administer_users``, a reason required, atomic, and written with the
reason and the administrator in the history of what it changes (the account, the membership, the
team). A refusal is an :class:`~core.exceptions.ApplicationError` with a sentence to act on; its
``extra`` names the form field concerned.

What keeps casework approvals from being given by accident:

- team memberships are what make someone an officer or a team leader (and so able to approve);
  the Officer and Team leader groups follow them (:func:`core.roles.sync_team_roles`);
- an administrator is put in a team only when the administrator making the change says that this
  is meant (``administrator_in_team=True``), and the history says so; an auditor is never in a team;
- nobody changes their own teams, role or active status: another administrator must;
- the last active administrator cannot be deactivated or lose the role;
- superuser status is never set here, and superusers' and the system user's accounts are not
  changed here at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.exceptions import ApplicationError, PermissionDeniedError
from core.history import save_attributed
from core.roles import Role, set_staff_role, sync_team_roles
from core.rules import require
from people.administration.selectors import active_administrators, cases_held_in_team, staff_role, team_current_cases
from people.choices import Service, StaffRole
from people.models import Team, TeamMembership

User = get_user_model()

ROLE_GROUPS = {StaffRole.NONE: None, StaffRole.AUDITOR: Role.AUDITOR, StaffRole.ADMINISTRATOR: Role.ADMINISTRATOR}


# --- guards -------------------------------------------------------------------------------------

def _refuse(message: str, field: str | None = None, code: str = "invalid"):
    raise ApplicationError(message, code=code, extra={field: [message]} if field else None)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        _refuse("Give a reason: it is kept in the history.", "reason")
    return reason


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _lock(user):
    """The account, locked for the change; superusers' and the system user's are not changed here."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.is_superuser or locked.username == settings.SYSTEM_USERNAME:
        raise PermissionDeniedError("This account is kept by the system's operators and cannot be changed here.",
                                    code="protected_account")
    return locked


def _not_yourself(acting_user, user, what: str) -> None:
    if acting_user.pk == user.pk:
        raise PermissionDeniedError(f"You cannot change your own {what}: ask another administrator.",
                                    code="own_account")


def _keep_an_administrator(user) -> None:
    """Refuse to take away the last active administrator (the locks make two administrators
    removing each other at the same moment wait for one another)."""
    others = list(active_administrators().exclude(pk=user.pk).select_for_update(of=("self",)))
    if not others:
        _refuse(f"{_name(user)} is the only active administrator. Make someone else an administrator first.",
                code="last_administrator")


def _sync_groups(user) -> None:
    memberships = list(TeamMembership.objects.filter(user=user).values_list("is_leader", flat=True))
    sync_team_roles(user, member=bool(memberships), leader=any(memberships))


def _save_user(user, *, acting_user, reason: str) -> None:
    save_attributed(user, user=acting_user, reason=reason)


# --- accounts -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class NewAccount:
    user: object
    #: Where the person sets their password (uid and token), when no initial password was given.
    password_link: tuple[str, str] | None


def password_link_for(user) -> tuple[str, str]:
    """The uid and token of a link that lets ``user`` choose a password. It works once: setting the
    password (or signing in) changes what the token was made from. It lapses after
    ``PASSWORD_RESET_TIMEOUT`` (three days by default)."""
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


def _check_details(*, first_name: str, last_name: str, email: str) -> dict:
    errors = {}
    if not (first_name or "").strip():
        errors["first_name"] = ["Enter the first name"]
    if not (last_name or "").strip():
        errors["last_name"] = ["Enter the last name"]
    if not (email or "").strip():
        errors["email"] = ["Enter the work email address"]
    return errors


def user_create(*, acting_user, username: str, first_name: str, last_name: str, email: str, reason: str,
                role: str = StaffRole.NONE, password: str = "") -> NewAccount:
    """Open an account for a member of staff, with an initial password or, without one, a link for
    them to choose it (:func:`password_link_for`), shown once to the administrator. The account has
    no team yet: add the teams next (an auditor or administrator needs none)."""
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    username = (username or "").strip()
    errors = _check_details(first_name=first_name, last_name=last_name, email=email)
    if role not in ROLE_GROUPS:
        errors["role"] = ["Choose a role"]
    try:
        User.username_validator(username)
    except ValidationError:
        errors["username"] = ["Enter a username of letters, digits and @ . + - _ only"]
    if not username:
        errors["username"] = ["Enter a username"]
    with transaction.atomic():
        if username and User.objects.filter(username__iexact=username).exists():
            errors["username"] = [f"The username {username} is taken: choose another"]
        user = User(username=username, first_name=first_name.strip(), last_name=last_name.strip(),
                    email=email.strip(), is_active=True, is_staff=False, is_superuser=False)
        if password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as exc:
                errors["password"] = list(exc.messages)
        if errors:
            raise ApplicationError("Check the details you entered.", extra=errors)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        as_role = f" as {StaffRole(role).label.split(':')[0].lower()}" if role != StaffRole.NONE else ""
        _save_user(user, acting_user=acting_user, reason=f"Account opened{as_role}: {reason}")
        set_staff_role(user, ROLE_GROUPS[role])
    return NewAccount(user=user, password_link=None if password else password_link_for(user))


def user_update(*, acting_user, user, first_name: str, last_name: str, email: str, reason: str):
    """Change someone's name or work email address."""
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    errors = _check_details(first_name=first_name, last_name=last_name, email=email)
    if errors:
        raise ApplicationError("Check the details you entered.", extra=errors)
    with transaction.atomic():
        locked = _lock(user)
        locked.first_name, locked.last_name, locked.email = first_name.strip(), last_name.strip(), email.strip()
        _save_user(locked, acting_user=acting_user, reason=reason)
    return locked


def user_password_link(*, acting_user, user, reason: str) -> tuple[str, str]:
    """A new link for someone to choose their password (they forgot it, or the first link lapsed).
    Their current password keeps working until they use it. The history records that one was issued."""
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    with transaction.atomic():
        locked = _lock(user)
        if not locked.is_active:
            _refuse(f"{_name(locked)}'s account is deactivated: reactivate it first.", code="inactive")
        _save_user(locked, acting_user=acting_user, reason=f"Set-password link issued: {reason}")
    return password_link_for(locked)


def user_role_set(*, acting_user, user, role: str, reason: str, administrator_in_team: bool = False):
    """Make someone an auditor, an administrator, or neither. An auditor cannot be in a team; an
    administrator in a team only when ``administrator_in_team`` says it is meant."""
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    if role not in ROLE_GROUPS:
        _refuse("Choose a role", "role")
    with transaction.atomic():
        locked = _lock(user)
        _not_yourself(acting_user, locked, "role")
        before = staff_role(locked)
        if role == before:
            _refuse(f"{_name(locked)} already has this role.", "role", code="unchanged")
        teams = list(TeamMembership.objects.filter(user=locked).select_related("team").order_by("team__name"))
        named = ", ".join(m.team.name for m in teams)
        if role == StaffRole.AUDITOR and teams:
            _refuse(f"An auditor changes nothing, so cannot be in a team: take {_name(locked)} out of {named} first.",
                    "role", code="auditor_in_team")
        if role == StaffRole.ADMINISTRATOR and teams and not administrator_in_team:
            _refuse(f"{_name(locked)} is in {named}. An administrator in a team can do that team's casework, "
                    f"including approvals: tick the box to say this is meant.", "administrator_in_team",
                    code="administrator_in_team")
        if before == StaffRole.ADMINISTRATOR and locked.is_active:
            _keep_an_administrator(locked)
        label = {value: text.split(":")[0] for value, text in StaffRole.choices}
        note = f" (also in {named}, by choice)" if role == StaffRole.ADMINISTRATOR and teams else ""
        set_staff_role(locked, ROLE_GROUPS[role])
        _save_user(locked, acting_user=acting_user,
                   reason=f"Role changed from {label[before]} to {label[role]}{note}: {reason}")
    return locked


def user_deactivate(*, acting_user, user, reason: str):
    """Stop someone signing in (they leave, or must not use the system for now). Their teams,
    cases and tasks stay as they are, for their team leaders to pass on; an open session ends at
    their next request."""
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    with transaction.atomic():
        locked = _lock(user)
        _not_yourself(acting_user, locked, "account's status")
        if not locked.is_active:
            _refuse(f"{_name(locked)}'s account is already deactivated.", code="unchanged")
        if staff_role(locked) == StaffRole.ADMINISTRATOR:
            _keep_an_administrator(locked)
        locked.is_active = False
        _save_user(locked, acting_user=acting_user, reason=f"Account deactivated: {reason}")
    return locked


def user_reactivate(*, acting_user, user, reason: str):
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    with transaction.atomic():
        locked = _lock(user)
        _not_yourself(acting_user, locked, "account's status")
        if locked.is_active:
            _refuse(f"{_name(locked)}'s account is already active.", code="unchanged")
        locked.is_active = True
        _save_user(locked, acting_user=acting_user, reason=f"Account reactivated: {reason}")
    return locked


def user_lockout_reset(*, acting_user, user, reason: str) -> int:
    """Clear the failed sign-ins recorded for someone's username (in any case, from any address), so a
    locked-out person can sign in again at once. Returns how many records were cleared."""
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    with transaction.atomic():
        locked = _lock(user)
        typed = set(AccessAttempt.objects.filter(username__iexact=locked.get_username())
                    .values_list("username", flat=True))
        if not typed:
            _refuse(f"{_name(locked)} has no failed sign-ins to clear.", code="unchanged")
        cleared = sum(axes_reset(username=name) for name in typed)
        _save_user(locked, acting_user=acting_user, reason=f"Sign-in lock-out cleared: {reason}")
    return cleared


# --- team memberships ---------------------------------------------------------------------------

def _check_member(acting_user, user, *, is_leader: bool, administrator_in_team: bool, team: Team) -> str:
    """Who may be in a team; returns a note for the history when an administrator is."""
    _not_yourself(acting_user, user, "teams")
    if not user.is_active:
        _refuse(f"{_name(user)}'s account is deactivated: reactivate it first.", code="inactive")
    role = staff_role(user)
    if role == StaffRole.AUDITOR:
        _refuse("An auditor changes nothing, so cannot be in a team.", "team", code="auditor_in_team")
    if role == StaffRole.ADMINISTRATOR:
        if not administrator_in_team:
            what = "leads" if is_leader else "is in"
            approvals = ", including approvals" if is_leader else ""
            _refuse(f"{_name(user)} is an administrator. An administrator who {what} {team.name} can do its "
                    f"casework{approvals}: tick the box to say this is meant.",
                    "administrator_in_team", code="administrator_in_team")
        return " (an administrator, by choice)"
    return ""


def membership_add(*, acting_user, user, team: Team, is_leader: bool, reason: str,
                   administrator_in_team: bool = False) -> TeamMembership:
    """Put someone in a team, as an officer or as its team leader. Someone can be in several teams,
    of different services."""
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    with transaction.atomic():
        locked = _lock(user)
        note = _check_member(acting_user, locked, is_leader=is_leader, administrator_in_team=administrator_in_team,
                             team=team)
        if TeamMembership.objects.filter(team=team, user=locked).exists():
            _refuse(f"{_name(locked)} is already in {team.name}.", "team", code="already_member")
        membership = TeamMembership(team=team, user=locked, is_leader=is_leader)
        role = "team leader" if is_leader else "officer"
        save_attributed(membership, user=acting_user, reason=f"Joined {team.name} as {role}{note}: {reason}")
        _sync_groups(locked)
    return membership


def membership_change(*, acting_user, membership: TeamMembership, is_leader: bool, reason: str,
                      administrator_in_team: bool = False) -> TeamMembership:
    """Make a member their team's leader, or no longer its leader."""
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    with transaction.atomic():
        locked = TeamMembership.objects.select_for_update().select_related("team").get(pk=membership.pk)
        user = _lock(locked.user)
        if locked.is_leader == is_leader:
            _refuse(f"{_name(user)} already {'leads' if is_leader else 'does not lead'} {locked.team.name}.",
                    "is_leader", code="unchanged")
        _not_yourself(acting_user, user, "teams")
        note = ""
        if is_leader:  # more power needs the checks of joining; less needs none
            note = _check_member(acting_user, user, is_leader=True, administrator_in_team=administrator_in_team,
                                 team=locked.team)
        locked.is_leader = is_leader
        what = "Made team leader" if is_leader else "No longer team leader"
        save_attributed(locked, user=acting_user, reason=f"{what} of {locked.team.name}{note}: {reason}")
        _sync_groups(user)
    return locked


def membership_end(*, acting_user, membership: TeamMembership, reason: str) -> None:
    """Take someone out of a team. Cases they hold for it must be passed on first (from the team's
    caseload), so that no case is left with an officer outside the team that holds it."""
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    with transaction.atomic():
        locked = TeamMembership.objects.select_for_update().select_related("team").get(pk=membership.pk)
        user = _lock(locked.user)
        _not_yourself(acting_user, user, "teams")
        held = cases_held_in_team(membership=locked)
        if held:
            _refuse(f"{_name(user)} holds {held} case{'s' if held != 1 else ''} for {locked.team.name}: reassign "
                    f"{'them' if held != 1 else 'it'} from the team's caseload first.", code="holds_cases")
        locked._history_user = acting_user
        locked._change_reason = f"Left {locked.team.name}: {reason}"
        locked.delete()
        _sync_groups(user)


# --- teams --------------------------------------------------------------------------------------

def _check_team(*, name: str, service: str, exclude_pk=None) -> str:
    name = " ".join((name or "").split())
    errors = {}
    if not name:
        errors["name"] = ["Enter the team's name"]
    elif len(name) > Team._meta.get_field("name").max_length:
        errors["name"] = ["The team's name must be 100 characters or fewer"]
    elif Team.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        errors["name"] = [f"There is already a team called {name}"]
    if service not in Service.values:
        errors["service"] = ["Choose the service the team works in"]
    if errors:
        raise ApplicationError("Check the details you entered.", extra=errors)
    return name


def team_create(*, acting_user, name: str, service: str, reason: str) -> Team:
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    with transaction.atomic():
        team = Team(name=_check_team(name=name, service=service), service=service)
        save_attributed(team, user=acting_user, reason=f"Team set up: {reason}")
    return team


def team_update(*, acting_user, team: Team, name: str, service: str, reason: str) -> Team:
    """Rename a team or move it to another service. A team holding cases keeps its service (each
    case is held for a service): its cases must be passed on first."""
    require(acting_user, "people.administer_users")
    reason = _reason(reason)
    with transaction.atomic():
        locked = Team.objects.select_for_update().get(pk=team.pk)
        name = _check_team(name=name, service=service, exclude_pk=locked.pk)
        if (name, service) == (locked.name, locked.service):
            _refuse("Nothing has changed.", "name", code="unchanged")
        if service != locked.service:
            held = team_current_cases(team=locked)
            if held:
                _refuse(f"{locked.name} holds {held} {Service(locked.service).label.lower()} case"
                        f"{'s' if held != 1 else ''}: reassign {'them' if held != 1 else 'it'} before changing "
                        "its service.", "service", code="holds_cases")
        locked.name, locked.service = name, service
        save_attributed(locked, user=acting_user, reason=reason)
    return locked
