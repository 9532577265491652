from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from people.forms import GovUKForm


class StatementRequestForm(GovUKForm):
    requested_on = GovUKDateField(label="Date asked for", past_only=True, help_text="For example, 27 3 2026",
                                  error_messages={"required": "Give the date the statement was asked for"})
    requested_by_name = forms.CharField(label="Who asked", max_length=200,
                                        help_text="For example, the person, their son or their solicitor",
                                        error_messages={"required": "Say who asked for the statement"})
