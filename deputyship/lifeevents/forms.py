"""Forms for a client's life events and registers. They check what the officer typed and give GOV.UK-style
messages; the services check again and write."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from core.forms import GovUKDateField
from deputyship.lifeevents.choices import (
    BenefitOutcome, DocumentKind, FuneralPlanOutcome, InvestmentKind, LifeEventKind,
)
from ledger.forms import MoneyField, ZeroOrMoreMoneyField
from people.forms import GovUKForm

YES_NO = [("yes", "Yes"), ("no", "No")]
#: The largest weekly change the register holds (its column: six figures of pounds and two of pence).
MAX_WEEKLY_CHANGE = Decimal("999999.99")
SIGNED_MONEY_TEXT = re.compile(r"^-?(\d{1,3}(,\d{3})*|\d+)(\.\d{1,2})?$")


def _yes_no(label: str, message: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, help_text=help_text, choices=YES_NO, widget=forms.RadioSelect,
                                  coerce=lambda value: value == "yes", error_messages={"required": message})


class WeeklyChangeField(forms.CharField):
    """A change in weekly income in pounds and pence: more than zero for a gain, below zero (a leading minus)
    for a loss, £0.00 (or left empty) for none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"prefix": "£", "class": "govuk-input--width-10", "autocomplete": "off"})

    def to_python(self, value):
        text = (super().to_python(value) or "").strip().replace(" ", "").replace("£", "")
        if not text:
            return Decimal("0.00")
        label = str(self.label).lower()
        if len(text) > 20 or not SIGNED_MONEY_TEXT.match(text):
            raise ValidationError(f"Enter the {label} in pounds and pence, like 12.50 or -12.50")
        try:
            amount = Decimal(text.replace(",", "")).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise ValidationError(f"Enter the {label} in pounds and pence, like 12.50 or -12.50") from None
        if abs(amount) > MAX_WEEKLY_CHANGE:
            raise ValidationError(f"The {label} must be between -£{MAX_WEEKLY_CHANGE:,} and £{MAX_WEEKLY_CHANGE:,}")
        return amount


