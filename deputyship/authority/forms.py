"""Forms for the legal authority: they check what was typed; the services decide and save."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from deputyship.authority.choices import Action, AuthorityKind
from ledger.forms import MoneyField
from people.forms import GovUKForm


class AuthorityForm(GovUKForm):
    kind = forms.ChoiceField(label="Authority", choices=AuthorityKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the authority"})
    reference = forms.CharField(label="Reference", max_length=40, help_text="The court's case number (e.g. 1234567T) "
                                "or the DWP's reference.", error_messages={"required": "Enter the reference"})
    made_on = GovUKDateField(label="Date made", past_only=True, help_text="The order's date, or the DWP's approval "
                             "(BF57).", error_messages={"required": "Enter the date it was made"})
    starts_on = GovUKDateField(label="The council may act from", required=False,
                               help_text="Leave blank for the date it was made.")
    scope = forms.CharField(label="Scope, as written", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                            required=False)
    restrictions = forms.CharField(label="Restrictions, as written", widget=forms.Textarea(attrs={"rows": 3}),
                                   max_length=4000, required=False)
    may_sell_property = forms.BooleanField(label="The order gives authority to sell or let property", required=False)
    may_make_gifts = forms.BooleanField(label="The order allows gifts", required=False)
    gift_limit = MoneyField(label="Gifts allowed in a year, up to", required=False)
    payment_limit = MoneyField(label="A single payment over this needs the court's permission", required=False)
    reason = forms.CharField(label="Why are you recording it?", max_length=500,
                             error_messages={"required": "Say why the authority is being recorded"})


class AuthorityEndForm(GovUKForm):
    ends_on = GovUKDateField(label="Date it ended", error_messages={"required": "Enter the date it ended"})
    reason = forms.CharField(label="Why it ended", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
                             error_messages={"required": "Say why the authority ended"})


class CourtPermissionForm(GovUKForm):
    action = forms.ChoiceField(label="What the court allowed", choices=Action.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose what the court allowed"})
    amount = MoneyField(label="Up to", required=False, help_text="Leave blank if the permission names no amount.")
    granted_on = GovUKDateField(label="Date granted", past_only=True,
                                error_messages={"required": "Enter the date it was granted"})
    reference = forms.CharField(label="The court's reference", max_length=40,
                                error_messages={"required": "Enter the court's reference"})
    details = forms.CharField(label="What the court allowed, as written", widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=4000, error_messages={"required": "Enter what the court allowed"})


class BondForm(GovUKForm):
    provider = forms.CharField(label="Bond provider", max_length=200, error_messages={"required": "Enter the provider"})
    bond_reference = forms.CharField(label="Bond reference", max_length=60, required=False)
    amount = MoneyField(label="Level of security", error_messages={"required": "Enter the bond's amount"})
    premium = MoneyField(label="Yearly premium", error_messages={"required": "Enter the premium"})
    starts_on = GovUKDateField(label="Bond starts", error_messages={"required": "Enter when the bond starts"})
    renewal_on = GovUKDateField(label="Renewal date", error_messages={"required": "Enter the renewal date"})


class AuthorityCheckForm(GovUKForm):
    action = forms.ChoiceField(label="What do you want to do?", choices=Action.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose the action"})
    amount = MoneyField(label="Amount", required=False)
