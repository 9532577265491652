"""Letting a client's property: tenancies with their rent and deposit, rent received into the client's
money, rent reviews against the market rent, and the landlord's safety and energy certificates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from properties.lettings.choices import CertificateKind, DepositScheme, EnergyRating, ReminderKind, RentFrequency

__all__ = ["Certificate", "CertificateReminder", "RentReceipt", "RentReview", "Tenancy"]


class Tenancy(models.Model):
    """A letting of the property to a tenant: the rent and how often it is due, the dates, the deposit
    and the scheme protecting it."""

    home = models.ForeignKey("properties.Property", on_delete=models.PROTECT, related_name="tenancies")
    tenant = models.CharField(max_length=200)
    rent = models.DecimalField(max_digits=10, decimal_places=2)
    rent_frequency = models.CharField(max_length=12, choices=RentFrequency.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    deposit = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    deposit_received_on = models.DateField(null=True, blank=True)
    deposit_scheme = models.CharField(max_length=12, choices=DepositScheme.choices, blank=True, default="")
    deposit_protected_on = models.DateField(null=True, blank=True)
    deposit_reference = models.CharField(max_length=60, blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name_plural = "tenancies"
        constraints = [
            models.CheckConstraint(condition=Q(rent__gt=0), name="tenancy_rent_positive"),
            models.CheckConstraint(condition=Q(deposit__gte=0), name="tenancy_deposit_not_negative"),
            models.CheckConstraint(condition=Q(rent_frequency__in=RentFrequency.values), name="tenancy_frequency_valid"),
            models.CheckConstraint(condition=Q(deposit_scheme="") | Q(deposit_scheme__in=DepositScheme.values),
                                   name="tenancy_deposit_scheme_valid"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                                   name="tenancy_ends_after_start"),
            models.CheckConstraint(condition=Q(deposit_protected_on__isnull=True) | ~Q(deposit_scheme=""),
                                   name="tenancy_protected_with_scheme"),
        ]

    def __str__(self):
        return f"{self.tenant} from {self.starts_on:%d %B %Y}"

    @property
    def client(self):
        return self.home.client


class RentReceipt(models.Model):
    """Rent received for a tenancy, posted to the client's money as rental income."""

    tenancy = models.ForeignKey(Tenancy, on_delete=models.PROTECT, related_name="receipts")
    received_on = models.DateField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    transaction = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["received_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="rent_receipt_positive")]


class RentReview(models.Model):
    """A review of the rent against the market rent, and the rent decided."""

    tenancy = models.ForeignKey(Tenancy, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    market_rent = models.DecimalField(max_digits=10, decimal_places=2)
    new_rent = models.DecimalField(max_digits=10, decimal_places=2)
    note = models.CharField(max_length=1000, blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["reviewed_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(market_rent__gt=0) & Q(new_rent__gt=0),
                                              name="rent_review_amounts_positive")]


class Certificate(models.Model):
    """A landlord's certificate: a gas safety record, an EICR or an EPC, with the check date, when it
    runs out, the EPC's rating, when the tenant was given a copy and, for an EICR, remedial work."""

    home = models.ForeignKey("properties.Property", on_delete=models.PROTECT, related_name="certificates")
    kind = models.CharField(max_length=6, choices=CertificateKind.choices)
    checked_on = models.DateField()
    expires_on = models.DateField()
    rating = models.CharField(max_length=1, choices=EnergyRating.choices, blank=True, default="")
    engineer = models.CharField(max_length=200, blank=True, default="")
    reference = models.CharField(max_length=60, blank=True, default="")
    copy_to_tenant_on = models.DateField(null=True, blank=True)
    remedial_work_needed = models.BooleanField(default=False)
    remedial_done_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["kind", "-checked_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=CertificateKind.values), name="certificate_kind_valid"),
            models.CheckConstraint(condition=Q(expires_on__gt=models.F("checked_on")),
                                   name="certificate_expires_after_check"),
            models.CheckConstraint(condition=~Q(kind=CertificateKind.EPC) | Q(rating__in=EnergyRating.values),
                                   name="certificate_epc_has_rating"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.checked_on:%d %B %Y}"

    @property
    def client(self):
        return self.home.client


class CertificateReminder(models.Model):
    """A task made ahead of a certificate's deadline (expiry, copy to the tenant, remedial work): one
    per certificate and kind, so the daily job never makes it twice."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["certificate", "kind"], name="certificate_reminder_once"),
            models.CheckConstraint(condition=Q(kind__in=ReminderKind.values), name="certificate_reminder_kind"),
        ]
