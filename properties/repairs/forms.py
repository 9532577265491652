"""Repair forms: check what was typed; the services decide."""

from django import forms

from core.forms import GovUKDateField
from ledger.forms import MoneyField
from properties.repairs.choices import Urgency


class RepairReportForm(forms.Form):
    what = forms.CharField(label="What is wrong and what needs doing", widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=4000)
    reported_on = GovUKDateField(label="When it was reported", past_only=True)
    urgency = forms.ChoiceField(label="How urgent", choices=Urgency.choices, widget=forms.RadioSelect)
    reported_by = forms.CharField(label="Who reported it", max_length=200)


class QuoteForm(forms.Form):
    trades_person = forms.CharField(label="Trades person", max_length=200)
    amount = MoneyField(label="Amount quoted")
    quoted_on = GovUKDateField(label="Date of the quote", past_only=True)


class ChooseQuoteForm(forms.Form):
    quote = forms.ModelChoiceField(label="The quote to go ahead with", queryset=None, widget=forms.RadioSelect,
                                   empty_label=None)

    def __init__(self, *args, repair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quote"].queryset = repair.quotes.all()


class CompleteForm(forms.Form):
    completed_on = GovUKDateField(label="Date completed", past_only=True)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class PayForm(forms.Form):
    invoice_reference = forms.CharField(label="Invoice reference", max_length=100)
    amount = MoneyField(label="Invoice amount")
    paid_on = GovUKDateField(label="Date paid", past_only=True)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
