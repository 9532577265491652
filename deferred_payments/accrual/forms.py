"""The fee schedule's forms: a new fee, and a new amount for a fee from a date."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from deferred_payments.accrual.choices import FeeKind
from ledger.forms import MoneyField
from people.forms import GovUKForm


class FeeChangeForm(GovUKForm):
    amount = MoneyField(label="New amount")
    effective_from = GovUKDateField(label="Takes effect from", help_text="Today or later, for example 1 4 2027",
                                    error_messages={"required": "Give the date the new fee takes effect"})
    source = forms.CharField(label="Source", max_length=400,
                             help_text="The council's decision or fees list, for example Cabinet 12 March 2027 item 7",
                             error_messages={"required": "Say where the new fee comes from"})
    reason = forms.CharField(label="Reason", max_length=500, required=False)


class FeeAddForm(GovUKForm):
    name = forms.CharField(label="Name of the fee", max_length=120, error_messages={"required": "Name the fee"})
    kind = forms.ChoiceField(label="When it falls due", choices=FeeKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose when the fee falls due"})
    amount = MoneyField(label="Amount")
    effective_from = GovUKDateField(label="In force from", error_messages={"required": "Give the date it starts"})
    source = forms.CharField(label="Source", max_length=400, help_text="The council's decision or fees list",
                             error_messages={"required": "Say where the fee comes from"})
