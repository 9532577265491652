"""Forms for payment runs: they check what was typed; the services check the rules."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from people.forms import GovUKForm, ReasonField


class RunBuildForm(GovUKForm):
    pay_on = GovUKDateField(label="Pay on", help_text="The Bacs processing day: requests due by then are included.")


class LineRemoveForm(GovUKForm):
    reason = ReasonField(label="Why is the payment taken out of the run?")


class LineRejectForm(GovUKForm):
    reason = ReasonField(label="The bank's reason", help_text="As the bank's report gives it, e.g. account closed.")
    reopen = forms.TypedChoiceField(
        label="What happens to the payment", widget=forms.RadioSelect, coerce=lambda value: value == "reopen",
        choices=[("reopen", "Pay it in the next run (once the bank details are put right)"),
                 ("cancel", "Cancel it")], error_messages={"required": "Choose what happens to the payment"})
