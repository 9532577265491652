"""The auditors' filters. They check what was typed and turn it into a ``HistoryFilter``."""

from __future__ import annotations

from django import forms

from audit.selectors import HistoryFilter, history_sources
from core.forms import GovUKDateField
from people.models import Client


def _client_field(help_text: str) -> forms.CharField:
    return forms.CharField(label="Client's council reference", required=False, max_length=20, help_text=help_text)


def _date_fields() -> tuple[GovUKDateField, GovUKDateField]:
    return (
        GovUKDateField(label="From date", required=False, help_text="For example, 1 11 2026"),
        GovUKDateField(label="To date", required=False, help_text="For example, 30 11 2026"),
    )


class HistoryFilterForm(forms.Form):
    client = _client_field("For example, ASC-100234. Shows the client's record and everything that belongs to it.")
    model = forms.ChoiceField(label="Kind of record", required=False)
    record = forms.CharField(
        label="Record number", required=False, max_length=40,
        help_text="The number of one record of the kind chosen above.",
    )
    user = forms.CharField(
        label="Changed by", required=False, max_length=150,
        help_text="A username, or part of the person's name.",
    )
    request_id = forms.CharField(
        label="Request or job id", required=False, max_length=80,
        help_text="Every change made by one request or one job run shares an id.",
    )
    date_from, date_to = _date_fields()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", "Any kind of record")] + [
            (source.label, source.name) for source in history_sources()
        ]
        for name in ("client", "record", "user", "request_id"):
            self.fields[name].widget.attrs["spellcheck"] = "false"
        self.fields["client"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["record"].widget.attrs.update({"class": "govuk-input--width-10", "inputmode": "numeric"})

    def clean_client(self):
        reference = self.cleaned_data["client"].strip().upper()
        if not reference:
            return None
        client = Client.objects.filter(council_reference=reference).first()
        if client is None:
            raise forms.ValidationError("No client has that council reference")
        return client

    def clean_record(self):
        return self.cleaned_data["record"].strip()

    def clean_user(self):
        return self.cleaned_data["user"].strip()

    def clean_request_id(self):
        return self.cleaned_data["request_id"].strip()

    def clean(self):
        data = super().clean()
        if data.get("record") and not data.get("model"):
            self.add_error("model", "Choose the kind of record the record number belongs to")
        elif data.get("record") and data.get("model"):
            source = next(s for s in history_sources() if s.label == data["model"])
            try:
                source.model._meta.pk.to_python(data["record"])
            except Exception:  # noqa: BLE001 - any value the key cannot hold
                self.add_error("record", "Enter the record number in figures, like 1234")
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return data

    def to_filter(self) -> HistoryFilter:
        data = self.cleaned_data
        return HistoryFilter(
            client=data.get("client"),
            model=data.get("model") or "",
            record=data.get("record") or "",
            user=data.get("user") or "",
            request_id=data.get("request_id") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class AccessFilterForm(forms.Form):
    client = _client_field("For example, ASC-100234.")
    user = forms.CharField(label="Viewed by", required=False, max_length=150,
                           help_text="A username, or part of the person's name.")
    date_from, date_to = _date_fields()

    clean_client = HistoryFilterForm.clean_client
    clean_user = HistoryFilterForm.clean_user

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].widget.attrs.update({"class": "govuk-input--width-10", "spellcheck": "false"})

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return data
