"""The form for a new version of the council's charging policy. It checks what was typed; the service
writes."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from charging.policy.terms import AMOUNT, MIG_BANDS, PERCENT
from charging.rates.codes import rate_name
from core.forms import GovUKDateField
from ledger.forms import MoneyField
from people.forms import GovUKForm, ReasonField


def _money(label: str, help_text: str = "") -> MoneyField:
    return MoneyField(label=label, required=False, help_text=help_text)


class PolicyAddForm(GovUKForm):
    """Every choice of the council's charging policy from the day it takes effect (blank: the national rule)."""

    effective_from = GovUKDateField(label="Takes effect from", help_text="For example, 6 4 2026",
                                    error_messages={"required": "Enter the date the policy takes effect"})
    source = forms.CharField(label="Policy document", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Its title and address, e.g. 'Adult Social Care Charging Policy 2025, "
                                       "https://www.council.example/charging-policy'",
                             error_messages={"required": "Say which policy document this comes from"})
    dre_flat = _money("Flat rate disability related expenditure, a week",
                      "Blank for none: itemised DRE only")
    dre_itemised_if_higher = forms.BooleanField(label="Use the itemised DRE where it is more than the flat rate",
                                                required=False, initial=True)
    dre_flat_needs_disability_benefit = forms.BooleanField(
        label="Give the flat rate only to people receiving Attendance Allowance, DLA care or PIP daily living",
        required=False)
    minimum_charge = _money("Minimum weekly charge", "Charges below this are not collected; blank for none")
    charge_percent = forms.DecimalField(label="Share of assessable income charged (%)", required=False,
                                        min_value=Decimal("0.01"), max_value=Decimal("100"), decimal_places=4,
                                        initial=100, help_text="100 unless the council charges less")
    personal_budget_percent = forms.DecimalField(
        label="Most charged, as a share of the personal budget (%)", required=False, min_value=Decimal("0.01"),
        max_value=Decimal("100"), decimal_places=4, initial=100,
        help_text="100 unless the council charges at most a share of the weekly cost of care, e.g. 90")
    pip_night_care_disregard = forms.BooleanField(
        label="Without night care, disregard the night-care part of enhanced PIP daily living", required=False)
    couples_affordability_check = forms.BooleanField(
        label="Couples affordability check: raise the MIG where it and the partner's net income come to less than "
              "the couple's personal allowance for DWP benefits",
        required=False)
    non_residential_ucl = _money("Upper capital limit for care at home", "Blank for the national limit")
    non_residential_lcl = _money("Lower capital limit for care at home", "Blank for the national limit")
    light_touch_income_limit = _money(
        "Light-touch income limit, a week",
        "Only the State Pension and benefits, at most this, and capital at or below the lower limit: no charge. "
        "Blank for none")
    reason = ReasonField(help_text="Kept in the policy's history, e.g. 'Cabinet decision of 12 March 2026'")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for band in MIG_BANDS:  # a local uplift per MIG band, as a percentage or an amount
            self.fields[f"mig_{band}_kind"] = forms.ChoiceField(
                label=f"Local MIG uplift: {rate_name(band)}", required=False,
                choices=[("", "None"), (PERCENT, "Percentage of the national figure"), (AMOUNT, "Amount a week")])
            self.fields[f"mig_{band}_value"] = forms.DecimalField(
                label="Uplift (percentage or pounds)", required=False, min_value=Decimal("0.0001"), decimal_places=4)

    def clean(self):
        data = super().clean()
        for band in MIG_BANDS:
            kind, value = data.get(f"mig_{band}_kind"), data.get(f"mig_{band}_value")
            if kind and value is None:
                self.add_error(f"mig_{band}_value", "Enter the uplift")
            elif value is not None and not kind:
                self.add_error(f"mig_{band}_kind", "Choose a percentage or an amount")
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        uplifts = {band: {"kind": data[f"mig_{band}_kind"], "value": data[f"mig_{band}_value"]}
                   for band in MIG_BANDS if data.get(f"mig_{band}_kind")}
        return {
            "effective_from": data["effective_from"], "source": data["source"], "reason": data["reason"],
            "mig_uplifts": uplifts, "charge_percent": data.get("charge_percent"),
            "personal_budget_percent": data.get("personal_budget_percent"),
            **{name: data.get(name) for name in ("dre_flat", "minimum_charge", "non_residential_ucl",
                                                  "non_residential_lcl", "light_touch_income_limit")},
            **{name: bool(data.get(name)) for name in ("dre_itemised_if_higher", "dre_flat_needs_disability_benefit",
                                                        "pip_night_care_disregard",
                                                        "couples_affordability_check")},
        }
