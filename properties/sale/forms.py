"""Sale forms: check what was typed; the services decide."""

from django import forms

from core.forms import GovUKDateField
from ledger.forms import MoneyField


class CourtApplicationForm(forms.Form):
    applied_on = GovUKDateField(label="Date of the application to the Court of Protection", past_only=True)
    court_reference = forms.CharField(label="The court's reference", required=False, max_length=60)


class CourtPermissionForm(forms.Form):
    granted_on = GovUKDateField(label="Date the court gave permission", past_only=True)
    reference = forms.CharField(label="The permission's reference", max_length=60)


class MarketForm(forms.Form):
    agent = forms.CharField(label="Estate agent", max_length=200)
    asking_price = MoneyField(label="Asking price")
    on_market_on = GovUKDateField(label="Date on the market", past_only=True)


class OfferForm(forms.Form):
    buyer = forms.CharField(label="Buyer", max_length=200)
    amount = MoneyField(label="Amount offered")
    made_on = GovUKDateField(label="Date of the offer", past_only=True)


class SolicitorForm(forms.Form):
    solicitor = forms.CharField(label="Solicitor acting on the sale", max_length=200)


class ExchangeForm(forms.Form):
    exchanged_on = GovUKDateField(label="Date contracts were exchanged", past_only=True)


class CompleteForm(forms.Form):
    completed_on = GovUKDateField(label="Completion date", past_only=True)
    costs = forms.DecimalField(label="Costs taken from the price (agent, solicitor), £", min_value=0,
                               max_digits=12, decimal_places=2)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="Why the sale is withdrawn", widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)
