"""Form pieces shared by every app: the GOV.UK date input (day, month, year boxes)."""

from __future__ import annotations

import datetime as dt

from django import forms


class GovUKDateWidget(forms.MultiWidget):
    is_govuk_date = True

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovUKDateField(forms.MultiValueField):
    """A date entered as three boxes, with the error messages the GOV.UK date pattern asks for."""

    widget = GovUKDateWidget

    def __init__(self, *, past_only: bool = False, future_only: bool = False, **kwargs):
        self.past_only = past_only
        self.future_only = future_only
        # The boxes are not required one by one: compress() names the missing part ("must include a
        # month"), which Django's generic "Enter a complete value." would otherwise pre-empt.
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        label = str(self.label or "Date").lower()
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(f"The {label} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(f"The {label} must be a real date, like 27 3 1945")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"The {label} must be a real date") from None
        today = dt.date.today()
        if self.past_only and value > today:
            raise forms.ValidationError(f"The {label} must be today or in the past")
        if self.future_only and value < today:
            raise forms.ValidationError(f"The {label} must be today or in the future")
        return value
