"""Writing lettings: certificates, tenancies (refused on a property that may not be let), rent received
into the client's money, rent reviews, and the daily certificate reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.history import save_attributed
from core.rules import require
from properties.lettings import rules_of_law
from properties.lettings.choices import CertificateKind, DepositScheme, EnergyRating, ReminderKind, RentFrequency
from properties.lettings.models import Certificate, CertificateReminder, RentReceipt, RentReview, Tenancy
from properties.lettings.selectors import certificates_expiring, letting_refusals, live_tenancy
from properties.register.choices import Occupancy
from properties.register.models import Property
from properties.register.selectors import property_team_people
from properties.register.services import PropertyError, occupancy_change


def certificate_notice_days() -> int:
    """How long before a certificate runs out its renewal task is made (``PROPERTY_CERTIFICATE_NOTICE_DAYS``):
    the council's own choice, not a figure from the regulations."""
    return int(getattr(settings, "PROPERTY_CERTIFICATE_NOTICE_DAYS", 30))


def _invalid(field: str, message: str) -> PropertyError:
    return PropertyError(message, extra={field: [message]})


def certificate_record(*, acting_user, home, kind: str, checked_on: dt.date, rating: str = "", engineer: str = "",
                       reference: str = "", copy_to_tenant_on: dt.date | None = None,
                       remedial_work_needed: bool = False, reason: str = "Certificate recorded") -> Certificate:
    """Record a gas safety record, EICR or EPC: it runs out 12 months, 5 years or 10 years after the
    check (:mod:`properties.lettings.rules_of_law`)."""
    require(acting_user, "properties.work_client", home.client)
    if kind not in CertificateKind.values:
        raise _invalid("kind", "Choose the kind of certificate.")
    today = timezone.localdate()
    if checked_on is None or checked_on > today:
        raise _invalid("checked_on", "Enter the date of the check (not in the future).")
    if kind == CertificateKind.EPC and rating not in EnergyRating.values:
        raise _invalid("rating", "Enter the EPC's rating, A to G.")
    if kind != CertificateKind.EPC:
        rating = ""
    if copy_to_tenant_on and (copy_to_tenant_on < checked_on or copy_to_tenant_on > today):
        raise _invalid("copy_to_tenant_on", "The copy is given on or after the check, and not in the future.")
    certificate = Certificate(home=home, kind=kind, checked_on=checked_on,
                              expires_on=rules_of_law.expires_on(kind, checked_on), rating=rating,
                              engineer=(engineer or "").strip()[:200], reference=(reference or "").strip()[:60],
                              copy_to_tenant_on=copy_to_tenant_on,
                              remedial_work_needed=bool(remedial_work_needed) and kind == CertificateKind.EICR,
                              recorded_by=acting_user)
    save_attributed(certificate, user=acting_user, reason=reason)
    return certificate


def certificate_copy_given(*, acting_user, certificate: Certificate, given_on: dt.date) -> Certificate:
    require(acting_user, "properties.work_client", certificate.home.client)
    if given_on < certificate.checked_on or given_on > timezone.localdate():
        raise _invalid("given_on", "The copy is given on or after the check, and not in the future.")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        certificate.copy_to_tenant_on = given_on
        save_attributed(certificate, user=acting_user, reason="Copy given to the tenant")
    return certificate


