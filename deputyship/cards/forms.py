"""Forms for a client's prepaid card: the money management agreement, the card, its weekly spend, its balance,
its end and its statements."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from core.forms import GovUKDateField
from deputyship.cards.choices import CardHolder
from deputyship.cards.services import STATEMENT_MAX_BYTES
from ledger.forms import MoneyField, ZeroOrMoreMoneyField
from people.forms import GovUKForm


class AgreementForm(GovUKForm):
    third_party = forms.CharField(label="Who manages the money", max_length=200,
                                  help_text="The care provider's name, as on the signed agreement.",
                                  error_messages={"required": "Enter who manages the money"})
    signed_on = GovUKDateField(label="Date signed", past_only=True,
                               error_messages={"required": "Enter the date the agreement was signed"})
    review_on = GovUKDateField(label="Review date", help_text="When the agreement is next reviewed.",
                               error_messages={"required": "Enter the review date"})


class CardIssueForm(GovUKForm):
    provider = forms.CharField(label="Card provider", max_length=100, help_text="For example, Allpay.",
                               error_messages={"required": "Enter the card provider"})
    last_four = forms.CharField(label="Last four digits of the card number", max_length=4,
                                widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
                                error_messages={"required": "Enter the last four digits of the card number"})
    holder = forms.ChoiceField(label="Who holds the card", choices=CardHolder.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose who holds the card"})
    holder_name = forms.CharField(label="Name of the carer or care provider (if they hold it)", max_length=200,
                                  required=False)
    agreement = forms.ModelChoiceField(label="Money management agreement (a care provider holding the card)",
                                       queryset=None, required=False, empty_label="None",
                                       help_text="Only the client's agreements in force are listed.")
    weekly_spend = MoneyField(label="Agreed weekly spend", error_messages={"required": "Enter the agreed weekly spend"})
    issued_on = GovUKDateField(label="Date the card was given", past_only=True,
                               error_messages={"required": "Enter the date the card was given"})

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements


class WeeklySpendForm(GovUKForm):
    weekly_spend = MoneyField(label="New agreed weekly spend",
                              error_messages={"required": "Enter the new agreed weekly spend"})
    reason = forms.CharField(label="Why it changes", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Enter why the weekly spend changes"})


class BalanceForm(GovUKForm):
    balance = ZeroOrMoreMoneyField(label="Balance on the card", error_messages={"required": "Enter the balance"})
    on = GovUKDateField(label="Date of the balance", past_only=True,
                        error_messages={"required": "Enter the date you saw the balance"})


class CardEndForm(GovUKForm):
    ended_on = GovUKDateField(label="Date the card ended", past_only=True,
                              error_messages={"required": "Enter the date the card ended"})
    reason = forms.CharField(label="Why it ended", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="For example, lost, stolen, or returned by the care home.",
                             error_messages={"required": "Enter why the card ended"})


class CardStatementForm(GovUKForm):
    file = forms.FileField(
        label="Card statement (CSV)",
        help_text="A CSV file with the headings Date, Description, Amount, Balance; dates as DD/MM/YYYY, spending "
                  "as a negative amount.",
        error_messages={"required": "Choose the card statement file", "empty": "The file you chose is empty"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > STATEMENT_MAX_BYTES:
            raise ValidationError(f"The file must be smaller than {STATEMENT_MAX_BYTES // (1024 * 1024)} MB")
        return upload
