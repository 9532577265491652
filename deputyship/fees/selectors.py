"""Reading fees: the rate table, the fees charged, and the scheduled fees due but not yet charged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from deputyship.authority.choices import AuthorityKind
from deputyship.authority.models import LegalAuthority
from deputyship.fees.calculator import anniversary
from deputyship.fees.choices import FeeKind, FeeStatus
from deputyship.fees.models import FeeCharge, FeeRate, OpgFeePayment
from people.choices import Service
from people.selectors import clients_visible_to, current_allocations, today

LATE_AFTER = dt.timedelta(days=365)


def rates_with_history() -> QuerySet[FeeRate]:
    return FeeRate.objects.select_related("recorded_by").order_by("kind", "-effective_from")


def rates_in_force(on: dt.date | None = None) -> list[FeeRate]:
    on = on or today()
    found: dict[str, FeeRate] = {}
    for rate in FeeRate.objects.filter(effective_from__lte=on).order_by("kind", "effective_from"):
        found[rate.kind] = rate
    return [found[kind] for kind in FeeKind.values if kind in found]


def charges_visible_to(*, user) -> QuerySet[FeeCharge]:
    return (FeeCharge.objects.filter(client__in=clients_visible_to(user=user))
            .select_related("client", "authority", "transaction"))


def opg_fees_visible_to(*, user) -> QuerySet[OpgFeePayment]:
    """The OPG's invoices paid (or recorded as exempt) for the clients the user may see, newest first."""
    return (OpgFeePayment.objects.filter(client__in=clients_visible_to(user=user))
            .select_related("client", "payment").order_by("-paid_at", "-pk"))


@dataclass(frozen=True)
class Outstanding:
    """A scheduled fee fallen due and not charged: the job could not (no rate, not enough money) or may not
    (more than a year late: the court's permission is needed)."""

    authority: LegalAuthority
    kind: str
    year: int
    due_on: dt.date
    late: bool

    @property
    def label(self) -> str:
        return FeeKind(self.kind).label if self.kind in FeeKind.values else "Appointeeship fee"


def fees_outstanding(*, user, on: dt.date | None = None, team=None, officer=None,
                     unassigned=False) -> list[Outstanding]:
    """Scheduled fees due by ``on`` and not charged, for the clients the user may see (narrowed to a team's,
    an officer's or the unallocated cases for a dashboard). Three queries, whatever the number of orders."""
    on = on or today()
    authorities = (LegalAuthority.objects.filter(client__in=clients_visible_to(user=user), made_on__lte=on)
                   .exclude(ends_on__lt=on - LATE_AFTER).select_related("client"))
    if team is not None:
        held = current_allocations().filter(team=team, service=Service.CLIENT_AFFAIRS)
        if officer is not None:
            held = held.filter(officer=officer)
        elif unassigned:
            held = held.filter(officer__isnull=True)
        authorities = authorities.filter(client__in=held.values("client"))
    authorities = list(authorities)
    charged: dict[int, set] = {}
    for authority_id, kind, year in FeeCharge.objects.filter(
            authority__in=authorities, status=FeeStatus.CHARGED).values_list("authority_id", "kind", "year"):
        charged.setdefault(authority_id, set()).add((kind, year))
    found = []
    for authority in authorities:
        done = charged.get(authority.pk, set())
        last = on if authority.ends_on is None else min(on, authority.ends_on)
        year = 0 if authority.kind == AuthorityKind.DEPUTY else 1
        while True:
            due_on = authority.made_on if year == 0 else anniversary(authority.made_on, year)
            if due_on > last:
                break
            if authority.kind == AuthorityKind.DEPUTY:
                kind = (FeeKind.ORDER_WORK if year == 0 else
                        FeeKind.ANNUAL_MANAGEMENT_FIRST if year == 1 else FeeKind.ANNUAL_MANAGEMENT_LATER)
                is_done = (kind, year) in done
            else:
                kind = "appointeeship"
                is_done = ((FeeKind.APPOINTEESHIP_COMMUNITY, year) in done
                           or (FeeKind.APPOINTEESHIP_RESIDENTIAL, year) in done)
            if not is_done:
                found.append(Outstanding(authority, kind, year, due_on, on - due_on > LATE_AFTER))
            year += 1
    found.sort(key=lambda o: (o.due_on, o.authority.pk))
    return found
