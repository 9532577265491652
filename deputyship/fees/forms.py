"""Forms of the fees pages: check what was typed; the services decide."""

from decimal import Decimal

from django import forms

from core.forms import GovUKDateField
from deputyship.fees.choices import FeeKind
from ledger.forms import ZeroOrMoreMoneyField
from people.forms import GovUKForm


class FeeRateForm(forms.Form):
    kind = forms.ChoiceField(label="What the rate is for", choices=FeeKind.choices)
    amount = forms.DecimalField(label="Amount (pounds, or per cent for the low-asset percentage)",
                                min_value=Decimal("0"), max_digits=12, decimal_places=2)
    effective_from = forms.DateField(label="In force from (YYYY-MM-DD)")
    source = forms.CharField(label="Source of the figure", max_length=500,
                             help_text="The page or document it comes from, with its date.")


class FeeReverseForm(forms.Form):
    reason = forms.CharField(label="Why is the fee being reversed?", max_length=1000, widget=forms.Textarea)


class FeeChargeForm(forms.Form):
    authority = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=FeeKind.choices, widget=forms.HiddenInput)
    year = forms.IntegerField(min_value=0, max_value=200, widget=forms.HiddenInput)


class OpgFeeForm(GovUKForm):
    """The OPG's invoice for its deputy assessment fee or a year's supervision fee."""

    kind = forms.ChoiceField(label="Which fee the invoice is for", widget=forms.RadioSelect,
                             choices=[(FeeKind.OPG_ASSESSMENT, FeeKind.OPG_ASSESSMENT.label),
                                      (FeeKind.OPG_GENERAL_SUPERVISION, FeeKind.OPG_GENERAL_SUPERVISION.label),
                                      (FeeKind.OPG_MINIMAL_SUPERVISION, FeeKind.OPG_MINIMAL_SUPERVISION.label)],
                             error_messages={"required": "Choose which fee the invoice is for"})
    year = forms.IntegerField(label="Year of the order", min_value=0, max_value=200,
                              help_text="0 for the assessment fee; 1 for the first year's supervision, and so on.",
                              widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
                              error_messages={"required": "Enter the year of the order the fee is for"})
    invoice_reference = forms.CharField(label="OPG invoice reference", max_length=100,
                                        error_messages={"required": "Enter the invoice reference"})
    invoiced_on = GovUKDateField(label="Invoice date", past_only=True,
                                 error_messages={"required": "Enter the invoice date"})
    exempt_benefit = forms.TypedChoiceField(
        label="Does the client receive a means-tested benefit that exempts them from the fee?",
        help_text="The qualifying benefits are listed in the OPG's guidance to form OPG120.",
        choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        error_messages={"required": "Say whether the client is exempt"})
    yearly_income = ZeroOrMoreMoneyField(label="Client's yearly income before tax (optional)", required=False,
                                         help_text="Below the OPG's threshold, the fee is halved (not minimal "
                                                   "supervision).")
