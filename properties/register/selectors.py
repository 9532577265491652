"""Reading the property register, narrowed to the clients the user may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from people.selectors import clients_visible_to, current_allocations
from properties.register.models import Property


def properties_visible_to(*, user) -> QuerySet[Property]:
    return Property.objects.filter(client__in=clients_visible_to(user=user)).select_related("client")


def access_property(*, user, pk) -> Property:
    """The property, if the user may see its client; otherwise 404, whether it exists or not."""
    try:
        return properties_visible_to(user=user).get(pk=pk)
    except (Property.DoesNotExist, ValueError, TypeError):
        raise Http404("No property found") from None


def properties_of_team(*, team, officer=None, unallocated: bool = False) -> QuerySet[Property]:
    """The properties of the clients ``team`` holds today (one officer's, or those no officer holds)."""
    held = current_allocations().filter(team=team)
    if unallocated:
        held = held.filter(officer__isnull=True)
    elif officer is not None:
        held = held.filter(officer=officer)
    return Property.objects.filter(client__in=held.values("client"))


def properties_of_officer(*, user) -> QuerySet[Property]:
    """The properties of the clients this officer holds in a property team."""
    from people.choices import Service

    held = current_allocations().filter(officer=user, team__service=Service.PROPERTY)
    return Property.objects.filter(client__in=held.values("client"))


def secured_agreements(*, home) -> list:
    """The deferred payment agreements this home secures."""
    from deferred_payments.selectors import agreements_secured_on

    return list(agreements_secured_on(home=home))


def authority_to_sell(*, home):
    """Whether the council may sell the property for its client, and why (an ``AuthorityDecision``)."""
    from deputyship.services import Action, authority_check

    return authority_check(client=home.client, action=Action.SELL_PROPERTY)


def property_team_people(*, client):
    """Who answers for a client's property: ``(officer, leader)``, from the client's current allocation
    to a property team (the officer holding the case, else the team leader; the team's leader). Both
    ``None`` if no property team holds the case."""
    from people.choices import Service
    from people.models import TeamMembership

    allocation = (current_allocations().filter(client=client, team__service=Service.PROPERTY)
                  .select_related("officer", "team").order_by("-start_date", "-id").first())
    if allocation is None:
        return None, None
    leader_row = (TeamMembership.objects.filter(team=allocation.team, is_leader=True, user__is_active=True)
                  .select_related("user").order_by("id").first())
    leader = leader_row.user if leader_row else None
    return allocation.officer or leader, leader or allocation.officer


def property_flags(*, home, on=None) -> list[str]:
    """Everything that needs attention on a property, as sentences: insurance, overdue inspection,
    certificates run out while let."""
    from properties.inspections.selectors import inspection_schedule
    from properties.insurance.selectors import insurance_flags

    flags = insurance_flags(home=home, on=on)
    schedule = inspection_schedule(home=home, on=on)
    if schedule is not None and schedule.overdue:
        flags.append(f"Inspection overdue: due {schedule.due_on:%d %B %Y} ({schedule.days_overdue} days ago).")
    return flags


def property_rows(*, client) -> list[dict]:
    """The client's properties, each with its flags, for the client's tab and summary row."""
    return [{"home": home, "flags": property_flags(home=home)}
            for home in Property.objects.filter(client=client).order_by("id")]
