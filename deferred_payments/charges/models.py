"""The legal charge that secures the agreement: asked of legal services, registered at HM Land Registry
against the home's title, confirmed; or, until then, an interim arrangement a team leader approved.
Nothing is deferred before one of them (``Agreement.deferral_allowed_from``). And the yearly check that
the home is insured and kept up, one task per agreement per year."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited

__all__ = ["InsuranceCheck", "LegalCharge"]

#: HM Land Registry title numbers: a county prefix of letters then a sequential number, e.g. "NYK123456",
#: "MS123456", "P7073" (HM Land Registry blog, "History lesson: the evolution of Land Registry title
#: numbers", blog.landregistry.gov.uk; FOI reply "Method for generating identifiers", whatdotheyknow.com).
TITLE_NUMBER_PATTERN = r"^[A-Z]{1,3}[0-9]{1,6}$"


class LegalCharge(models.Model):
    agreement = models.OneToOneField("deferred_payments.Agreement", on_delete=models.PROTECT,
                                     related_name="legal_charge")
    requested_on = models.DateField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    request_task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title_number = models.CharField(max_length=9, blank=True, default="")
    registered_on = models.DateField(null=True, blank=True, help_text="The date of registration at HM Land Registry.")
    confirmed_on = models.DateField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    interim_approved_on = models.DateField(null=True, blank=True)
    interim_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                            blank=True, related_name="+")
    interim_note = models.TextField(blank=True, default="")
    release_task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", help_text="The task for legal services to remove the charge.")

    history = audited()

    class Meta:
        ordering = ["-requested_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(title_number="") | Q(title_number__regex=TITLE_NUMBER_PATTERN),
                                   name="dpa_charge_title_number_format"),
            models.CheckConstraint(
                condition=Q(confirmed_on__isnull=True, confirmed_by__isnull=True)
                | (Q(confirmed_on__isnull=False, confirmed_by__isnull=False, registered_on__isnull=False)
                   & ~Q(title_number="")),
                name="dpa_charge_confirmed_when_registered"),
            models.CheckConstraint(condition=Q(registered_on__isnull=True) | Q(registered_on__gte=F("requested_on")),
                                   name="dpa_charge_registered_after_request"),
            models.CheckConstraint(condition=Q(confirmed_on__isnull=True) | Q(confirmed_on__gte=F("registered_on")),
                                   name="dpa_charge_confirmed_after_registration"),
            models.CheckConstraint(
                condition=Q(interim_approved_on__isnull=True, interim_approved_by__isnull=True)
                | (Q(interim_approved_on__isnull=False, interim_approved_by__isnull=False) & ~Q(interim_note="")),
                name="dpa_charge_interim_approved_whole"),
        ]

    def __str__(self):
        return f"Legal charge for {self.agreement.reference}"


class InsuranceCheck(models.Model):
    """The yearly check that the home is insured and maintained: one task per agreement per year."""

    agreement = models.ForeignKey("deferred_payments.Agreement", on_delete=models.PROTECT,
                                  related_name="insurance_checks")
    year = models.PositiveSmallIntegerField()
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["agreement", "-year"]
        constraints = [models.UniqueConstraint(fields=["agreement", "year"], name="dpa_insurance_check_once_a_year")]
