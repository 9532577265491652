"""Who someone is at work, as predicates for :mod:`core.rules`, and the people record's own rules.

A user works in one or more **services** (client affairs, charging, debt recovery, deferred
payments, property) through their team memberships, as an officer or, where the membership says so,
as the team leader. What they may *do* to a client's records depends on the service and on the
client's current allocation to a team of that service that the user is in ("holds the client for
that service"), not merely on seeing the client. Auditors read everything and change nothing;
administrators manage users, teams and reference data, read every record, and do no casework.

The predicates here are the vocabulary every app's ``rules.py`` builds its rules from:

- ``is_auditor``, ``is_administrator``, ``is_superuser``; ``reads_everything`` (any of the three);
- ``works_in(service)``, ``leads_in(service)``, ``works_anywhere``, ``leads_anywhere``;
- ``holds(service)``, ``leads_for(service)``: about the client of the object (a client, or any record
  with a ``client``);
- ``sees_client``: the client is visible to the user (``people.selectors.clients_visible_to``);
- ``holds_any``: the client is allocated to any of the user's teams.

What a user is at work is read once per user object (a request's user) and kept on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from rules import predicate

from core.roles import Role, has_role
from core.rules import define


@dataclass(frozen=True)
class Membership:
    team_id: int
    service: str
    is_leader: bool


def memberships_of(user) -> tuple[Membership, ...]:
    cached = getattr(user, "_memberships", None)
    if cached is None:
        from people.models import TeamMembership

        cached = tuple(Membership(team_id, service, leader) for team_id, service, leader in
                       TeamMembership.objects.filter(user_id=user.pk, user__is_active=True)
                       .values_list("team_id", "team__service", "is_leader"))
        user._memberships = cached
    return cached


def client_of(obj):
    """The client a record is about: the record itself, or its ``client``."""
    from people.models import Client

    if obj is None or isinstance(obj, Client):
        return obj
    return getattr(obj, "client", None)


def client_id_of(obj) -> int | None:
    """For :mod:`core.access`: the id of the client a record is (or is about)."""
    from people.models import Client

    if isinstance(obj, Client):
        return obj.pk
    client_id = getattr(obj, "client_id", None)
    if client_id is None and obj is not None:
        client = client_of(obj)
        client_id = client.pk if client is not None else None
    return client_id


def teams_holding(user, client) -> dict[int, str]:
    """The user's teams that hold ``client`` today: team id -> service (cached per user and client)."""
    cache = getattr(user, "_teams_holding", None)
    if cache is None:
        cache = user._teams_holding = {}
    if client.pk not in cache:
        from people.selectors import current_allocations

        mine = [m.team_id for m in memberships_of(user)]
        cache[client.pk] = dict(current_allocations().filter(client_id=client.pk, team_id__in=mine)
                                .values_list("team_id", "service")) if mine else {}
    return cache[client.pk]


def teams_holding_read(user, client_ids) -> None:
    """Read, in one query per 10,000 clients, which of the user's teams hold each of ``client_ids`` today,
    into the cache :func:`teams_holding` answers from: for a service that checks a rule for every client
    of a batch (a payment run's thousands of payments) without a query per client."""
    cache = getattr(user, "_teams_holding", None)
    if cache is None:
        cache = user._teams_holding = {}
    wanted = sorted({pk for pk in client_ids if pk is not None and pk not in cache})
    mine = [m.team_id for m in memberships_of(user)]
    if not wanted:
        return
    if not mine:
        cache.update((pk, {}) for pk in wanted)
        return
    from people.selectors import current_allocations

    for start in range(0, len(wanted), 10_000):
        chunk = wanted[start:start + 10_000]
        found: dict[int, dict[int, str]] = {pk: {} for pk in chunk}
        for client_id, team_id, service in (current_allocations().filter(client_id__in=chunk, team_id__in=mine)
                                            .values_list("client_id", "team_id", "service")):
            found[client_id][team_id] = service
        cache.update(found)


