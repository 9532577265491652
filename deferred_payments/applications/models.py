"""An application for a deferred payment agreement: the home, the person's share of it, its valuation,
their other capital, the answers to the eligibility test (Care and Support (Deferred Payment)
Regulations 2014 reg 2) and the disposable income allowance they chose. One per agreement: the
agreement row exists from the first enquiry, so its reference follows the case from start to end."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited

__all__ = ["Application"]


class Application(models.Model):
    agreement = models.OneToOneField("deferred_payments.Agreement", on_delete=models.PROTECT,
                                     related_name="application")
    enquiry_on = models.DateField(help_text="When the person (or someone for them) first asked.")
    applied_on = models.DateField(null=True, blank=True, help_text="When the application was made.")
    share_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True,
                                        help_text="The person's share of the home, in per cent.")
    valuation_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    valuation_on = models.DateField(null=True, blank=True)
    valuer = models.CharField(max_length=120, blank=True, default="")
    other_capital = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                        help_text="Capital other than the home.")
    # The eligibility test's answers (reg 2); the capital test is worked out from other_capital.
    needs_met_in_care_home = models.BooleanField(null=True)
    owns_main_or_only_home = models.BooleanField(null=True)
    home_value_disregarded = models.BooleanField(null=True)
    first_charge_possible = models.BooleanField(null=True)
    agrees_to_terms = models.BooleanField(null=True)
    disposable_income_allowance = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True,
        help_text="What the person chose to keep from their income each week (up to the policy's maximum).")
    representative_name = models.CharField(max_length=120, blank=True, default="",
                                           help_text="Who acts for the person, if anyone (attorney or deputy).")
    care_home_name = models.CharField(max_length=120, blank=True, default="",
                                      help_text="The care home, where it is a party to the agreement.")
    refused_reason = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-enquiry_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(share_percent__isnull=True)
                                   | Q(share_percent__gt=0, share_percent__lte=100), name="dpa_application_share_range"),
            models.CheckConstraint(condition=Q(valuation_value__isnull=True) | Q(valuation_value__gte=0),
                                   name="dpa_application_value_not_negative"),
            models.CheckConstraint(condition=Q(other_capital__isnull=True) | Q(other_capital__gte=0),
                                   name="dpa_application_capital_not_negative"),
            models.CheckConstraint(condition=Q(disposable_income_allowance__isnull=True)
                                   | Q(disposable_income_allowance__gte=0), name="dpa_application_dia_not_negative"),
            models.CheckConstraint(condition=Q(valuation_value__isnull=True)
                                   | (Q(valuation_on__isnull=False) & ~Q(valuer="")),
                                   name="dpa_application_valuation_whole"),
            models.CheckConstraint(condition=Q(applied_on__isnull=True) | Q(applied_on__gte=models.F("enquiry_on")),
                                   name="dpa_application_after_enquiry"),
        ]

    def __str__(self):
        return f"Application for {self.agreement.reference}"
