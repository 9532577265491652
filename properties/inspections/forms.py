"""Forms for inspections of empty homes."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from core.forms import GovUKDateField
from people.forms import GovUKForm
from properties.inspections.choices import Condition


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(each, initial) for each in data if each]
        return [single(data, initial)] if data else []


class InspectionForm(GovUKForm):
    visited_on = GovUKDateField(label="Date of the visit", past_only=True,
                                error_messages={"required": "Enter the date of the visit"})
    inspector = forms.CharField(label="Who inspected it", max_length=200,
                                error_messages={"required": "Say who inspected the property"})
    condition = forms.ChoiceField(label="Condition", choices=Condition.choices, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose the condition the property was in"})
    findings = forms.CharField(label="What was found", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    photos = MultipleFileField(label="Photographs (JPEG, PNG or PDF)", required=False)
    action = forms.CharField(label="Action needed", required=False, max_length=500)
    action_owner = forms.ModelChoiceField(label="Who will do it", queryset=None, required=False)
    action_due = GovUKDateField(label="Action due by", required=False, future_only=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from people.selectors import teams_of

        self.fields["action_owner"].queryset = get_user_model().objects.filter(
            is_active=True, memberships__team__in=teams_of(user=user)).distinct().order_by("first_name")
        self.fields["action_owner"].initial = user.pk

    def clean(self):
        data = super().clean()
        if data.get("action") and not (data.get("action_owner") and data.get("action_due")):
            self.add_error("action_due", "Give the action an owner and a due date")
        return data
