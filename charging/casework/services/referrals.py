"""Referrals out by a charging officer: to welfare benefits advice (the person seems not to claim
what they are entitled to), to safeguarding (suspected financial abuse), to client affairs (the person
cannot manage their money and may need an appointee or deputy).

A referral is a task for whoever takes it on and a note in the client's journal, written together
(:func:`referral_make`), and a :class:`~charging.casework.models.Referral` row tying them together.

Who gets the task:

- client affairs: the client affairs team chosen, else the team holding the client's client
  affairs caseload, else the council's only client affairs team (with more than one, the officer must
  choose); within it the officer holding the client's case, else the team leader;
- welfare benefits advice and safeguarding: the council has no team for them on this system, so the
  referring officer's own team leader gets the task (a team leader referring keeps it), titled so it
  says plainly what to do: pass it to the welfare benefits advice service, or raise the safeguarding
  concern with the adult safeguarding hub.

Due: safeguarding the same day; welfare benefits advice in :data:`DUE_WORKING_DAYS` working days; client
affairs likewise.
"""

from __future__ import annotations

from django.db import transaction

from charging.casework.services.appeals import add_working_days
from charging.casework.choices import ReferralTo
from charging.casework.models import Referral
from charging.guards import _invalid, _reason, _require_client, _require_writer
from core.exceptions import ApplicationError
from core.history import save_attributed
from people import services as people_services
from people.choices import NoteKind, Service
from people.models import Client, Team, TeamMembership
from people.selectors import current_allocations, teams_of, today

__all__ = ["referral_make", "referral_recipient"]

DUE_WORKING_DAYS = {
    ReferralTo.SAFEGUARDING: 0,
    ReferralTo.WELFARE_BENEFITS: 5,
    ReferralTo.CLIENT_AFFAIRS: 5,
}
TITLES = {
    ReferralTo.WELFARE_BENEFITS: "Welfare benefits referral: pass {name} to the welfare benefits advice service",
    ReferralTo.SAFEGUARDING: "Safeguarding referral: raise a concern about {name} with the adult safeguarding hub",
    ReferralTo.CLIENT_AFFAIRS: "Client affairs referral: {name} cannot manage their money",
}


def _leader_of(team: Team):
    membership = (TeamMembership.objects.filter(team=team, is_leader=True, user__is_active=True)
                  .select_related("user").order_by("id").first())
    return membership.user if membership else None


def referral_recipient(*, acting_user, client: Client, to: str, team: Team | None = None):
    """(team, user): who a referral of ``client`` to ``to`` goes to (see the module's docstring)."""
    if to == ReferralTo.CLIENT_AFFAIRS:
        allocation = (current_allocations().filter(client=client, service=Service.CLIENT_AFFAIRS)
                      .select_related("team", "officer").first())
        if team is not None:
            if team.service != Service.CLIENT_AFFAIRS:
                raise _invalid("team", "Choose a client affairs team.")
        elif allocation is not None:
            team = allocation.team
        else:
            teams = list(Team.objects.filter(service=Service.CLIENT_AFFAIRS).order_by("name")[:2])
            if not teams:
                raise _invalid("to", "There is no client affairs team to refer to.")
            if len(teams) > 1:
                raise _invalid("team", "Choose which client affairs team to refer to.")
            team = teams[0]
        if (allocation is not None and allocation.team_id == team.pk and allocation.officer is not None
                and allocation.officer.is_active):
            return team, allocation.officer
        leader = _leader_of(team)
        if leader is None:
            raise _invalid("team", f"{team.name} has no team leader to take the referral.")
        return team, leader
    # Welfare benefits advice and safeguarding: the referring officer's own team leader.
    mine = teams_of(user=acting_user)
    holding = mine.filter(allocations__in=current_allocations().filter(client=client)).order_by("name").first()
    for candidate in ([holding] if holding else []) + list(mine.order_by("name")):
        leader = _leader_of(candidate)
        if leader is not None:
            return None, leader
    return None, acting_user


def referral_make(*, acting_user, client: Client, to: str, reason: str, team: Team | None = None) -> Referral:
    """Refer the client on: a task for whoever takes the referral on and a note in the journal."""
    _require_writer(acting_user)
    if to not in ReferralTo.values:
        raise _invalid("to", "Choose who to refer to.")
    reason = _reason(reason, "Say why you are making the referral.")
    with transaction.atomic():
        client = _require_client(acting_user, client)
        team, assignee = referral_recipient(acting_user=acting_user, client=client, to=to, team=team)
        label = ReferralTo(to).label
        due = add_working_days(today(), DUE_WORKING_DAYS[ReferralTo(to)])
        referrer = acting_user.get_full_name() or acting_user.get_username()
        try:
            task = people_services.task_create(
                acting_user=acting_user, client=client, assigned_to=assignee, due_date=due,
                title=TITLES[ReferralTo(to)].format(name=client.display_name)[:200],
                details=f"Referred by {referrer}{f' to {team.name}' if team else ''}: {reason}",
            )
        except ApplicationError as exc:  # e.g. the team leader's account is not active
            raise _invalid("to", exc.message) from None
        whom = assignee.get_full_name() or assignee.get_username()
        note = people_services.note_add(
            acting_user=acting_user, client=client, kind=NoteKind.NOTE,
            text=f"Referral to {label.lower()}: {reason}\n\nTask given to {whom}, due {due:%d %B %Y}.",
        )
        referral = Referral(client=client, to=to, reason=reason, team=team, task=task, note=note, made_by=acting_user)
        save_attributed(referral, user=acting_user, reason=f"Referral to {label.lower()}")
    return referral
