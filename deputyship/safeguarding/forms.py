"""Forms for safeguarding and civil recovery."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from ledger.forms import IdempotentForm, MoneyField
from people.forms import GovUKForm


class ConcernForm(GovUKForm):
    raised_on = GovUKDateField(label="Date raised", past_only=True, error_messages={"required": "Enter the date"})
    raised_by = forms.CharField(label="Raised by", max_length=200, help_text="Name and role.",
                                error_messages={"required": "Enter who raised it"})
    concern = forms.CharField(label="The concern", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
                              error_messages={"required": "Enter the concern"})
    referred_to = forms.CharField(label="Referred to", max_length=200, required=False)
    referred_on = GovUKDateField(label="Date referred", past_only=True, required=False)


class MeetingForm(GovUKForm):
    held_on = GovUKDateField(label="Date held", past_only=True, error_messages={"required": "Enter the date"})
    attendees = forms.CharField(label="Who attended", max_length=2000, error_messages={"required": "Enter who attended"})
    notes = forms.CharField(label="What was decided", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
                            error_messages={"required": "Enter what was decided"})


class CloseConcernForm(GovUKForm):
    closed_on = GovUKDateField(label="Date closed", past_only=True, error_messages={"required": "Enter the date"})
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                              error_messages={"required": "Enter the outcome"})


class RecoveryForm(GovUKForm):
    against = forms.CharField(label="Who took the money", max_length=200, error_messages={"required": "Enter who"})
    description = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                                  error_messages={"required": "Enter what happened"})
    amount_claimed = MoneyField(label="Amount claimed", error_messages={"required": "Enter the amount claimed"})
    opened_on = GovUKDateField(label="Date opened", past_only=True, error_messages={"required": "Enter the date"})


class RecoveryReceiptForm(IdempotentForm):
    amount = MoneyField(label="Amount recovered", error_messages={"required": "Enter the amount"})
    received_on = GovUKDateField(label="Date received", past_only=True, error_messages={"required": "Enter the date"})


class RecoveryCloseForm(GovUKForm):
    closed_on = GovUKDateField(label="Date closed", past_only=True, error_messages={"required": "Enter the date"})
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                              error_messages={"required": "Enter the outcome"})
