"""Forms of the fees pages: check what was typed; the services decide."""

from decimal import Decimal

from django import forms

from deputyship.fees.choices import FeeKind


class FeeRateForm(forms.Form):
    kind = forms.ChoiceField(label="What the rate is for", choices=FeeKind.choices)
    amount = forms.DecimalField(label="Amount (pounds, or per cent for the low-asset percentage)",
                                min_value=Decimal("0"), max_digits=12, decimal_places=2)
    effective_from = forms.DateField(label="In force from (YYYY-MM-DD)")
    source = forms.CharField(label="Source of the figure", max_length=500,
                             help_text="The page or document it comes from, with its date.")


class FeeReverseForm(forms.Form):
    reason = forms.CharField(label="Why is the fee being reversed?", max_length=1000, widget=forms.Textarea)


class FeeChargeForm(forms.Form):
    authority = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=FeeKind.choices, widget=forms.HiddenInput)
    year = forms.IntegerField(min_value=0, max_value=200, widget=forms.HiddenInput)
