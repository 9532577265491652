"""Forms for the debt panel: they check what was typed; the services decide and save."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from core.forms import GovUKDateField
from debt_recovery.panel.choices import PanelOutcome
from people.choices import Service
from people.forms import GovUKForm

ACTION_ROWS = 3


class PrepareForm(GovUKForm):
    background = forms.CharField(label="Why the debt comes to the panel, and what has been tried",
                                 widget=forms.Textarea, max_length=8000,
                                 error_messages={"required": "Say why the debt comes to the panel"})
    income_expenditure = forms.CharField(label="Income and expenditure (if recorded)", widget=forms.Textarea,
                                         required=False, max_length=8000)
    property_details = forms.CharField(label="Property (if recorded)", widget=forms.Textarea(attrs={"rows": 3}),
                               required=False, max_length=4000)
    recommendation = forms.ChoiceField(label="Your recommendation", choices=PanelOutcome.choices,
                                       widget=forms.RadioSelect, error_messages={"required": "Choose a recommendation"})
    recommendation_note = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
                                          error_messages={"required": "Explain the recommendation"})
    meeting_on = GovUKDateField(label="Panel meeting (if set)", required=False, future_only=True)


class DecisionForm(GovUKForm):
    meeting_on = GovUKDateField(label="The panel met on", past_only=True,
                                error_messages={"required": "Enter the date the panel met"})
    decision = forms.ChoiceField(label="The panel decided", choices=PanelOutcome.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Choose what the panel decided"})
    decision_note = forms.CharField(label="The panel's reasons", widget=forms.Textarea(attrs={"rows": 4}),
                                    max_length=4000, error_messages={"required": "Record the panel's reasons"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = (get_user_model().objects.filter(is_active=True, memberships__team__service=Service.DEBT_RECOVERY)
                 .distinct().order_by("last_name", "first_name"))
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(label=f"Action {n}", max_length=180, required=False)
            self.fields[f"assignee_{n}"] = forms.ModelChoiceField(label=f"Action {n}: who", queryset=staff,
                                                                  required=False)
            self.fields[f"assignee_{n}"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
            self.fields[f"due_{n}"] = GovUKDateField(label=f"Action {n}: by", required=False)

    def clean(self):
        data = super().clean()
        actions = []
        for n in range(1, ACTION_ROWS + 1):
            parts = (data.get(f"action_{n}"), data.get(f"assignee_{n}"), data.get(f"due_{n}"))
            if any(parts) and not all(parts):
                self.add_error(f"action_{n}", "Give the action, who does it and by when")
            elif all(parts):
                actions.append(parts)
        data["actions"] = actions
        return data

    def action_rows(self):
        return [(self[f"action_{n}"], self[f"assignee_{n}"], self[f"due_{n}"]) for n in range(1, ACTION_ROWS + 1)]
