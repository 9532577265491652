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
