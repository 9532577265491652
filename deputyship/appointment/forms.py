"""Forms for the work on appointment."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from deputyship.appointment.choices import AccountAction, NotificationStatus
from ledger.forms import MoneyField
from people.forms import GovUKForm

REPLIES = [(v, label) for v, label in NotificationStatus.choices if v != NotificationStatus.SENT]


class NotificationUpdateForm(GovUKForm):
    status = forms.ChoiceField(label="What happened", choices=REPLIES, widget=forms.RadioSelect,
                               error_messages={"required": "Choose what happened"})
    on = GovUKDateField(label="Date", past_only=True, error_messages={"required": "Enter the date"})
    note = forms.CharField(label="Note", max_length=2000, required=False)


class AccountForm(GovUKForm):
    institution = forms.CharField(label="Bank or building society", max_length=200,
                                  error_messages={"required": "Enter the bank"})
    account_description = forms.CharField(label="Account", max_length=200, help_text="Type and last four digits.",
                                          error_messages={"required": "Enter the account"})
    holder = forms.CharField(label="In the name of", max_length=200, error_messages={"required": "Enter the holder"})
    balance = MoneyField(label="Balance", error_messages={"required": "Enter the balance"})
    action = forms.ChoiceField(label="What happens to it", choices=AccountAction.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose what happens to it"})


class AccountCloseForm(GovUKForm):
    closed_on = GovUKDateField(label="Date closed", past_only=True, error_messages={"required": "Enter the date"})
    amount_transferred = MoneyField(label="Amount received in the client account",
                                    error_messages={"required": "Enter the amount"})
