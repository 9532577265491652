"""Reading lettings: the certificates in force, whether a property may be let, the rent account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from properties.lettings import rules_of_law
from properties.lettings.choices import CertificateKind
from properties.lettings.models import Certificate, Tenancy


def current_certificate(*, home, kind: str, on: dt.date | None = None) -> Certificate | None:
    """The latest certificate of ``kind`` in date on ``on``."""
    on = on or timezone.localdate()
    return (Certificate.objects.filter(home=home, kind=kind, checked_on__lte=on, expires_on__gt=on)
            .order_by("-checked_on", "-id").first())


def letting_refusals(*, home, on: dt.date) -> list[str]:
    """Why the property may not be let from ``on`` (nothing if it may)."""
    reasons = []
    if home.has_gas_supply and current_certificate(home=home, kind=CertificateKind.GAS, on=on) is None:
        reasons.append("There is no gas safety record in date (Gas Safety (Installation and Use) Regulations 1998, "
                       "reg 36).")
    if current_certificate(home=home, kind=CertificateKind.EICR, on=on) is None:
        reasons.append("There is no electrical installation condition report in date (Electrical Safety Standards "
                       "in the Private Rented Sector (England) Regulations 2020).")
    epc = current_certificate(home=home, kind=CertificateKind.EPC, on=on)
    if epc is None:
        reasons.append("There is no energy performance certificate in date.")
    elif epc.rating not in rules_of_law.LETTABLE_RATINGS:
        reasons.append(f"The EPC rating is {epc.rating}: a property rated F or G cannot be let (Energy Efficiency "
                       "(Private Rented Property) (England and Wales) Regulations 2015).")
    return reasons


def certificates_expiring(properties: QuerySet, *, on: dt.date | None = None, within_days: int = 60) -> QuerySet:
    """The latest certificates of the properties that run out within ``within_days`` (or have run out
    while the property is let)."""
    on = on or timezone.localdate()
    latest = Certificate.objects.filter(home__in=properties).order_by("home_id", "kind", "-checked_on", "-id") \
        .distinct("home_id", "kind").values("pk")
    return Certificate.objects.filter(pk__in=latest, expires_on__lte=on + dt.timedelta(days=within_days)) \
        .select_related("home__client").order_by("expires_on")


def live_tenancy(*, home, on: dt.date | None = None) -> Tenancy | None:
    on = on or timezone.localdate()
    return (Tenancy.objects.filter(home=home, starts_on__lte=on).exclude(ends_on__lte=on)
            .order_by("-starts_on").first())


@dataclass(frozen=True)
class RentAccount:
    tenancy: Tenancy
    due: list[tuple[dt.date, Decimal]]
    received: Decimal

    @property
    def due_total(self) -> Decimal:
        return sum((amount for _day, amount in self.due), Decimal("0"))

    @property
    def arrears(self) -> Decimal:
        return max(Decimal("0"), self.due_total - self.received)


def rent_account(*, tenancy: Tenancy, on: dt.date | None = None) -> RentAccount:
    """Rent due to ``on`` (each due day at the rent in force then, after reviews) against rent received."""
    on = on or timezone.localdate()
    reviews = list(tenancy.reviews.order_by("reviewed_on", "id"))
    due = []
    for day in rules_of_law.rent_due_dates(starts_on=tenancy.starts_on, frequency=tenancy.rent_frequency, until=on,
                                           ends_on=tenancy.ends_on):
        rent = tenancy.rent
        for review in reviews:
            if review.reviewed_on <= day:
                rent = review.new_rent
        due.append((day, rent))
    received = tenancy.receipts.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    return RentAccount(tenancy=tenancy, due=due, received=received)
