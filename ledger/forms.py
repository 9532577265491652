"""Forms for the money pages. They check what the officer typed and give GOV.UK-style messages; they
never post anything (the views hand ``cleaned_data`` to the ledger's services, which check again)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.forms import GovUKDateField
from ledger.choices import MoneyInCategory, MoneyOutCategory
from ledger.imports import MAX_FILE_BYTES
from people.forms import GovUKForm

#: The largest single amount the pages accept; bigger sums (a house sale) are still a few entries.
MAX_AMOUNT = Decimal("9999999.99")
MONEY_TEXT = re.compile(r"^\d{1,3}(,\d{3})*(\.\d{1,2})?$|^\d+(\.\d{1,2})?$")


class MoneyField(forms.CharField):
    """An amount in pounds and pence, typed as the officer would write it (1,250.50 or £1250.5),
    read with ``Decimal`` and never a float. Always more than zero."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"prefix": "£", "class": "govuk-input--width-10", "inputmode": "decimal",
                                  "autocomplete": "off"})

    def to_python(self, value):
        text = (super().to_python(value) or "").strip().replace(" ", "")
        if not text:
            return None
        label = str(self.label).lower()
        if text.startswith("£"):
            text = text[1:]
        if len(text) > 20:
            raise ValidationError(f"Enter the {label} in pounds and pence, like 150.00")
        if text.startswith("-"):
            raise ValidationError(f"The {label} must be more than £0.00")
        if not MONEY_TEXT.match(text):
            raise ValidationError(f"Enter the {label} in pounds and pence, like 150.00")
        try:
            amount = Decimal(text.replace(",", "")).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise ValidationError(f"Enter the {label} in pounds and pence, like 150.00") from None
        if amount <= 0:
            raise ValidationError(f"The {label} must be more than £0.00")
        if amount > MAX_AMOUNT:
            raise ValidationError(f"The {label} must be £{MAX_AMOUNT:,} or less")
        return amount


class ZeroOrMoreMoneyField(MoneyField):
    """An amount in pounds and pence that may also be £0.00 (an estate with no debts, a card with nothing on it,
    an investment now worth nothing)."""

    def to_python(self, value):
        text = (value or "").strip().lstrip("£").replace(",", "")
        if text and text.strip("0.") == "" and text.count(".") <= 1:
            return Decimal("0.00")
        return super().to_python(value)


class IdempotentForm(GovUKForm):
    """A form that records money carries a key made when the page is drawn, so pressing the button
    twice (or the browser sending the form again) records the money once."""

    request_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("request_key", uuid.uuid4().hex)

    def clean_request_key(self):
        value = self.cleaned_data["request_key"]
        if not re.fullmatch(r"[0-9a-f]{32}", value):
            raise ValidationError("This form has expired: reload the page and try again")
        return value


def _categories(choices) -> list[tuple[str, str]]:
    return [("", "Choose a category"), *choices]


class ReceiptForm(IdempotentForm):
    amount = MoneyField(label="Amount received", error_messages={"required": "Enter the amount received"})
    effective_date = GovUKDateField(label="Date received", past_only=True, help_text="For example, 27 3 2026",
                                    error_messages={"required": "Enter the date the money was received"})
    category = forms.ChoiceField(
        label="What the money is", choices=_categories(MoneyInCategory.choices),
        help_text="The Office of the Public Guardian's money-in category, used in the annual deputy report",
        error_messages={"required": "Choose what the money is", "invalid_choice": "Choose what the money is"},
    )
    memo = forms.CharField(label="Description", required=False, max_length=500,
                           help_text="For example, 'State Pension, 4 weeks to 6 April'")


class PaymentForm(IdempotentForm):
    payee = forms.CharField(label="Who is being paid", max_length=200,
                            error_messages={"required": "Enter who is being paid"})
    reference = forms.CharField(label="Payee's reference", required=False, max_length=100,
                                help_text="The account number or invoice number the payee gave")
    amount = MoneyField(label="Amount", error_messages={"required": "Enter the amount to pay"})
    effective_date = GovUKDateField(label="Payment date", help_text="For example, 27 3 2026",
                                    error_messages={"required": "Enter the payment date"})
    category = forms.ChoiceField(
        label="What the payment is for", choices=_categories(MoneyOutCategory.choices),
        help_text="The Office of the Public Guardian's money-out category, used in the annual deputy report",
        error_messages={"required": "Choose what the payment is for",
                        "invalid_choice": "Choose what the payment is for"},
    )
    memo = forms.CharField(label="Description", required=False, max_length=500)

    def clean_effective_date(self):
        value = self.cleaned_data["effective_date"]
        if value and value > dt.date.today() + dt.timedelta(days=31):
            raise ValidationError("The payment date must be within the next month")
        return value


