"""Forms for lettings: certificates, tenancies, rent received and rent reviews."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from ledger.forms import MoneyField
from people.forms import GovUKForm
from properties.lettings.choices import CertificateKind, DepositScheme, EnergyRating, RentFrequency


class CertificateForm(GovUKForm):
    kind = forms.ChoiceField(label="Certificate", choices=CertificateKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of certificate"})
    checked_on = GovUKDateField(label="Date of the check", past_only=True,
                                error_messages={"required": "Enter the date of the check"})
    rating = forms.ChoiceField(label="EPC rating", choices=[("", "Not an EPC"), *EnergyRating.choices], required=False)
    engineer = forms.CharField(label="Engineer or assessor", max_length=200, required=False)
    reference = forms.CharField(label="Certificate reference", max_length=60, required=False)
    copy_to_tenant_on = GovUKDateField(label="Copy given to the tenant on", required=False, past_only=True)
    remedial_work_needed = forms.BooleanField(label="The EICR asks for remedial work", required=False)


class TenancyForm(GovUKForm):
    tenant = forms.CharField(label="Tenant", max_length=200, error_messages={"required": "Enter the tenant's name"})
    rent = MoneyField(label="Rent", error_messages={"required": "Enter the rent"})
    rent_frequency = forms.ChoiceField(label="Due", choices=RentFrequency.choices, widget=forms.RadioSelect,
                                       error_messages={"required": "Choose how often the rent is due"})
    starts_on = GovUKDateField(label="Start date", error_messages={"required": "Enter the start date"})
    ends_on = GovUKDateField(label="End date", required=False)
    deposit = forms.DecimalField(label="Deposit (£)", min_value=0, max_digits=10, decimal_places=2, required=False)
    deposit_received_on = GovUKDateField(label="Deposit received on", required=False, past_only=True)
    deposit_scheme = forms.ChoiceField(label="Protected with", choices=[("", "Not yet protected"),
                                                                        *DepositScheme.choices], required=False)
    deposit_protected_on = GovUKDateField(label="Protected on", required=False, past_only=True)
    deposit_reference = forms.CharField(label="Scheme reference", max_length=60, required=False)


class RentReceiptForm(GovUKForm):
    amount = MoneyField(label="Rent received", error_messages={"required": "Enter the amount received"})
    received_on = GovUKDateField(label="Date received", past_only=True,
                                 error_messages={"required": "Enter the date received"})


class RentReviewForm(GovUKForm):
    reviewed_on = GovUKDateField(label="Date of the review", past_only=True,
                                 error_messages={"required": "Enter the date of the review"})
    market_rent = MoneyField(label="Market rent", error_messages={"required": "Enter the market rent"})
    new_rent = MoneyField(label="Rent decided", error_messages={"required": "Enter the rent decided"})
    note = forms.CharField(label="Note", max_length=1000, required=False)
