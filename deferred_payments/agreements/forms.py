"""Forms for deferred payment agreements: they check what was typed; the services decide and save."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from deferred_payments.agreements.choices import Party
from deferred_payments.ending.choices import ReceiptKind
from ledger.forms import MoneyField
from people.forms import GovUKForm

YES_NO = [("", "Not known yet"), ("yes", "Yes"), ("no", "No")]


def _answer(label):
    return forms.TypedChoiceField(label=label, choices=YES_NO, required=False, widget=forms.RadioSelect,
                                  coerce=lambda v: {"yes": True, "no": False}.get(v), empty_value=None)


class StartForm(GovUKForm):
    enquiry_on = GovUKDateField(label="Date of the enquiry", past_only=True,
                                error_messages={"required": "Enter the date of the enquiry"})
    representative_name = forms.CharField(label="Who acts for the person, if anyone (attorney or deputy)",
                                          required=False, max_length=120)
    care_home_name = forms.CharField(label="The care home, if it is a party to the agreement", required=False,
                                     max_length=120)


class ApplicationForm(GovUKForm):
    home = forms.ModelChoiceField(label="The home (from the property register)", queryset=None, required=False,
                                  empty_label="Not on the register yet")
    address_line_1 = forms.CharField(label="Or add the home: first line of the address", required=False,
                                     max_length=100)
    town = forms.CharField(label="Town", required=False, max_length=60)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    applied_on = GovUKDateField(label="Date of the application", required=False)
    share_percent = forms.DecimalField(label="The person's share of the home (per cent)", required=False,
                                       max_digits=6, decimal_places=2)
    valuation_value = MoneyField(label="Value of the home", required=False)
    valuation_on = GovUKDateField(label="Date of the valuation", required=False)
    valuer = forms.CharField(label="Valuer", required=False, max_length=120)
    other_capital = forms.DecimalField(label="Capital other than the home (£)", required=False, max_digits=12,
                                       decimal_places=2)
    needs_met_in_care_home = _answer("Are the person's needs to be met in a care home?")
    owns_main_or_only_home = _answer("Do they own (legally or beneficially) their main or only home?")
    home_value_disregarded = _answer("Is the home's value disregarded (for example a partner lives there)?")
    first_charge_possible = _answer("Can the council secure a first legal charge on the home?")
    agrees_to_terms = _answer("Does the person (or their representative) agree to the terms?")
    disposable_income_allowance = forms.DecimalField(label="Disposable income allowance chosen, a week (£)",
                                                     required=False, max_digits=8, decimal_places=2)
    representative_name = forms.CharField(label="Who acts for the person, if anyone", required=False, max_length=120)
    care_home_name = forms.CharField(label="The care home, if it is a party", required=False, max_length=120)

    def __init__(self, *args, client=None, **kwargs):
        super().__init__(*args, **kwargs)
        from properties.selectors import client_properties

        self.fields["home"].queryset = client_properties(client=client)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        new = {k: data.pop(k) for k in ("address_line_1", "town", "postcode")}
        if not data.get("home") and any(new.values()):
            data["new_home"] = new
        return data


class EmptyForm(GovUKForm):
    pass


class SignForm(GovUKForm):
    party = forms.ChoiceField(label="Who signed?", choices=Party.choices, widget=forms.RadioSelect)
    name = forms.CharField(label="Name", max_length=120)
    capacity = forms.CharField(label="Capacity in which they signed", max_length=120)
    signed_on = GovUKDateField(label="Date signed", error_messages={"required": "Enter the date signed"})


class ApproveForm(GovUKForm):
    starts_on = GovUKDateField(label="The agreement starts on (interest runs from this day; today if blank)",
                               required=False)


class CloseForm(GovUKForm):
    outcome = forms.ChoiceField(label="Outcome", choices=[("refused", "Refused: not eligible"),
                                                          ("withdrawn", "Withdrawn by the person")],
                                widget=forms.RadioSelect)
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class RegisterForm(GovUKForm):
    title_number = forms.CharField(label="HM Land Registry title number", max_length=12)
    registered_on = GovUKDateField(label="Date registered", error_messages={"required": "Enter the date registered"})


class ConfirmForm(GovUKForm):
    confirmed_on = GovUKDateField(label="Date confirmed (today if blank)", required=False)


class InterimForm(GovUKForm):
    note = forms.CharField(label="Why deferral may start before the charge is registered",
                           widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class DeferralForm(GovUKForm):
    effective_from = GovUKDateField(label="Deferred from", error_messages={"required": "Enter the date"})
    amount = MoneyField(label="Weekly amount (blank: from the approved financial assessment)", required=False)
    source = forms.CharField(label="Where the amount comes from (when entered)", required=False, max_length=200)


class EndingForm(GovUKForm):
    reason = forms.ChoiceField(label="Why does the agreement end?",
                               choices=[("sale", "The home was sold"), ("death", "The person died")],
                               widget=forms.RadioSelect)
    event_on = GovUKDateField(label="Date of completion or of death", error_messages={"required": "Enter the date"})


class RepaymentForm(GovUKForm):
    kind = forms.ChoiceField(label="What is the money?", choices=ReceiptKind.choices, widget=forms.RadioSelect)
    amount = MoneyField(label="Amount")
    received_on = GovUKDateField(label="Date received", error_messages={"required": "Enter the date received"})
    reference = forms.CharField(label="Remittance or bank reference", max_length=60)


class SettlementForm(GovUKForm):
    as_at = GovUKDateField(label="Settlement figure if paid on", required=False)
