from __future__ import annotations

from django import forms

from core.forms import GovUKDateField

from people.forms import GovUKForm


class NationalRateForm(GovUKForm):
    starts_on = GovUKDateField(label="Period starts on", help_text="1 January or 1 July, for example 1 7 2025",
                               error_messages={"required": "Give the date the period starts"})
    annual_rate = forms.DecimalField(label="Annual rate (%)", max_digits=6, decimal_places=4,
                                     help_text="The national maximum rate, for example 4.25.",
                                     error_messages={"required": "Give the rate", "invalid": "Give the rate as a number"})
    source = forms.CharField(label="Source", max_length=400,
                             help_text="Where it was published (the OBR report and the council's notice).",
                             error_messages={"required": "Say where the rate was published"})
    reason = forms.CharField(label="Reason", max_length=500, error_messages={"required": "Give a reason"})
