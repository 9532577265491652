"""The form that starts an April uplift. It checks what the team leader typed; the service writes."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from people.forms import GovUKForm


class UpliftStartForm(GovUKForm):
    uplift_date = GovUKDateField(
        label="Date the new rates take effect", help_text="Usually the Monday of the benefit uprating week, like 5 4 2027",
        error_messages={"required": "Enter the date the new rates take effect"})
    other_income_percent = forms.DecimalField(
        label="Percentage other income goes up by", required=False, min_value=0, max_value=100, decimal_places=4,
        help_text="For occupational and private pensions, annuities and other income, like 3.8. Leave blank to keep "
                  "last year's amounts: each person's officer is then given a task to check them",
        error_messages={"invalid": "Enter the percentage as a number, like 3.8",
                        "min_value": "The percentage cannot be less than 0",
                        "max_value": "The percentage cannot be more than 100",
                        "max_decimal_places": "Enter the percentage with at most 4 decimal places"})
    other_income_basis = forms.CharField(
        label="What the percentage is based on", required=False, max_length=300,
        help_text="Shown beside each uprated amount, like 'CPI to September 2025, as most pension schemes use'")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_income_percent"].widget.attrs.update({"class": "govuk-input--width-5",
                                                                 "inputmode": "decimal", "suffix": "%"})

    def clean(self):
        data = super().clean()
        percent, basis = data.get("other_income_percent"), (data.get("other_income_basis") or "").strip()
        if percent is not None and not basis:
            self.add_error("other_income_basis", "Say what the percentage is based on")
        if percent is None and basis and "other_income_percent" not in self.errors:
            self.add_error("other_income_percent", "Enter the percentage, or leave both blank")
        return data
