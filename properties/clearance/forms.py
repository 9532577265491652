"""Clearance forms: check what was typed; the services decide."""

from django import forms

from core.forms import GovUKDateField
from ledger.forms import MoneyField
from properties.clearance.choices import Decision, ItemStatus, Period


class PlanForm(forms.Form):
    planned_on = GovUKDateField(label="Planned date of the clearance")
    contractor = forms.CharField(label="Contractor", max_length=200)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class ItemForm(forms.Form):
    item = forms.CharField(label="Item", max_length=200)
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  max_length=4000)
    estimated_value = MoneyField(label="Estimated value", required=False)
    photograph_upload = forms.FileField(label="Photograph (JPEG, PNG or PDF)", required=False)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label="What is to happen to it", choices=Decision.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="Why (kept with the decision)", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class LeaveForm(forms.Form):
    went_to = forms.CharField(label="Where it went, and to whom", max_length=300)
    left_on = GovUKDateField(label="Date it left the home", past_only=True)


class ProceedsForm(forms.Form):
    amount = MoneyField(label="Amount received")
    received_on = GovUKDateField(label="Date received", past_only=True)


class SafekeepingForm(forms.Form):
    items = forms.ModelMultipleChoiceField(label="Valuables taken", queryset=None,
                                           widget=forms.CheckboxSelectMultiple)
    receipt_number = forms.CharField(label="Receipt number", max_length=40)
    place = forms.CharField(label="Where they are kept", max_length=200)
    received_by = forms.CharField(label="Received by", max_length=200)
    received_on = GovUKDateField(label="Date received", past_only=True)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = plan.items.filter(status=ItemStatus.ON_INVENTORY, decision=Decision.SAFEKEEPING)


class StorageForm(forms.Form):
    company = forms.CharField(label="Storage company", max_length=200)
    starts_on = GovUKDateField(label="Start date")
    cost_per_period = MoneyField(label="Cost each period")
    period = forms.ChoiceField(label="Charged every", choices=Period.choices, widget=forms.RadioSelect)
    review_on = GovUKDateField(label="Review date")


class StoragePayForm(forms.Form):
    period_start = GovUKDateField(label="First day of the period paid for")
    amount = MoneyField(label="Amount")
    paid_on = GovUKDateField(label="Date paid", past_only=True)
