"""Forms for the ladder and hold pages: they check what was typed and give GOV.UK-style messages; the
services check the rules (their refusals go into the same error slots) and write."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms

from core.forms import GovUKDateField
from debt_recovery.accounts.choices import CustomerType
from debt_recovery.holds.choices import HoldReason
from debt_recovery.ladder.choices import LadderLetter, StepKind
from people.forms import GovUKForm, ReasonField


def _required(message: str) -> dict:
    return {"required": message}


class LadderStepForm(GovUKForm):
    position = forms.IntegerField(label="Position on the ladder", min_value=1, max_value=99,
                                  error_messages={**_required("Enter the step's position"),
                                                  "min_value": "The position must be 1 or more",
                                                  "max_value": "The position must be 99 or less",
                                                  "invalid": "The position must be a whole number"})
    kind = forms.ChoiceField(label="Kind of step", choices=StepKind.choices, widget=forms.RadioSelect,
                             error_messages=_required("Choose the kind of step"))
    name = forms.CharField(label="Name", max_length=100, error_messages=_required("Enter the step's name"))
    days_after = forms.IntegerField(
        label="Days after the previous step", min_value=0, max_value=3650,
        help_text="For the first step: days after the debt fell due.",
        error_messages={**_required("Enter the number of days"), "min_value": "The days cannot be negative",
                        "max_value": "The days must be 3650 or fewer", "invalid": "The days must be a whole number"})
    letter_kind = forms.ChoiceField(label="Letter it sends", choices=LadderLetter.choices, required=False,
                                    widget=forms.RadioSelect)
    creates_task = forms.BooleanField(label="Give the recovery officer a task", required=False)
    task_due_days = forms.IntegerField(label="Days the officer has for the task", min_value=1, max_value=365,
                                       initial=5, error_messages={**_required("Enter the days for the task"),
                                                                  "invalid": "The days must be a whole number"})
    min_balance = forms.CharField(label="Minimum overdue balance", max_length=14, required=False,
                                  help_text="Leave empty or 0 for any balance.")
    customer_types = forms.MultipleChoiceField(
        label="Only for these customer types", choices=CustomerType.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Choose none for every customer type.")
    active = forms.BooleanField(label="The step is in use", required=False, initial=True)
    guidance = forms.CharField(label="Guidance for the officer, and its source", required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 3}))
    reason = ReasonField(label="Why are you changing the ladder?")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["min_balance"].widget.attrs.update({"prefix": "£", "class": "govuk-input--width-10",
                                                        "inputmode": "decimal"})

    def clean_min_balance(self):
        raw = (self.cleaned_data.get("min_balance") or "").replace("£", "").replace(",", "").strip() or "0"
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise forms.ValidationError("The minimum overdue balance must be an amount, like 50.00") from None
        if value < 0 or value != value.quantize(Decimal("0.01")):
            raise forms.ValidationError("The minimum overdue balance must be 0 or more, in pounds and pence")
        return value

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "reason"}
        return data


class HoldPlaceForm(GovUKForm):
    reason = forms.ChoiceField(label="Why is the debt held?", choices=HoldReason.choices, widget=forms.RadioSelect,
                               error_messages=_required("Choose why the debt is held"))
    review_on = GovUKDateField(label="Review date", future_only=True,
                               help_text="When an officer looks at the hold again. For example, 27 3 2027",
                               error_messages=_required("Enter the review date"))
    note = forms.CharField(label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="What the hold is for. Required for “Other”.")


class HoldReleaseForm(GovUKForm):
    note = forms.CharField(label="Why is the hold released?", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages=_required("Enter why the hold is released"))


class HoldReviewForm(GovUKForm):
    review_on = GovUKDateField(label="Next review date", future_only=True,
                               error_messages=_required("Enter the next review date"))
    note = forms.CharField(label="What did the review find?", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages=_required("Enter what the review found"))
