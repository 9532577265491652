"""Forms of Bacs report import: check what was sent; no saving."""

from __future__ import annotations

import base64
import binascii

from django import forms

#: The largest report accepted (a busy ARUDD is a few hundred kilobytes).
MAX_BYTES = 5 * 1024 * 1024


class ReportUploadForm(forms.Form):
    file = forms.FileField(label="Bacs report file (XML)",
                           help_text="An ARUDD, ADDACS, AUDDIS or input report as the bureau received it.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB: it is not a Bacs report.")
        return upload


class ReportConfirmForm(forms.Form):
    """The report previewed, sent back whole to be imported (checked again before anything is written)."""

    content = forms.CharField(widget=forms.HiddenInput)
    filename = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_content(self):
        try:
            data = base64.b64decode(self.cleaned_data["content"], validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError("The report could not be read back: upload it again.") from None
        if len(data) > MAX_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB: it is not a Bacs report.")
        return data


class ReconciliationMonthForm(forms.Form):
    month = forms.RegexField(regex=r"^[0-9]{4}-(0[1-9]|1[0-2])$", required=False,
                             error_messages={"invalid": "Enter a month as YYYY-MM."})
