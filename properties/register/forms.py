"""Forms for the register: they check what was typed; the services decide and save."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from ledger.forms import MoneyField
from people.forms import GovUKForm
from properties.register.choices import Occupancy


class JointOwnerForm(GovUKForm):
    name = forms.CharField(label="Joint owner's name", max_length=200,
                           error_messages={"required": "Enter the joint owner's name"})
    share = forms.DecimalField(label="Their share (%)", max_digits=5, decimal_places=2,
                               error_messages={"required": "Enter their share"})


class OccupancyForm(GovUKForm):
    occupancy = forms.ChoiceField(label="Who lives there now?", choices=Occupancy.choices, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose who lives there now"})
    since = GovUKDateField(label="Since", past_only=True, help_text="For example, 27 3 2026",
                           error_messages={"required": "Enter the date of the change"})
    note = forms.CharField(label="Note", max_length=500, required=False)


class KeysForm(GovUKForm):
    held_by = forms.CharField(label="Who holds the keys?", max_length=200,
                              error_messages={"required": "Say who holds the keys"})
    number_of_keys = forms.IntegerField(label="How many keys", min_value=1, max_value=99,
                                        error_messages={"required": "Enter how many keys"})
    since = GovUKDateField(label="Since", past_only=True, error_messages={"required": "Enter when they were given"})


class KeysReturnedForm(GovUKForm):
    returned_on = GovUKDateField(label="Date returned", past_only=True,
                                 error_messages={"required": "Enter the date the keys were returned"})


class ValuationForm(GovUKForm):
    valued_on = GovUKDateField(label="Date of the valuation", past_only=True,
                               error_messages={"required": "Enter the date of the valuation"})
    value = MoneyField(label="Value", error_messages={"required": "Enter the value"})
    valuer = forms.CharField(label="Valuer", max_length=200, error_messages={"required": "Say who valued it"})