def tenancy_start(*, acting_user, home: Property, tenant: str, rent: Decimal, rent_frequency: str, starts_on: dt.date,
                  ends_on: dt.date | None = None, deposit: Decimal = Decimal("0"),
                  deposit_received_on: dt.date | None = None, deposit_scheme: str = "",
                  deposit_protected_on: dt.date | None = None, deposit_reference: str = "",
                  reason: str = "Tenancy started") -> Tenancy:
    """Let the property. Refused, with the reasons, without a gas safety record in date (where there is
    gas), an EICR in date and an EPC rated E or better; or while another tenancy runs. The property is
    recorded as let from the start."""
    require(acting_user, "properties.work_client", home.client)
    tenant = (tenant or "").strip()
    if not tenant:
        raise _invalid("tenant", "Enter the tenant's name.")
    if rent is None or Decimal(rent) <= 0:
        raise _invalid("rent", "The rent must be more than £0.")
    if rent_frequency not in RentFrequency.values:
        raise _invalid("rent_frequency", "Choose how often the rent is due.")
    if starts_on is None:
        raise _invalid("starts_on", "Enter the start date.")
    if ends_on is not None and ends_on <= starts_on:
        raise _invalid("ends_on", "The end date must be after the start date.")
    deposit = Decimal(deposit or 0)
    if deposit < 0:
        raise _invalid("deposit", "The deposit cannot be less than £0.")
    if deposit_scheme and deposit_scheme not in DepositScheme.values:
        raise _invalid("deposit_scheme", "Choose one of the three government-backed schemes.")
    if deposit_protected_on and not deposit_scheme:
        raise _invalid("deposit_scheme", "Say which scheme protects the deposit.")
    if home.occupancy == Occupancy.SOLD:
        raise _invalid("starts_on", "The property has been sold.")
    refusals = letting_refusals(home=home, on=starts_on)
    if refusals:
        raise PropertyError("The property cannot be let: " + " ".join(refusals), extra={"starts_on": refusals})
    with transaction.atomic():
        Property.objects.select_for_update().get(pk=home.pk)
        if live_tenancy(home=home, on=starts_on) is not None:
            raise _invalid("starts_on", "Another tenancy is running on that date.")
        tenancy = Tenancy(home=home, tenant=tenant[:200], rent=Decimal(rent).quantize(Decimal("0.01")),
                          rent_frequency=rent_frequency, starts_on=starts_on, ends_on=ends_on,
                          deposit=deposit.quantize(Decimal("0.01")), deposit_received_on=deposit_received_on,
                          deposit_scheme=deposit_scheme, deposit_protected_on=deposit_protected_on,
                          deposit_reference=(deposit_reference or "").strip()[:60], recorded_by=acting_user)
        save_attributed(tenancy, user=acting_user, reason=reason)
        if starts_on <= timezone.localdate() and home.occupancy != Occupancy.LET:
            occupancy_change(acting_user=acting_user, home=home, occupancy=Occupancy.LET, since=starts_on,
                             note=f"Let to {tenant}", reason=reason)
    return tenancy


def deposit_unprotected(tenancy: Tenancy, *, on: dt.date) -> bool:
    """The deposit was received more than 30 days ago and is not protected."""
    return bool(tenancy.deposit and tenancy.deposit_received_on and not tenancy.deposit_protected_on
                and on > rules_of_law.deposit_protect_by(tenancy.deposit_received_on))


def rent_receipt_record(*, acting_user, tenancy: Tenancy, amount: Decimal, received_on: dt.date,
                        idempotency_key: str) -> RentReceipt:
    """Rent received for a tenancy: into the client's money as rental income (OPG money-in category),
    once per ``idempotency_key``. Recorded by the client affairs team that holds the client's money."""
    from ledger.choices import MoneyInCategory
    from ledger.client_money import client_receipt_record

    # Money into the client's account is recorded by the client affairs team that holds the client's money
    # (ledger.record_client_money, checked by client_receipt_record); the property team need only see it.
    require(acting_user, "properties.view_client", tenancy.home.client)
    if amount is None or Decimal(amount) <= 0:
        raise _invalid("amount", "The rent received must be more than £0.")
    if received_on is None or received_on > timezone.localdate():
        raise _invalid("received_on", "Enter the day it was received (not in the future).")
    with transaction.atomic():
        posted = client_receipt_record(acting_user=acting_user, client=tenancy.home.client, amount=amount,
                                       effective_date=received_on, category=MoneyInCategory.RENTAL_INCOME,
                                       memo=f"Rent from {tenancy.tenant}, {tenancy.home.address_line_1}",
                                       idempotency_key=f"property-rent:{tenancy.pk}:{idempotency_key}")
        existing = RentReceipt.objects.filter(transaction=posted).first()
        if existing is not None:
            return existing
        receipt = RentReceipt(tenancy=tenancy, received_on=received_on, amount=Decimal(amount).quantize(Decimal("0.01")),
                              transaction=posted, recorded_by=acting_user)
        save_attributed(receipt, user=acting_user, reason="Rent received")
    return receipt


