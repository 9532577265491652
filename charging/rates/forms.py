"""The form for a new figure for a rate. It checks what the team leader typed; the service writes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from charging.rates.codes import RATE_CHOICES
from core.forms import GovUKDateField
from people.forms import GovUKForm, ReasonField


class RateAddForm(GovUKForm):
    """A new figure for a rate from the day it takes effect, with its source and the reason."""

    code = forms.ChoiceField(label="Rate", choices=[("", "Choose a rate"), *RATE_CHOICES],
                             error_messages={"required": "Choose a rate", "invalid_choice": "Choose a rate"})
    amount = forms.CharField(label="Figure", max_length=20,
                             help_text="Pounds and pence for amounts (like 31.80); a percentage for rates "
                                       "(like 4.75)",
                             error_messages={"required": "Enter the figure"})
    effective_from = GovUKDateField(label="Takes effect from", help_text="For example, 5 4 2027",
                                    error_messages={"required": "Enter the date the figure takes effect"})
    effective_to = GovUKDateField(label="Ends on", required=False,
                                  help_text="Only if the figure is known to end with nothing yet to replace it")
    source = forms.CharField(label="Source", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Where the figure comes from, e.g. 'DHSC LAC(DHSC)(2027)1, annex A'",
                             error_messages={"required": "Say where the figure comes from"})
    reason = ReasonField(help_text="Kept in the rate's history, e.g. 'April 2027 uprating'")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].widget.attrs.update({"class": "govuk-input--width-10", "inputmode": "decimal",
                                                   "autocomplete": "off"})

    def clean_amount(self):
        text = self.cleaned_data["amount"].strip().replace("£", "").replace(",", "").replace("%", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValidationError("Enter the figure as a number, like 31.80") from None
        if not value.is_finite():
            raise ValidationError("Enter the figure as a number, like 31.80")
        return value
