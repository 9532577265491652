"""Reads of repairs, narrowed to the clients the user may see (``access_*`` 404s alike for missing and
forbidden records)."""

from __future__ import annotations

from django.http import Http404

from people.choices import Service
from people.selectors import clients_visible_to, current_allocations
from properties.register.models import Property
from properties.repairs.choices import OPEN_STATUSES, RepairStatus
from properties.repairs.models import Repair


def homes_visible_to(*, user):
    return Property.objects.filter(client__in=clients_visible_to(user=user))


def access_home(*, user, pk) -> Property:
    home = homes_visible_to(user=user).select_related("client").filter(pk=pk).first()
    if home is None:
        raise Http404("No property found.")
    return home


def in_scope(queryset, scope, path: str):
    """Narrow ``queryset`` (rows reaching a client by ``path``) to a dashboard scope's cases."""
    if scope is None:
        return queryset
    held = current_allocations().filter(team=scope.team, service=Service.PROPERTY)
    if scope.unallocated:
        held = held.filter(officer__isnull=True)
    elif scope.officer is not None:
        held = held.filter(officer=scope.officer)
    return queryset.filter(**{f"{path}__in": held.values("client")})


def repairs_visible_to(*, user):
    return (Repair.objects.filter(home__in=homes_visible_to(user=user))
            .select_related("home__client", "approval_requested_by", "approved_by", "payment"))


def access_repair(*, user, pk) -> Repair:
    repair = repairs_visible_to(user=user).filter(pk=pk).prefetch_related("quotes").first()
    if repair is None:
        raise Http404("No repair found.")
    return repair


def repairs_awaiting_approval(*, user, scope=None):
    found = repairs_visible_to(user=user).filter(status=RepairStatus.AWAITING_APPROVAL)
    return in_scope(found, scope, "home__client")


def repairs_overdue(*, user, on, scope=None):
    found = repairs_visible_to(user=user).filter(status__in=OPEN_STATUSES, due_by__lt=on)
    return in_scope(found, scope, "home__client")
