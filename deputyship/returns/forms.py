"""Forms of the court return pages: check what was typed; the services decide."""

from decimal import Decimal

from django import forms

from deputyship.returns.choices import EntryKind

INVOLVED = [("", "Not a decision"), ("yes", "Yes"), ("no", "No")]


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label="What are you adding?", choices=EntryKind.choices)
    summary = forms.CharField(label="What", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label="Why (a decision), or how it is managed (a debt)", max_length=4000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    client_involved = forms.ChoiceField(label="Was the client involved in the decision?", choices=INVOLVED,
                                        required=False)
    value = forms.DecimalField(label="Value at the end of the period (an asset or debt)", min_value=Decimal("0"),
                               max_digits=14, decimal_places=2, required=False)
    on = forms.DateField(label="Date (YYYY-MM-DD)", required=False)

    def clean_client_involved(self):
        value = self.cleaned_data.get("client_involved")
        return {"yes": True, "no": False}.get(value)


class DifferenceForm(forms.Form):
    note = forms.CharField(label="Explain the difference", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class SubmittedForm(forms.Form):
    submitted_on = forms.DateField(label="Date it was sent to the OPG (YYYY-MM-DD)")
    reference = forms.CharField(label="The OPG's reference or receipt, if any", max_length=100, required=False)
