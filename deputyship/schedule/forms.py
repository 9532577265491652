"""Forms for income and bills on schedule: they check what was typed; the services check the rules."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms

from core.forms import GovUKDateField
from deputyship.schedule.choices import BillKind, Frequency, IncomeKind
from ledger.choices import MoneyInCategory, MoneyOutCategory
from people.forms import GovUKForm, ReasonField


class MoneyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("error_messages", {"required": "Enter the amount"})
        super().__init__(**kwargs)

    def clean(self, value):
        raw = (super().clean(value) or "").replace("£", "").replace(",", "").strip()
        try:
            return Decimal(raw)
        except InvalidOperation:
            raise forms.ValidationError("Enter the amount in pounds and pence, like 85.40") from None


def _optional(choices):
    return [("", "The usual one for this kind")] + list(choices)


class ExpectedIncomeForm(GovUKForm):
    kind = forms.ChoiceField(label="What is it", choices=IncomeKind.choices,
                             error_messages={"required": "Choose what the income is"})
    payer = forms.CharField(label="Who pays it", max_length=200, help_text="As it appears on the bank statement.",
                            error_messages={"required": "Say who pays it"})
    amount = MoneyField(label="Amount each time")
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose how often it is paid"})
    first_due_on = GovUKDateField(label="Next date it is due")
    category = forms.ChoiceField(label="OPG money-in category", choices=_optional(MoneyInCategory.choices),
                                 required=False)
    tolerance_days = forms.IntegerField(label="Days to allow before it counts as missed", min_value=0, max_value=31,
                                        initial=5)


class ScheduledPaymentForm(GovUKForm):
    kind = forms.ChoiceField(label="What is it", choices=BillKind.choices,
                             error_messages={"required": "Choose what the bill is"})
    payee = forms.CharField(label="Pay to", max_length=200, error_messages={"required": "Say whom to pay"})
    payee_sort_code = forms.CharField(label="Sort code", max_length=8, help_text="6 digits, like 30-94-57",
                                      error_messages={"required": "Enter the sort code"})
    payee_account_number = forms.CharField(label="Account number", max_length=10, help_text="8 digits",
                                           error_messages={"required": "Enter the account number"})
    reference = forms.CharField(label="Their reference for the client (optional)", max_length=18, required=False)
    amount = MoneyField(label="Amount each time")
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose how often it is paid"})
    first_due_on = GovUKDateField(label="Next date it is due")
    category = forms.ChoiceField(label="OPG money-out category", choices=_optional(MoneyOutCategory.choices),
                                 required=False)


class PaymentRequestForm(GovUKForm):
    payee = forms.CharField(label="Pay to", max_length=200, error_messages={"required": "Say whom to pay"})
    payee_sort_code = forms.CharField(label="Sort code", max_length=8, help_text="6 digits, like 30-94-57",
                                      error_messages={"required": "Enter the sort code"})
    payee_account_number = forms.CharField(label="Account number", max_length=10, help_text="8 digits",
                                           error_messages={"required": "Enter the account number"})
    reference = forms.CharField(label="Their reference for the client (optional)", max_length=18, required=False)
    amount = MoneyField(label="Amount")
    category = forms.ChoiceField(label="OPG money-out category", choices=MoneyOutCategory.choices,
                                 error_messages={"required": "Choose the OPG money-out category"})
    due_on = GovUKDateField(label="Pay on or after")


class CancelForm(GovUKForm):
    reason = ReasonField(label="Why is the payment cancelled?")