def rent_review_record(*, acting_user, tenancy: Tenancy, reviewed_on: dt.date, market_rent: Decimal,
                       new_rent: Decimal, note: str = "") -> RentReview:
    """A review of the rent against the market rent; the new rent applies to rent due from that day. A
    rent set below the market rent needs a note saying why (the client's rent is let at market rate)."""
    require(acting_user, "properties.work_client", tenancy.home.client)
    if reviewed_on is None or reviewed_on > timezone.localdate():
        raise _invalid("reviewed_on", "Enter the date of the review (not in the future).")
    if market_rent is None or Decimal(market_rent) <= 0:
        raise _invalid("market_rent", "Enter the market rent (more than £0).")
    if new_rent is None or Decimal(new_rent) <= 0:
        raise _invalid("new_rent", "Enter the rent decided (more than £0).")
    if Decimal(new_rent) < Decimal(market_rent) and not (note or "").strip():
        raise _invalid("note", "The rent is below the market rent: say why.")
    review = RentReview(tenancy=tenancy, reviewed_on=reviewed_on, market_rent=Decimal(market_rent),
                        new_rent=Decimal(new_rent), note=(note or "").strip()[:1000], recorded_by=acting_user)
    save_attributed(review, user=acting_user, reason="Rent reviewed")
    return review


def _remind(certificate: Certificate, kind: str, *, title: str, due_date: dt.date, on: dt.date) -> bool:
    from people.services import task_create

    if CertificateReminder.objects.filter(certificate=certificate, kind=kind).exists():
        return False
    officer, _leader = property_team_people(client=certificate.home.client)
    if officer is None:
        return False
    with transaction.atomic():
        task = task_create(acting_user=officer, assigned_to=officer, client=certificate.home.client,
                           subject=certificate, due_date=max(on, due_date), title=title)
        save_attributed(CertificateReminder(certificate=certificate, kind=kind, task=task), user=officer,
                        reason="Certificate reminder made")
    return True


def certificate_reminders_create(*, on: dt.date) -> dict[str, int]:
    """Tasks ahead of each latest certificate's expiry, for a copy not yet given to the tenant of a let
    property (28 days from the check), and for EICR remedial work (28 days); each once."""
    made = {kind: 0 for kind in ReminderKind.values}
    for certificate in certificates_expiring(Property.objects.exclude(occupancy=Occupancy.SOLD), on=on,
                                             within_days=certificate_notice_days()):
        made[ReminderKind.EXPIRY] += _remind(
            certificate, ReminderKind.EXPIRY, due_date=certificate.expires_on - dt.timedelta(days=1), on=on,
            title=f"Renew the {certificate.get_kind_display().lower()} for {certificate.home.address_line_1} "
                  f"(runs out {certificate.expires_on:%d %B %Y})")
    let = Certificate.objects.filter(home__occupancy=Occupancy.LET, copy_to_tenant_on__isnull=True,
                                     kind__in=[CertificateKind.GAS, CertificateKind.EICR], expires_on__gt=on)
    for certificate in let.select_related("home__client"):
        made[ReminderKind.COPY] += _remind(
            certificate, ReminderKind.COPY, due_date=rules_of_law.copy_due_on(certificate.checked_on), on=on,
            title=f"Give the tenant of {certificate.home.address_line_1} a copy of the "
                  f"{certificate.get_kind_display().lower()} by {rules_of_law.copy_due_on(certificate.checked_on):%d %B %Y}")
    remedial = Certificate.objects.filter(kind=CertificateKind.EICR, remedial_work_needed=True,
                                          remedial_done_on__isnull=True)
    for certificate in remedial.select_related("home__client"):
        made[ReminderKind.REMEDIAL] += _remind(
            certificate, ReminderKind.REMEDIAL, due_date=rules_of_law.remedial_due_on(certificate.checked_on), on=on,
            title=f"Remedial electrical work at {certificate.home.address_line_1} due by "
                  f"{rules_of_law.remedial_due_on(certificate.checked_on):%d %B %Y}")
    return made
