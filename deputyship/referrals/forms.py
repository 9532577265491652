"""Forms for referrals and applications: they check what was typed; the services decide and save."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from deputyship.referrals.choices import (
    AssetKind, AssetType, AuthoritySought, CourtForm, ReferralSource, ThresholdBasis, Urgency,
)
from ledger.forms import MoneyField
from people.forms import GovUKForm


class ReferralForm(GovUKForm):
    source = forms.ChoiceField(label="Where did the referral come from?", choices=ReferralSource.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Choose where it came from"})
    referrer = forms.CharField(label="Who referred", max_length=200, help_text="Name and role.",
                               error_messages={"required": "Enter who referred"})
    referred_on = GovUKDateField(label="Date referred", past_only=True,
                                 error_messages={"required": "Enter the date referred"})
    urgency = forms.ChoiceField(label="Urgency", choices=Urgency.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose how urgent it is"})
    authority_sought = forms.ChoiceField(label="Authority sought", choices=AuthoritySought.choices,
                                         widget=forms.RadioSelect,
                                         error_messages={"required": "Choose the authority sought"})
    reason = forms.CharField(label="Why is the council asked to act?", widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=4000, error_messages={"required": "Enter the reason"})


class DocumentForm(GovUKForm):
    form = forms.ChoiceField(label="Form", choices=CourtForm.choices, error_messages={"required": "Choose the form"})
    title = forms.CharField(label="Document", max_length=200, error_messages={"required": "Enter the document"})
    from_whom = forms.CharField(label="Who returns it", max_length=200,
                                error_messages={"required": "Enter who returns it"})
    due_on = GovUKDateField(label="Due back", future_only=True, error_messages={"required": "Enter when it is due"})


class ReturnedForm(GovUKForm):
    returned_on = GovUKDateField(label="Date returned", past_only=True,
                                 error_messages={"required": "Enter the date it came back"})


class PartyForm(GovUKForm):
    link = forms.ModelChoiceField(label="Relative or interested party", queryset=None, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose who to name"})
    relationship = forms.CharField(label="Their interest", max_length=100, required=False,
                                   help_text="Leave blank to use what the contact record says.")

    def __init__(self, *args, links=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].queryset = links
        self.fields["link"].label_from_instance = lambda link: (
            f"{link.contact.name} ({link.description or link.get_relationship_display()})")


class NoPartiesForm(GovUKForm):
    reason = forms.CharField(label="What was done to find relatives, and why there is no one to tell",
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                             error_messages={"required": "Say what was done to look"})


class AssetForm(GovUKForm):
    kind = forms.ChoiceField(label="Asset or debt", choices=AssetKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose asset or debt"})
    asset_type = forms.ChoiceField(label="What kind", choices=AssetType.choices,
                                   error_messages={"required": "Choose what kind"})
    description = forms.CharField(label="Description", max_length=300,
                                  error_messages={"required": "Enter a description"})
    held_with = forms.CharField(label="Held with or owed to", max_length=200, required=False)
    value = MoneyField(label="Value", error_messages={"required": "Enter the value"})
    valued_on = GovUKDateField(label="Value on", past_only=True, error_messages={"required": "Enter the date"})


class SubmitForm(GovUKForm):
    submitted_on = GovUKDateField(label="Date sent to the Court of Protection", past_only=True,
                                  error_messages={"required": "Enter the date it was sent"})


class IssuedForm(GovUKForm):
    issued_on = GovUKDateField(label="Date the court issued the application", past_only=True,
                               error_messages={"required": "Enter the date it was issued"})


class OrderForm(GovUKForm):
    reference = forms.CharField(label="Court case number", max_length=40, help_text="For example, 1234567T.",
                                error_messages={"required": "Enter the order's case number"})
    made_on = GovUKDateField(label="Date of the order", past_only=True,
                             error_messages={"required": "Enter the date of the order"})
    scope = forms.CharField(label="Scope of the powers, as written", widget=forms.Textarea(attrs={"rows": 3}),
                            max_length=4000, error_messages={"required": "Enter the scope of the powers"})
    restrictions = forms.CharField(label="Restrictions, as written", widget=forms.Textarea(attrs={"rows": 3}),
                                   max_length=4000, required=False)
    may_sell_property = forms.BooleanField(label="The order gives authority to sell or let property", required=False)
    may_make_gifts = forms.BooleanField(label="The order allows gifts", required=False)
    gift_limit = MoneyField(label="Gifts allowed in a year, up to", required=False)
    payment_limit = MoneyField(label="A single payment over this needs the court's permission", required=False)
    bond_provider = forms.CharField(label="Security bond provider", max_length=200, required=False)
    bond_amount = MoneyField(label="Security bond amount", required=False)
    bond_premium = MoneyField(label="Security bond yearly premium", required=False)
    bond_renewal_on = GovUKDateField(label="Security bond renewal date", required=False)


class DwpDatesForm(GovUKForm):
    bf56_sent_on = GovUKDateField(label="BF56 sent to the DWP", past_only=True, required=False)
    dwp_visit_on = GovUKDateField(label="DWP visit", required=False)


class Bf57Form(GovUKForm):
    approved_on = GovUKDateField(label="Date approved (BF57)", past_only=True,
                                 error_messages={"required": "Enter the date the DWP approved it"})
    reference = forms.CharField(label="DWP reference", max_length=40, error_messages={"required": "Enter the reference"})
    first_review_on = GovUKDateField(label="First DWP review", required=False, future_only=True)


class ReviewForm(GovUKForm):
    due_on = GovUKDateField(label="DWP review date", future_only=True,
                            error_messages={"required": "Enter the review date"})


class ReviewHeldForm(GovUKForm):
    held_on = GovUKDateField(label="Date the review was held", past_only=True,
                             error_messages={"required": "Enter the date the review was held"})
    outcome = forms.CharField(label="What the DWP found or decided", widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=2000, help_text="For example, the appointeeship continues; next review "
                                                         "in a year.",
                              error_messages={"required": "Enter the outcome of the review"})


class CloseForm(GovUKForm):
    closed_on = GovUKDateField(label="Date closed", past_only=True, error_messages={"required": "Enter the date"})
    reason = forms.CharField(label="Why is it closed?", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             error_messages={"required": "Say why it is closed"})


class ThresholdForm(GovUKForm):
    basis = forms.ChoiceField(label="Measured against", choices=ThresholdBasis.choices, widget=forms.RadioSelect,
                              error_messages={"required": "Choose what it is measured against"})
    amount = MoneyField(label="Apply for a deputyship above", error_messages={"required": "Enter the amount"})
    effective_from = GovUKDateField(label="From", error_messages={"required": "Enter the date it applies from"})
    source = forms.CharField(label="Source", max_length=500, help_text="The council policy the figure comes from.",
                             error_messages={"required": "Enter the source"})
    reason = forms.CharField(label="Reason for the change", max_length=1000,
                             error_messages={"required": "Enter a reason for the change"})