def forget(user) -> None:
    """Drop what was read about the user (after changing their memberships in the same request)."""
    for name in ("_memberships", "_teams_holding", "_role_names"):
        user.__dict__.pop(name, None)


# --- who the user is ------------------------------------------------------------------------------

is_superuser = rules.is_superuser


@predicate
def is_auditor(user):
    return has_role(user, Role.AUDITOR) and not user.is_superuser


@predicate
def is_administrator(user):
    return has_role(user, Role.ADMINISTRATOR)


reads_everything = is_auditor | is_administrator | is_superuser


def works_in(service: str):
    @predicate(f"works_in_{service}")
    def check(user):
        return not is_auditor(user) and any(m.service == service for m in memberships_of(user))

    return check


def leads_in(service: str):
    @predicate(f"leads_in_{service}")
    def check(user):
        return not is_auditor(user) and any(m.service == service and m.is_leader for m in memberships_of(user))

    return check


@predicate
def works_anywhere(user):
    return not is_auditor(user) and bool(memberships_of(user))


@predicate
def leads_anywhere(user):
    return not is_auditor(user) and any(m.is_leader for m in memberships_of(user))


# --- the user and a client ------------------------------------------------------------------------

def holds(service: str):
    """The client of the object is allocated today to a team of ``service`` that the user is in."""

    @predicate(f"holds_for_{service}")
    def check(user, obj):
        client = client_of(obj)
        if client is None or client.pk is None or is_auditor(user):
            return False
        return service in teams_holding(user, client).values()

    return check


def leads_for(service: str):
    """The client is held for ``service`` by a team the user leads."""

    @predicate(f"leads_for_{service}")
    def check(user, obj):
        client = client_of(obj)
        if client is None or client.pk is None or is_auditor(user):
            return False
        led = {m.team_id for m in memberships_of(user) if m.is_leader}
        return any(team in led and held == service for team, held in teams_holding(user, client).items())

    return check


@predicate
def holds_any(user, obj):
    client = client_of(obj)
    if client is None or client.pk is None or is_auditor(user):
        return False
    return bool(teams_holding(user, client))


@predicate
def sees_client(user, obj):
    client = client_of(obj)
    if client is None or client.pk is None:
        return False
    if reads_everything(user):
        return True
    return bool(teams_holding(user, client))


@predicate
def is_assignee(user, task):
    return task is not None and task.assigned_to_id == user.pk


@predicate
def leads_assignee(user, task):
    """The user leads a team the task's assignee is in."""
    if task is None:
        return False
    from people.models import TeamMembership

    led = [m.team_id for m in memberships_of(user) if m.is_leader]
    return bool(led) and TeamMembership.objects.filter(user_id=task.assigned_to_id, team_id__in=led).exists()


@predicate
def leads_team(user, team):
    return team is not None and any(m.team_id == team.pk and m.is_leader for m in memberships_of(user))


has_a_role = works_anywhere | reads_everything


# --- the people record's rules --------------------------------------------------------------------

def register() -> None:
    define("people.use_service", has_a_role | leads_anywhere,
           "Your account has no team or role yet: ask an administrator to set one up.")
    define("people.view_client", sees_client, "You cannot see this client's records.")
    define("people.add_client", works_anywhere,
           "Only officers and team leaders can add a client: auditors and administrators do no casework.")
    define("people.work_client", holds_any,
           "Only an officer whose team holds this client's case can change their records.")
    define("people.change_correspondence_rule", holds_any,
           "Only an officer whose team holds this client's case can change where their letters go.")
    define("people.add_task", works_anywhere, "Only officers and team leaders can set tasks.")
    define("people.complete_task", works_anywhere & (is_assignee | leads_assignee),
           "Only the officer the task is for, or the leader of their team, can complete it.")
    define("people.change_contact", works_anywhere, "Only officers and team leaders can change contacts.")
    define("people.manage_caseloads", leads_anywhere, "Caseloads are for team leaders.")
    define("people.reassign_case", leads_team, "You can reassign only the cases of a team you lead.")
    define("people.administer_users", is_administrator | is_superuser,
           "Only an administrator can manage users and teams.")

