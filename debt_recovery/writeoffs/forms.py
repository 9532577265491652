"""Forms for write-offs: they check what was typed; the services decide and save."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from debt_recovery.writeoffs.choices import DELEGATED_LEVELS, SMALL_BALANCE_THRESHOLD, AuthorityLevel, WriteOffReason
from ledger.forms import MoneyField
from people.forms import GovUKForm

#: Reasons an officer chooses one by one (small balances come from the bulk write-off).
CHOSEN_REASONS = [(value, label) for value, label in WriteOffReason.choices if value != WriteOffReason.SMALL_BALANCE]


class RecommendForm(GovUKForm):
    amount = MoneyField(label="Amount to write off", error_messages={"required": "Enter the amount to write off"})
    reason = forms.ChoiceField(label="Why should it be written off?", choices=CHOSEN_REASONS, widget=forms.RadioSelect,
                               error_messages={"required": "Choose why the debt should be written off"})
    note = forms.CharField(label="What was tried, and what was found", widget=forms.Textarea, max_length=4000,
                           error_messages={"required": "Say what was tried and why the debt cannot be recovered"})


class DecisionNoteForm(GovUKForm):
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False)


class RejectForm(GovUKForm):
    note = forms.CharField(label="Why is it not approved?", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                           error_messages={"required": "Say why the write-off is not approved"})


class ReinstateForm(GovUKForm):
    reason = forms.CharField(label="Why is the debt reinstated?", widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=1000, error_messages={"required": "Say why the debt is reinstated"})


class BulkForm(GovUKForm):
    threshold = MoneyField(label="Write off balances under", initial=SMALL_BALANCE_THRESHOLD,
                           error_messages={"required": "Enter the threshold"})
    note = forms.CharField(label="Reason", max_length=1000, initial="Uneconomic to recover: the cost of recovery "
                           "is more than the balance", error_messages={"required": "Give a reason"})


class BandForm(GovUKForm):
    up_to = MoneyField(label="Up to", required=False,
                       help_text="The largest amount this level may write off. Leave empty for any amount.")
    level = forms.ChoiceField(label="Who may approve", choices=AuthorityLevel.choices,
                              error_messages={"required": "Choose who may approve"})
    source = forms.CharField(label="Source", max_length=300, required=False,
                             help_text="Where the band comes from, e.g. the council's financial regulations.")
    reason = forms.CharField(label="Reason for the change", max_length=500,
                             error_messages={"required": "Give a reason for the change"})


class RemoveBandForm(GovUKForm):
    reason = forms.CharField(label="Reason for removing the band", max_length=500,
                             error_messages={"required": "Give a reason"})


class DelegationForm(GovUKForm):
    user = forms.ModelChoiceField(label="Person", queryset=get_user_model().objects.filter(is_active=True)
                                  .order_by("last_name", "first_name", "username"),
                                  error_messages={"required": "Choose the person"})
    level = forms.ChoiceField(label="Level", choices=[(v, AuthorityLevel(v).label) for v in DELEGATED_LEVELS],
                              widget=forms.RadioSelect, error_messages={"required": "Choose the level"})
    reason = forms.CharField(label="Reason", max_length=500, error_messages={"required": "Give a reason"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
