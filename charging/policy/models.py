"""The council's charging policy, effective-dated like the rates: each version from the day it takes
effect, with the policy document it comes from, and every change in its history with who and why.

Only :mod:`charging.policy.services` writes this table; :mod:`charging.policy.selectors` reads it and
gives the calculator a :class:`charging.policy.terms.CouncilPolicy`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from core.history import audited


def _plain(value):
    """A percentage without its trailing zeros, never in exponent form (90, not 9E+1 or 90.0000)."""
    if value is None:
        return None
    value = value.normalize()
    return value.quantize(1) if value.as_tuple().exponent > 0 else value


class CouncilPolicyVersion(models.Model):
    """The council's choices from ``effective_from`` until the next version takes effect. Blank
    figures mean the national rule (no local choice). See :class:`charging.policy.terms.CouncilPolicy`
    for what each field does."""

    effective_from = models.DateField(unique=True)
    source = models.TextField(help_text="The policy document: title and address.")
    mig_uplifts = models.JSONField(default=dict, blank=True)
    dre_flat = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    dre_itemised_if_higher = models.BooleanField(default=True)
    dre_flat_needs_disability_benefit = models.BooleanField(default=False)
    minimum_charge = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    charge_percent = models.DecimalField(max_digits=7, decimal_places=4, default=100)
    personal_budget_percent = models.DecimalField(max_digits=7, decimal_places=4, default=100)
    pip_night_care_disregard = models.BooleanField(default=False)
    couples_affordability_check = models.BooleanField(default=False)
    non_residential_ucl = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    non_residential_lcl = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    light_touch_income_limit = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["effective_from"]
        constraints = [
            models.CheckConstraint(condition=~Q(source=""), name="charging_policy_source_given"),
            models.CheckConstraint(condition=Q(charge_percent__gt=0) & Q(charge_percent__lte=100),
                                   name="charging_policy_charge_percent_range"),
            models.CheckConstraint(condition=Q(personal_budget_percent__gt=0) & Q(personal_budget_percent__lte=100),
                                   name="charging_policy_personal_budget_percent_range"),
            models.CheckConstraint(
                condition=Q(non_residential_ucl__isnull=True) | Q(non_residential_lcl__isnull=True)
                | Q(non_residential_lcl__lte=models.F("non_residential_ucl")),
                name="charging_policy_limits_ordered"),
        ]

    def __str__(self):
        return f"Charging policy from {self.effective_from:%d %B %Y}"

    def terms(self):
        from charging.policy.terms import CouncilPolicy

        return CouncilPolicy.from_dict({
            "effective_from": self.effective_from.isoformat(), "source": self.source,
            "mig_uplifts": self.mig_uplifts or {}, "dre_flat": self.dre_flat,
            "dre_itemised_if_higher": self.dre_itemised_if_higher, "minimum_charge": self.minimum_charge,
            "dre_flat_needs_disability_benefit": self.dre_flat_needs_disability_benefit,
            "charge_percent": _plain(self.charge_percent),
            "personal_budget_percent": _plain(self.personal_budget_percent),
            "pip_night_care_disregard": self.pip_night_care_disregard,
            "couples_affordability_check": self.couples_affordability_check,
            "non_residential_ucl": self.non_residential_ucl, "non_residential_lcl": self.non_residential_lcl,
            "light_touch_income_limit": self.light_touch_income_limit,
        })
