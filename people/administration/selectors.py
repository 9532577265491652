"""Reads for the administration pages: staff accounts with their teams and roles, teams with their
members and cases, and who is locked out of signing in.

The system user (the one scheduled jobs act as) is not a member of staff: it is never listed and
its page is a 404, like an account that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from core.roles import Role
from people.choices import StaffRole, TaskStatus
from people.models import Task, Team, TeamMembership
from people.selectors import current_allocations, today

User = get_user_model()

#: The role filter on the users page: value -> label.
ROLE_FILTERS = {
    "team_leader": "Team leader",
    "officer": "Officer (in a team, leading none)",
    "auditor": "Auditor",
    "administrator": "Administrator",
    "none": "No team and no role",
}


def staff() -> QuerySet:
    """Every account but the system user's."""
    return User.objects.exclude(username=settings.SYSTEM_USERNAME)


def staff_role(user) -> str:
    """``StaffRole`` value from the user's groups (read once per request through ``prefetch``)."""
    names = {group.name for group in user.groups.all()}
    if Role.ADMINISTRATOR.value in names:
        return StaffRole.ADMINISTRATOR
    if Role.AUDITOR.value in names:
        return StaffRole.AUDITOR
    return StaffRole.NONE


def users_for_administration(*, team: Team | None = None, service: str = "", role: str = "",
                             active: bool | None = None, query: str = "") -> QuerySet:
    """Staff accounts with their teams (leaders first) and groups, by last then first name."""
    users = staff()
    if team is not None:
        users = users.filter(memberships__team=team)
    if service:
        users = users.filter(memberships__team__service=service)
    if active is not None:
        users = users.filter(is_active=active)
    for word in (query or "").split():
        users = users.filter(Q(username__icontains=word) | Q(first_name__icontains=word)
                             | Q(last_name__icontains=word) | Q(email__icontains=word))
    in_a_team = TeamMembership.objects.filter(user=OuterRef("pk"))
    if role == "team_leader":
        users = users.filter(Exists(in_a_team.filter(is_leader=True)))
    elif role == "officer":
        users = users.filter(Exists(in_a_team)).exclude(Exists(in_a_team.filter(is_leader=True)))
    elif role in ("auditor", "administrator"):
        users = users.filter(groups__name=Role.AUDITOR if role == "auditor" else Role.ADMINISTRATOR)
    elif role == "none":
        users = users.exclude(Exists(in_a_team)).exclude(
            groups__name__in=[Role.AUDITOR, Role.ADMINISTRATOR])
    return users.distinct().prefetch_related(
        Prefetch("memberships", queryset=TeamMembership.objects.select_related("team")
                 .order_by("-is_leader", "team__name")),
        "groups",
    ).order_by("last_name", "first_name", "username")


def access_staff_user(*, pk):
    """A member of staff's account for the administration pages; 404 for the system user or none."""
    try:
        return users_for_administration().get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404("No such user") from None


def access_membership(*, pk) -> TeamMembership:
    try:
        return TeamMembership.objects.select_related("team", "user").exclude(
            user__username=settings.SYSTEM_USERNAME).get(pk=pk)
    except (TeamMembership.DoesNotExist, ValueError, TypeError):
        raise Http404("No such team membership") from None


def access_team(*, pk) -> Team:
    try:
        return Team.objects.get(pk=pk)
    except (Team.DoesNotExist, ValueError, TypeError):
        raise Http404("No such team") from None


def active_administrators() -> QuerySet:
    return staff().filter(is_active=True, groups__name=Role.ADMINISTRATOR)


@dataclass(frozen=True)
class Lockout:
    """Failed sign-ins recorded for a username (django-axes), and whether they lock it out now
    (``locked_until`` is None for a lock with no cool-off: until someone clears it)."""

    failures: int
    locked: bool
    locked_until: dt.datetime | None = None


def lockout_of(user) -> Lockout:
    """Failed sign-ins for the user's username (typed in any case, from any address). It is locked
    while an address has reached the limit within the cool-off period."""
    cool_off, now = get_cool_off(), timezone.now()
    failures, locked, until = 0, False, None
    for attempt in AccessAttempt.objects.filter(username__iexact=user.get_username()).only(
            "failures_since_start", "attempt_time"):
        failures += attempt.failures_since_start
        if attempt.failures_since_start < settings.AXES_FAILURE_LIMIT:
            continue
        if not cool_off:
            locked, until = True, None
        elif attempt.attempt_time + cool_off > now:
            locked = True
            until = max(until or now, attempt.attempt_time + cool_off)
    return Lockout(failures=failures, locked=locked, locked_until=until if locked else None)


def locked_out_usernames() -> set[str]:
    """Lower-cased usernames locked out now (for the users list)."""
    cool_off = get_cool_off()
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    if cool_off:
        attempts = attempts.filter(attempt_time__gt=timezone.now() - cool_off)
    return {name.lower() for name in attempts.values_list("username", flat=True) if name}


@dataclass(frozen=True)
class Workload:
    """What a member of staff has in hand: cases they hold and tasks still open."""

    cases: int
    open_tasks: int
    cases_by_team: dict[int, int]


def workload_of(user) -> Workload:
    by_team = dict(current_allocations(on=today()).filter(officer=user).values_list("team_id")
                   .annotate(n=Count("id")).values_list("team_id", "n"))
    open_tasks = Task.objects.filter(assigned_to=user, status__in=[TaskStatus.OPEN, TaskStatus.OVERDUE]).count()
    return Workload(cases=sum(by_team.values()), open_tasks=open_tasks, cases_by_team=by_team)


def teams_for_administration() -> QuerySet[Team]:
    """Every team with its members (leaders first) and how many cases it holds today."""
    day = today()
    held = Count("allocations", filter=Q(allocations__start_date__lte=day)
                 & (Q(allocations__end_date__isnull=True) | Q(allocations__end_date__gte=day)), distinct=True)
    return Team.objects.annotate(cases=held).prefetch_related(
        Prefetch("memberships", queryset=TeamMembership.objects.select_related("user")
                 .order_by("-is_leader", "user__last_name", "user__first_name"))
    ).order_by("name")


def team_current_cases(*, team: Team) -> int:
    return current_allocations(on=today()).filter(team=team).count()


def cases_held_in_team(*, membership: TeamMembership) -> int:
    """Cases the member holds as officer for the team today."""
    return current_allocations(on=today()).filter(team_id=membership.team_id, officer_id=membership.user_id).count()

