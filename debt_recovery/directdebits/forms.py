"""Forms for direct debit pages: they check what was typed; the services check the rules and write."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms

from core.forms import GovUKDateField
from debt_recovery.directdebits.choices import AmountBasis, Frequency, MandateOrigin
from people.forms import GovUKForm, ReasonField


class MandateForm(GovUKForm):
    payer_name = forms.CharField(label="Account holder's name", max_length=200,
                                 error_messages={"required": "Enter the name of the account holder"})
    sort_code = forms.CharField(label="Sort code", max_length=8, help_text="Must be 6 digits long, like 30-94-57",
                                error_messages={"required": "Enter a sort code"})
    account_number = forms.CharField(label="Account number", max_length=10,
                                     help_text="Must be between 6 and 8 digits long",
                                     error_messages={"required": "Enter an account number"})
    signed_on = GovUKDateField(label="Date the payer gave the instruction")
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose how often to collect"})
    amount_basis = forms.ChoiceField(label="How much", choices=AmountBasis.choices, widget=forms.RadioSelect,
                                     error_messages={"required": "Choose how much to collect"})
    regular_amount = forms.CharField(label="Amount each time", max_length=14, required=False,
                                     help_text="For a fixed amount.")
    first_collection_on = GovUKDateField(label="Earliest date of the first collection")
    origin = forms.ChoiceField(label="Kind of instruction", choices=MandateOrigin.choices, widget=forms.RadioSelect,
                               initial=MandateOrigin.NEW)
    reference = forms.CharField(label="Bacs reference (optional)", max_length=18, required=False,
                                help_text="Leave empty to use the debtor reference and a number.")

    def clean_regular_amount(self):
        raw = (self.cleaned_data.get("regular_amount") or "").replace("£", "").replace(",", "").strip()
        if not raw:
            return None
        try:
            return Decimal(raw)
        except InvalidOperation:
            raise forms.ValidationError("Enter the amount in pounds and pence, like 85.40") from None


class MandateCancelForm(GovUKForm):
    reason = ReasonField(label="Why is the direct debit being cancelled?")