class LifeEventForm(GovUKForm):
    kind = forms.ChoiceField(label="What happened", choices=LifeEventKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose what happened"})
    happened_on = GovUKDateField(label="Date it happened", past_only=True, help_text="For example, 27 3 2026",
                                 error_messages={"required": "Enter the date it happened"})
    note = forms.CharField(label="Note (optional)", max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class InvestmentForm(GovUKForm):
    kind = forms.ChoiceField(label="Kind of investment", choices=InvestmentKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of investment"})
    provider = forms.CharField(label="Provider", max_length=200, help_text="The bank, fund manager or NS&I.",
                               error_messages={"required": "Enter the provider"})
    value = ZeroOrMoreMoneyField(label="Value", error_messages={"required": "Enter the value"})
    valued_on = GovUKDateField(label="Date valued", past_only=True,
                               error_messages={"required": "Enter the date it was valued"})
    review_on = GovUKDateField(label="Review date", help_text="A review task is given 30 days before.",
                               error_messages={"required": "Enter the review date"})

    def clean(self):
        data = super().clean()
        valued, review = data.get("valued_on"), data.get("review_on")
        if valued and review and review < valued:
            self.add_error("review_on", "The review date must be the same as or after the date valued")
        return data


class InvestmentReviewForm(GovUKForm):
    value = ZeroOrMoreMoneyField(label="Value now", error_messages={"required": "Enter the value now"})
    valued_on = GovUKDateField(label="Date valued", past_only=True,
                               error_messages={"required": "Enter the date it was valued"})
    next_review_on = GovUKDateField(label="Next review date",
                                    error_messages={"required": "Enter the next review date"})

    def clean(self):
        data = super().clean()
        valued, review = data.get("valued_on"), data.get("next_review_on")
        if valued and review and review <= valued:
            self.add_error("next_review_on", "The next review date must be after the date valued")
        return data


class TaxReturnForm(GovUKForm):
    year_ending = forms.IntegerField(
        label="Tax year ending 5 April", min_value=2000, max_value=2100,
        help_text="The year the tax year ends in: for 6 April 2025 to 5 April 2026, enter 2026.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={"required": "Enter the year the tax year ends in",
                        "invalid": "Enter the year the tax year ends in, like 2026",
                        "min_value": "Enter a year from 2000 to 2100", "max_value": "Enter a year from 2000 to 2100"})
    reason = forms.CharField(label="Why a return is needed", max_length=200,
                             help_text="For example, rental income, investment income or a private pension.",
                             error_messages={"required": "Enter why a return is needed"})


class TaxReturnFiledForm(GovUKForm):
    filed_on = GovUKDateField(label="Date filed", past_only=True,
                              error_messages={"required": "Enter the date the return was filed"})


class FuneralPlanForm(GovUKForm):
    outcome = forms.ChoiceField(label="Decision", choices=FuneralPlanOutcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose the decision"})
    decided_on = GovUKDateField(label="Date decided", past_only=True,
                                error_messages={"required": "Enter the date decided"})
    note = forms.CharField(label="Reasons and notes", max_length=2000, required=False,
                           help_text="Needed when a plan is not suitable.", widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("outcome") == FuneralPlanOutcome.NOT_SUITABLE and not (data.get("note") or "").strip():
            self.add_error("note", "Enter why a funeral plan is not suitable")
        return data


class ClientDebtForm(GovUKForm):
    creditor = forms.CharField(label="Creditor", max_length=200, error_messages={"required": "Enter the creditor"})
    balance = ZeroOrMoreMoneyField(label="Balance owed", error_messages={"required": "Enter the balance owed"})
    priority = _yes_no("Is it a priority debt?", "Say whether it is a priority debt",
                       help_text="Council tax, rent, fuel, fines and the like are paid first.")
    arrangement = forms.CharField(label="Repayment arrangement (optional)", max_length=300, required=False,
                                  help_text="The arrangement agreed with the creditor, if any.")
    monthly_payment = MoneyField(label="Monthly payment (optional)", required=False)
    iva = _yes_no("Is it part of an Individual Voluntary Arrangement (IVA)?", "Say whether it is part of an IVA")
    recorded_on = GovUKDateField(label="Date recorded", past_only=True,
                                 error_messages={"required": "Enter the date recorded"})

    def clean(self):
        data = super().clean()
        if data.get("monthly_payment") and not (data.get("arrangement") or "").strip():
            self.add_error("arrangement", "Describe the arrangement the monthly payment is made under")
        return data


class BenefitCheckForm(GovUKForm):
    benefit = forms.CharField(label="Benefit checked", max_length=100,
                              help_text="For example, Attendance Allowance or Pension Credit.",
                              error_messages={"required": "Enter the benefit checked"})
    checked_on = GovUKDateField(label="Date of the check", past_only=True,
                                error_messages={"required": "Enter the date of the check"})
    outcome = forms.ChoiceField(label="Outcome", choices=BenefitOutcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose the outcome of the check"})
    weekly_gain = WeeklyChangeField(label="Weekly change",
                                    help_text="For an award, the gain each week; for a reduction, the loss as a "
                                              "minus (like -12.50); otherwise leave it empty.")


class CherishedDocumentForm(GovUKForm):
    kind = forms.ChoiceField(label="Kind of document", choices=DocumentKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of document"})
    description = forms.CharField(label="Description", max_length=200,
                                  help_text="Enough to tell it apart: \u201cWill dated 3 March 2009\u201d.",
                                  error_messages={"required": "Enter a description"})
    location = forms.CharField(label="Where it is kept", max_length=200,
                               help_text="The safe and drawer, a solicitor or a bank.",
                               error_messages={"required": "Enter where it is kept"})
    received_on = GovUKDateField(label="Date received", past_only=True,
                                 error_messages={"required": "Enter the date received"})


class DocumentMoveForm(GovUKForm):
    location = forms.CharField(label="Where it is kept now", max_length=200,
                               error_messages={"required": "Enter where it is kept now"})


class DocumentReturnForm(GovUKForm):
    returned_to = forms.CharField(label="Returned to", max_length=200,
                                  help_text="The body that issued it (HM Passport Office, the DVLA) or the person.",
                                  error_messages={"required": "Enter who it was returned to"})
    returned_on = GovUKDateField(label="Date returned", past_only=True,
                                 error_messages={"required": "Enter the date returned"})