class CancelHoldForm(GovUKForm):
    reason = forms.CharField(label="Why is the payment being cancelled", max_length=300,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Enter why the payment is being cancelled"})


class StatementFilterForm(forms.Form):
    """The date range and direction of a statement. Bad or missing values fall back to the default range."""

    start = forms.DateField(label="From", required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                          widget=forms.DateInput(attrs={"type": "date"}))
    direction = forms.ChoiceField(label="Show", required=False, choices=[
        ("", "Money in and out"), ("in", "Money in only"), ("out", "Money out only")])

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data


class StatementUploadForm(GovUKForm):
    file = forms.FileField(
        label="Bank statement file (CSV)",
        help_text="Export the pooled client account from online banking as CSV (or as BAI2, MT940 or camt.053)",
        error_messages={"required": "Choose a bank statement file", "empty": "The file you chose is empty"},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,text/csv,.txt,.bai,.bai2,.sta,.940,.mt940,.xml,application/xml,text/xml"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(f"The file must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return upload


class ClientPickerSearchForm(GovUKForm):
    """Find the client a bank line belongs to (the page's GET form): by part of a name, the council
    reference with or without "ASC-", and/or the date of birth."""

    q = forms.CharField(label="Name or council reference", required=False, max_length=100,
                        help_text="For example, 'Thornton', 'mar tho' or '100001'")
    dob = GovUKDateField(label="Date of birth", required=False, past_only=True,
                         help_text="For example, 17 5 1941")

    def searched(self) -> bool:
        """Whether anything was typed (an empty search lists nobody rather than everyone)."""
        return bool((self.data.get("q") or "").strip()) or any(self.data.get(f"dob_{i}") for i in range(3))


class AllocateForm(GovUKForm):
    """Choose one of the clients the search found, and say what the money is."""

    client = forms.TypedChoiceField(
        label="Who the money belongs to", coerce=int, widget=forms.RadioSelect,
        error_messages={"required": "Choose the client the money belongs to",
                        "invalid_choice": "Choose a client from the list"},
    )
    category = forms.ChoiceField(label="What the money is", error_messages={
        "required": "Choose a category", "invalid_choice": "Choose a category"})

    def __init__(self, *args, money_in: bool, clients=(), **kwargs):
        super().__init__(*args, **kwargs)
        picker = self.fields["client"]
        picker.choices = [(client.pk, client.full_name) for client in clients]
        picker.widget.hints = {
            client.pk: ", ".join(filter(None, [
                client.council_reference,
                f"known as {client.preferred_name}" if client.preferred_name else "",
                f"born {client.date_of_birth.day} {client.date_of_birth:%B %Y}" if client.date_of_birth else "",
                f"died {client.date_of_death.day} {client.date_of_death:%B %Y}" if client.date_of_death else "",
            ]))
            for client in clients
        }
        if not clients:
            picker.error_messages["required"] = picker.error_messages["invalid_choice"] = (
                "Search for the client the money belongs to, then choose them")
        field = self.fields["category"]
        if money_in:
            field.choices = _categories(MoneyInCategory.choices)
        else:
            field.label = "What the payment was for"
            field.choices = _categories(MoneyOutCategory.choices)


class ReconciliationPrepareForm(GovUKForm):
    month = forms.TypedChoiceField(label="Month", coerce=int, choices=[
        (n, dt.date(2000, n, 1).strftime("%B")) for n in range(1, 13)],
        error_messages={"required": "Choose the month", "invalid_choice": "Choose the month"})
    year = forms.IntegerField(label="Year", min_value=2000, max_value=2100, error_messages={
        "required": "Enter the year", "invalid": "Enter the year as 4 digits, like 2026",
        "min_value": "Enter the year as 4 digits, like 2026", "max_value": "Enter the year as 4 digits, like 2026"})
    bank_closing_balance = forms.CharField(
        label="Bank's closing balance", required=False, max_length=20,
        help_text="Leave this blank to take it from the imported bank statement. A negative balance starts with -",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update({"class": "govuk-input--width-4", "inputmode": "numeric"})
        self.fields["bank_closing_balance"].widget.attrs.update({"prefix": "£", "class": "govuk-input--width-10",
                                                                  "inputmode": "decimal", "autocomplete": "off"})

    def clean_bank_closing_balance(self):
        text = self.cleaned_data["bank_closing_balance"].strip().replace(" ", "").replace("£", "").replace(",", "")
        if not text:
            return None
        if not re.fullmatch(r"-?\d+(\.\d{1,2})?", text):
            raise ValidationError("Enter the bank's closing balance in pounds and pence, like 15250.00")
        return Decimal(text).quantize(Decimal("0.01"))

    def clean(self):
        data = super().clean()
        month, year = data.get("month"), data.get("year")
        if month and year:
            first = dt.date(year, month, 1)
            if first > timezone.localdate().replace(day=1) - dt.timedelta(days=1):
                self.add_error("month", "Choose a month that has ended: a month is reconciled from the day after "
                                        "its last day")
            data["first_day"] = first
        return data


class ReopenMonthForm(GovUKForm):
    reason = forms.CharField(
        label="Why does the month need to be reopened", max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the bank's statement was corrected after the month was signed off. This is kept "
                  "with the month's history and shown wherever its reconciliation is.",
        error_messages={"required": "Enter why the month needs to be reopened"})


class StatementLayoutForm(GovUKForm):
    """A team leader's mapping of a bank's CSV export, made from a sample file. The column choices are
    the sample's headings (the row the team leader names)."""

    sample = forms.FileField(label="Sample statement file (CSV)", required=False,
                             help_text="A statement exported from online banking in the layout to add")
    sample_text = forms.CharField(required=False, widget=forms.HiddenInput)
    heading_row = forms.IntegerField(label="Row that holds the column headings", min_value=1, max_value=21,
                                     initial=1, widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}))
    name = forms.CharField(label="Name of the layout", max_length=100, required=False,
                           help_text="The bank and its export, for example: Metro Bank business online banking")
    date = forms.ChoiceField(label="Date column", required=False)
    description = forms.ChoiceField(label="Description column", required=False)
    amount = forms.ChoiceField(label="Amount column (one signed amount)", required=False,
                               help_text="Leave empty if the file has separate money-in and money-out columns")
    money_in_is_negative = forms.BooleanField(label="The amount column shows money in as negative", required=False)
    money_in = forms.ChoiceField(label="Money in column", required=False)
    money_out = forms.ChoiceField(label="Money out column", required=False)
    reference = forms.ChoiceField(label="Reference column", required=False)
    bank_type = forms.ChoiceField(label="Bank's transaction type column", required=False)
    balance = forms.ChoiceField(label="Running balance column", required=False)
    newest_first = forms.BooleanField(label="The bank lists the newest lines first", required=False)

    COLUMNS = ("date", "description", "amount", "money_in", "money_out", "reference", "bank_type", "balance")

    def set_headings(self, headings: list[str]) -> None:
        choices = [("", "(none)")] + [(heading, heading) for heading in headings]
        for name in self.COLUMNS:
            self.fields[name].choices = choices

    def clean_sample(self):
        upload = self.cleaned_data.get("sample")
        if upload is not None and upload.size > 2 * 1024 * 1024:
            raise ValidationError("The sample must be smaller than 2 MB: export a shorter period")
        return upload


class StatementLayoutChangeForm(StatementLayoutForm):
    """Changing a mapped layout: the same mapping from a sample, and why it is changed."""

    reason = forms.CharField(label="Why are you changing this layout?", required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="For example: the bank added a column to its export")


class StatementLayoutRetireForm(GovUKForm):
    reason = forms.CharField(label="Why are you retiring this layout?", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Say why the layout is being retired"},
                             help_text="For example: the bank replaced this export with a new one")


class BankDetailsForm(GovUKForm):
    """The pooled client bank account's sort code, account number and IBAN (checked again by
    :func:`ledger.statements.bank_details.bank_details_set`)."""

    sort_code = forms.CharField(label="Sort code", max_length=20, help_text="Must be 6 digits long",
                                error_messages={"required": "Enter the sort code"},
                                widget=forms.TextInput(attrs={"class": "govuk-input--width-5",
                                                              "inputmode": "numeric", "spellcheck": "false"}))
    account_number = forms.CharField(label="Account number", max_length=20, help_text="Must be 8 digits long",
                                     error_messages={"required": "Enter the account number"},
                                     widget=forms.TextInput(attrs={"class": "govuk-input--width-10",
                                                                   "inputmode": "numeric", "spellcheck": "false"}))
    iban = forms.CharField(label="IBAN (optional)", max_length=50, required=False,
                           help_text="As on the bank's letter, for example GB29 NWBK 6016 1331 9268 19",
                           widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}))
    reason = forms.CharField(label="Why are you recording or changing these details?", max_length=500,
                             error_messages={"required": "Say why the bank details are being recorded or changed"},
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="For example: from the bank's account opening letter of 3 March 2026")

    def clean(self):
        from ledger.statements.bank_details import bank_details_problems

        data = super().clean()
        if all(data.get(name) for name in ("sort_code", "account_number")):
            for field, problem in bank_details_problems(sort_code=data["sort_code"],
                                                        account_number=data["account_number"],
                                                        iban=data.get("iban", "")).items():
                self.add_error(field, problem)
        return data
