"""Reads of legal authorities, permissions and bonds."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404

from deputyship.authority.models import LegalAuthority, SecurityBond
from people.selectors import clients_visible_to, today

#: Bonds whose renewal falls within this many days show on the panels (the renewal task falls due 28 days ahead).
BOND_RENEWAL_WINDOW_DAYS = 60


def access_authority(*, user, pk) -> LegalAuthority:
    try:
        return LegalAuthority.objects.select_related("client").get(pk=pk, client__in=clients_visible_to(user=user))
    except (LegalAuthority.DoesNotExist, ValueError, TypeError):
        raise Http404("No such authority") from None


def client_authorities(*, client) -> QuerySet[LegalAuthority]:
    return LegalAuthority.objects.filter(client=client).prefetch_related("permissions", "bonds")


def bonds_renewal_due(*, clients, on: dt.date | None = None) -> QuerySet[SecurityBond]:
    on = on or today()
    return SecurityBond.objects.filter(client__in=clients, ended_on__isnull=True, authority__ends_on__isnull=True,
                                       renewal_on__lte=on + dt.timedelta(days=BOND_RENEWAL_WINDOW_DAYS))
