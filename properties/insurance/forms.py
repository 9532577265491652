"""Forms for property insurance."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from people.forms import GovUKForm


class PolicyForm(GovUKForm):
    insurer = forms.CharField(label="Insurer", max_length=200, error_messages={"required": "Enter the insurer"})
    policy_number = forms.CharField(label="Policy number", max_length=60,
                                    error_messages={"required": "Enter the policy number"})
    cover = forms.CharField(label="What it covers", max_length=500, help_text="For example, buildings and contents",
                            error_messages={"required": "Say what the policy covers"})
    unoccupied_cover = forms.BooleanField(label="It covers the home while it is empty", required=False)
    unoccupied_conditions = forms.CharField(label="The insurer's conditions while empty", max_length=1000,
                                            required=False, widget=forms.Textarea(attrs={"rows": 3}))
    inspection_every_days = forms.IntegerField(label="Inspection required at least every (days)", required=False,
                                               min_value=1, max_value=365)
    starts_on = GovUKDateField(label="Start date", error_messages={"required": "Enter the start date"})
    renews_on = GovUKDateField(label="Renewal date", error_messages={"required": "Enter the renewal date"})
    premium = forms.DecimalField(label="Premium (£)", min_value=0, max_digits=10, decimal_places=2,
                                 error_messages={"required": "Enter the premium"})
    pay_premium_on = GovUKDateField(label="Pay the premium from the client's money on", required=False,
                                    help_text="Leave blank if it is already paid or paid another way")
