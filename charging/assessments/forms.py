"""Forms for the care and charging pages. They check what the officer typed and give GOV.UK-style
messages; they never save anything. The financial assessment form builds the calculator's
:class:`charging.assessments.calculator.AssessmentInput` (:func:`assessment_input`) and the view hands it to
``charging.services``, which works out the charge and refuses (naming the rate) if a rate is missing.

An assessment is one main form and four formsets (capital, income, housing costs, disability related
expenditure), each shown with a few blank rows: a row left blank is ignored. Each list has an "Add
another" button: a submit button that draws the page again with what was typed and one more empty row
(:meth:`AssessmentForms.with_another_row`), so no JavaScript is needed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict

from charging.assessments.calculator import (
    FREQUENCY_LABELS,
    INCOME_LABELS,
    MANDATORY_DISREGARD_LABELS,
    TWELVE_WEEKS_DAYS,
    AssessmentInput,
    CapitalItem,
    CapitalKind,
    Expense,
    Frequency,
    IncomeItem,
    IncomeKind,
    MandatoryDisregard,
    Premiums,
    PropertyDisregardFacts,
    Setting,
    age_on,
)
from charging.assessments.choices import AssessmentStatus, CareSetting
from core.forms import GovUKDateField
from documents.uploads import (
    ACCEPT_ATTRIBUTE,
    EMPTY_MESSAGE,
    UploadRefused,
     check_upload,
    max_upload_bytes,
    size_words,
)
from ledger.forms import MONEY_TEXT, MoneyField
from people.forms import GovUKForm

#: Blank rows shown under each list (more appear after saving, on the edit page, or with "Add another").
EXTRA_ROWS = 3
#: The name of the "Add another ..." submit buttons; the value is the list's prefix.
ADD_ROW = "add_row"
ADD_ROW_LABELS = {"capital": "Add another capital item", "income": "Add another income line",
                  "housing_costs": "Add another housing cost", "dre_items": "Add another expense"}
MAX_ROWS = 100  # the API's limit per list too
ADULT_AGE = 18
#: State Pension age is 66 for anyone born before 6 April 1960 and up to 67 for those born up to
#: 1977, so the box is ticked for anyone certainly over it; the officer confirms either way.
SPA_66_BORN_BEFORE = dt.date(1960, 4, 6)

CAPITAL_KIND_LABELS = {
    CapitalKind.SAVINGS: "Savings (bank or building society account, cash)",
    CapitalKind.INVESTMENT: "Investments (shares, bonds, ISAs)",
    CapitalKind.MAIN_HOME: "Main or only home",
    CapitalKind.OTHER_PROPERTY: "Other property or land",
    CapitalKind.OTHER: "Other capital",
}


def _required(message: str) -> dict:
    return {"required": message}


def pension_credit_age_likely(date_of_birth: dt.date | None, on: dt.date) -> bool:
    """Whether the person has certainly reached pension credit age on ``on`` (a prefill only)."""
    if date_of_birth is None:
        return False
    age = age_on(date_of_birth, on)
    return age >= 66 if date_of_birth < SPA_66_BORN_BEFORE else age >= 67


class PoundsField(forms.CharField):
    """Pounds and pence that may be £0.00 (blank means none): notional capital."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"prefix": "£", "class": "govuk-input--width-10", "inputmode": "decimal",
                                  "autocomplete": "off"})

    def to_python(self, value):
        text = (super().to_python(value) or "").strip().replace(" ", "").removeprefix("£")
        if not text:
            return Decimal("0.00")
        label = str(self.label).lower()
        if text.startswith("-"):
            raise ValidationError(f"The {label} cannot be less than £0.00")
        if len(text) > 20 or not MONEY_TEXT.match(text):
            raise ValidationError(f"Enter the {label} in pounds and pence, like 5000.00")
        try:
            return Decimal(text.replace(",", "")).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise ValidationError(f"Enter the {label} in pounds and pence, like 5000.00") from None


def _yes(label: str, help_text: str = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text)


# --- care packages ---------------------------------------------------------------------------------

class CarePackageForm(GovUKForm):
    setting = forms.ChoiceField(
        label="Type of care", choices=CareSetting.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of care", "invalid_choice": "Choose the type of care"},
    )
    provider_name = forms.CharField(label="Care provider", max_length=200,
                                    help_text="The care home or home care agency",
                                    error_messages=_required("Enter the name of the care provider"))
    weekly_cost = MoneyField(label="Weekly cost of care", help_text="What the care costs the council a week",
                             error_messages=_required("Enter the weekly cost of care"))
    start_date = GovUKDateField(label="Date care started", help_text="For example, 27 3 2026",
                                error_messages=_required("Enter the date care started"))
    end_date = GovUKDateField(label="Date care ends", required=False,
                              help_text="Only if it is already known. For example, 27 3 2027")
    description = forms.CharField(label="Description", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="For example, '4 visits a day, 2 carers at bedtime'")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The date care ends must be the same as or after the date it started")
        return data


class CarePackageEndForm(GovUKForm):
    end_date = GovUKDateField(label="Last day of care", help_text="For example, 27 3 2026",
                              error_messages=_required("Enter the last day of care"))
    reason = forms.CharField(label="Why is the care ending", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages=_required("Enter why the care is ending"))


# --- the financial assessment ------------------------------------------------------------------------

class AssessmentForm(GovUKForm):
    """Everything about the person that is not a list. Sections that do not apply to the package's
    setting are left out of the form."""

    assessment_date = GovUKDateField(
        label="Assessment date", help_text="The date the circumstances are assessed as at; the rates in force "
                                           "that day are used. For example, 2 6 2025",
        error_messages=_required("Enter the assessment date"))
    date_of_birth = GovUKDateField(label="Date of birth", past_only=True, help_text="From the client's record",
                                   error_messages=_required("Enter the date of birth"))
    pension_credit_age = _yes("Has reached pension credit age",
                              "State Pension age: 66 for people born before 6 April 1960, up to 67 after")

    # Capital that is not a list
    notional_capital = PoundsField(
        label="Notional capital", help_text="Capital the person deliberately gave away to avoid charges and is "
                                            "treated as still having (deprivation of assets). Leave blank if none")
    notional_capital_reason = forms.CharField(
        label="Reasons for the deprivation decision", required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}), help_text="Needed with notional capital: it is shown on the letter")

    # Residential: the 12-week and mandatory property disregards, the partner at home
    mandatory_reason = forms.ChoiceField(
        label="Is the home still lived in by someone the rules protect?", required=False,
        choices=[("", "No: nobody the rules protect lives there"),
                 *[(reason.value, label[0].upper() + label[1:]) for reason, label in MANDATORY_DISREGARD_LABELS.items()]],
        help_text="If so, the home is disregarded (Charging Regulations Sch 2 para 4)")
    admission_date = GovUKDateField(label="First day of the permanent admission", required=False,
                                    help_text="Starts the 12-week property disregard. For example, 2 6 2025")
    previous_disregard_days_used = forms.IntegerField(
        label="Days of a 12-week disregard used in an earlier admission", required=False, min_value=0,
        max_value=TWELVE_WEEKS_DAYS, help_text="Only if the person was in permanent care before; leave blank if not",
        error_messages={"invalid": "Enter the days used as a whole number, like 20",
                        "min_value": "The days used cannot be less than 0",
                        "max_value": f"The days used cannot be more than {TWELVE_WEEKS_DAYS}"})
    previous_disregard_ended = GovUKDateField(label="Date the earlier disregard ended", required=False)
    pension_half_to_partner = _yes(
        "Half of an occupational or private pension goes to a partner who lives at home")

    # Non-residential
    night_care_provided = _yes(
        "Night care is provided", "If not, the night-care part of higher-rate Attendance Allowance or highest-rate "
                                  "DLA care is not counted")
    dre_flat_rate = _yes("Use the council's flat rate for disability related expenditure",
                         "The itemised expenses below are used instead where they come to more")
    disability_premium = _yes("Disability premium")
    enhanced_disability_premium = _yes("Enhanced disability premium")
    carer_premium = _yes("Carer premium")
    dependent_children = forms.IntegerField(
        label="Dependent children", required=False, min_value=0, max_value=20, help_text="Leave blank if none",
        error_messages={"invalid": "Enter the number of dependent children as a whole number, like 2",
                        "min_value": "The number of dependent children cannot be less than 0",
                        "max_value": "The number of dependent children must be 20 or fewer"})

    reason = forms.CharField(label="Reason for the assessment", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="For example, 'New care package' or 'Pension increased'",
                             error_messages=_required("Enter the reason for the assessment"))
    notes = forms.CharField(label="Notes", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                            help_text="Anything the team leader should know when approving it")

    RESIDENTIAL_ONLY = ("mandatory_reason", "admission_date", "previous_disregard_days_used",
                        "previous_disregard_ended", "pension_half_to_partner")
    NON_RESIDENTIAL_ONLY = ("night_care_provided", "dre_flat_rate", "disability_premium",
                            "enhanced_disability_premium", "carer_premium", "dependent_children")

    def __init__(self, *args, setting: str, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.setting = setting
        for name in self.NON_RESIDENTIAL_ONLY if setting == CareSetting.RESIDENTIAL else self.RESIDENTIAL_ONLY:
            del self.fields[name]
        for name in ("previous_disregard_days_used", "dependent_children"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"class": "govuk-input--width-3", "inputmode": "numeric"})
        if editing:
            self.fields["reason"].label = "Reason for the change"
            self.fields["reason"].help_text = "Kept in the assessment's history, e.g. 'Corrected the pension amount'"
            self.fields["reason"].error_messages["required"] = "Enter the reason for the change"

    @property
    def residential(self) -> bool:
        return self.setting == CareSetting.RESIDENTIAL

    def clean(self):
        data = super().clean()
        born, on = data.get("date_of_birth"), data.get("assessment_date")
        if born and on:
            if born > on:
                self.add_error("date_of_birth", "The date of birth must be before the assessment date")
            elif age_on(born, on) < ADULT_AGE:
                self.add_error("date_of_birth", "Adult social care charging applies from age 18: check the date of "
                                                "birth")
        if data.get("notional_capital") and not (data.get("notional_capital_reason") or "").strip():
            self.add_error("notional_capital_reason", "Enter the reasons for the deprivation decision")
        if data.get("previous_disregard_days_used") and not data.get("previous_disregard_ended"):
            self.add_error("previous_disregard_ended", "Enter the date the earlier disregard ended")
        return data


class RowForm(GovUKForm):
    """One row of a list. A row whose boxes are all blank is ignored (it is not "changed")."""

    significant: tuple[str, ...] = ()
    row_noun = "Row"

    def has_changed(self) -> bool:
        if not self.is_bound:
            return False
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in self.significant)


class CapitalItemForm(RowForm):
    significant = ("description", "kind", "value", "disregard_reason")
    row_noun = "Capital item"

    description = forms.CharField(label="Description", max_length=200,
                                  error_messages=_required("Enter what the capital is"))
    kind = forms.ChoiceField(label="Kind", choices=[("", "Choose"), *CAPITAL_KIND_LABELS.items()],
                             error_messages={"required": "Choose the kind of capital",
                                             "invalid_choice": "Choose the kind of capital"})
    value = MoneyField(label="Value", error_messages=_required("Enter the value"))
    joint_owners = forms.IntegerField(
        label="Owners", min_value=1, max_value=20, initial=1,
        error_messages={"required": "Enter how many people own it", "invalid": "Enter the owners as a whole number",
                        "min_value": "At least 1 person owns it", "max_value": "Enter 20 owners or fewer"})
    disregard_reason = forms.CharField(
        label="Disregarded because", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joint_owners"].widget.attrs.update({"class": "govuk-input--width-3", "inputmode": "numeric"})
        self.fields["value"].widget.attrs["class"] = "govuk-input--width-10"

    def item(self) -> CapitalItem:
        data = self.cleaned_data
        reason = data["disregard_reason"].strip()
        return CapitalItem(description=data["description"].strip(), value=data["value"],
                           kind=CapitalKind(data["kind"]), joint_owners=data["joint_owners"],
                           disregarded=bool(reason), disregard_reason=reason)


class IncomeItemForm(RowForm):
    significant = ("kind", "weekly", "description")
    row_noun = "Income"

    kind = forms.ChoiceField(label="Kind of income", choices=[("", "Choose"), *INCOME_LABELS.items()],
                             error_messages={"required": "Choose the kind of income",
                                             "invalid_choice": "Choose the kind of income"})
    # The amount as on the award letter; ``frequency`` says how often (weekly if left as it is).
    weekly = MoneyField(label="Amount", error_messages=_required("Enter the amount"))
    frequency = forms.ChoiceField(label="Paid", choices=[(f.value, FREQUENCY_LABELS[f]) for f in Frequency],
                                  initial=Frequency.WEEKLY.value, required=False,
                                  error_messages={"invalid_choice": "Choose how often it is paid"})
    description = forms.CharField(label="Description", required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("kind") == IncomeKind.OTHER_DISREGARDED and not (data.get("description") or "").strip():
            self.add_error("description", "Say why the other income is disregarded")
        return data

    def item(self) -> IncomeItem:
        data = self.cleaned_data
        return IncomeItem.entered(IncomeKind(data["kind"]), data["weekly"], data.get("frequency") or Frequency.WEEKLY,
                                  data["description"].strip())


class ExpenseForm(RowForm):
    significant = ("description", "weekly")
    row_noun = "Expense"

    description = forms.CharField(label="Description", max_length=200,
                                  error_messages=_required("Enter what the expense is"))
    weekly = MoneyField(label="Weekly amount", error_messages=_required("Enter the weekly amount"))

    def item(self) -> Expense:
        return Expense(description=self.cleaned_data["description"].strip(), weekly=self.cleaned_data["weekly"])


class RowFormSet(forms.BaseFormSet):
    """Rows that may each be left blank; every row is labelled for the error summary."""

    noun = "Row"

    def _construct_form(self, i, **kwargs):
        kwargs["empty_permitted"] = True
        form = super()._construct_form(i, **kwargs)
        form.row_label = f"{self.noun} {i + 1}"
        form.use_required_attribute = False
        return form

    def items(self) -> tuple:
        return tuple(form.item() for form in self.forms if form.has_changed())


def _formset(form_class, noun: str):
    formset = forms.formset_factory(form_class, formset=RowFormSet, extra=EXTRA_ROWS, max_num=MAX_ROWS,
                                    absolute_max=MAX_ROWS + EXTRA_ROWS)
    formset.noun = noun
    return formset


CapitalFormSet = _formset(CapitalItemForm, "Capital item")
IncomeFormSet = _formset(IncomeItemForm, "Income")
HousingFormSet = _formset(ExpenseForm, "Housing cost")
DreFormSet = _formset(ExpenseForm, "Disability related expense")

#: Each list: its formset, its prefix in the form's field names and the input it fills.
LISTS = (
    ("capital", CapitalFormSet),
    ("income", IncomeFormSet),
    ("housing_costs", HousingFormSet),
    ("dre_items", DreFormSet),
)


class AssessmentForms:
    """The main form and its lists, bound or not, for a package's setting."""

    def __init__(self, data=None, *, setting: str, initial: dict | None = None, lists: dict | None = None,
                 editing: bool = False):
        self.setting = setting
        self.main = AssessmentForm(data, setting=setting, initial=initial or {}, editing=editing)
        wanted = [name for name, _ in LISTS
                  if setting == CareSetting.NON_RESIDENTIAL or name not in ("housing_costs", "dre_items")]
        self.lists = {name: formset(data, prefix=name, initial=(lists or {}).get(name) or None)
                      for name, formset in LISTS if name in wanted}

    def __getattr__(self, name):
        lists = self.__dict__.get("lists", {})
        if name in lists:
            return lists[name]
        raise AttributeError(name)

    def is_valid(self) -> bool:
        results = [self.main.is_valid(), *(formset.is_valid() for formset in self.lists.values())]
        return all(results)

    @staticmethod
    def row_wanted(data) -> str | None:
        """The list whose "Add another" button was pressed, if one was."""
        name = (data or {}).get(ADD_ROW)
        return name if name in ADD_ROW_LABELS else None

    @classmethod
    def with_another_row(cls, data, *, prefix: str, **kwargs) -> AssessmentForms:
        """The forms again with what was typed and one more empty row in the list ``prefix``, and no
        error messages: nothing has been submitted yet."""
        data = data.copy()
        total = f"{prefix}-TOTAL_FORMS"
        try:
            rows = int(data.get(total, 0))
        except (TypeError, ValueError):
            rows = 0
        data[total] = str(min(max(rows, 0) + 1, MAX_ROWS))
        data.pop(ADD_ROW, None)
        built = cls(data, **kwargs)
        for form in built.error_forms():
            form._errors = ErrorDict()  # shown as typed, not checked yet
        for formset in built.lists.values():
            formset._non_form_errors = formset.error_class()
        return built

    def error_forms(self) -> list:
        """The main form and every row form, for the error summary."""
        return [self.main, *(form for formset in self.lists.values() for form in formset.forms)]

    @property
    def row_errors(self) -> bool:
        return any(form.is_bound and form.errors for formset in self.lists.values() for form in formset.forms)

    def formset_errors(self) -> list[str]:
        return [str(e) for formset in self.lists.values() for e in formset.non_form_errors()]

    def assessment_input(self, *, weekly_cost_of_care: Decimal, couple=None) -> AssessmentInput:
        """The calculator's input from the valid forms (the cost of care is the package's)."""
        data = self.main.cleaned_data
        residential = self.setting == CareSetting.RESIDENTIAL
        lists = {name: formset.items() for name, formset in self.lists.items()}
        if residential:
            reason = data.get("mandatory_reason") or None
            property_disregard = PropertyDisregardFacts(
                mandatory_reason=MandatoryDisregard(reason) if reason else None,
                admission_date=data.get("admission_date"),
                previous_disregard_days_used=data.get("previous_disregard_days_used") or 0,
                previous_disregard_ended=data.get("previous_disregard_ended"))
            premiums = Premiums()
        else:
            property_disregard = PropertyDisregardFacts()
            premiums = Premiums(disability=data["disability_premium"],
                                enhanced_disability=data["enhanced_disability_premium"],
                                carer=data["carer_premium"], dependent_children=data.get("dependent_children") or 0)
        return AssessmentInput(
            setting=Setting(self.setting), assessment_date=data["assessment_date"],
            date_of_birth=data["date_of_birth"], pension_credit_age=data["pension_credit_age"],
            weekly_cost_of_care=weekly_cost_of_care, capital=lists["capital"],
            property_disregard=property_disregard, notional_capital=data["notional_capital"],
            notional_capital_reason=data["notional_capital_reason"].strip() if data["notional_capital"] else "",
            income=lists["income"], night_care_provided=data.get("night_care_provided", False),
            pension_half_to_partner=data.get("pension_half_to_partner", False),
            housing_costs=lists.get("housing_costs", ()), dre_items=lists.get("dre_items", ()),
            dre_flat_rate=data.get("dre_flat_rate", False), premiums=premiums, couple=couple,
        )


def initial_from_inputs(inputs: AssessmentInput) -> tuple[dict, dict]:
    """The main form's initial values and the lists' rows, from stored inputs (the edit page)."""
    prop, premiums = inputs.property_disregard, inputs.premiums
    initial = {
        "assessment_date": inputs.assessment_date, "date_of_birth": inputs.date_of_birth,
        "pension_credit_age": inputs.pension_credit_age,
        "notional_capital": f"{inputs.notional_capital:.2f}" if inputs.notional_capital else "",
        "notional_capital_reason": inputs.notional_capital_reason,
        "mandatory_reason": str(prop.mandatory_reason) if prop.mandatory_reason else "",
        "admission_date": prop.admission_date,
        "previous_disregard_days_used": prop.previous_disregard_days_used or None,
        "previous_disregard_ended": prop.previous_disregard_ended,
        "pension_half_to_partner": inputs.pension_half_to_partner,
        "night_care_provided": inputs.night_care_provided, "dre_flat_rate": inputs.dre_flat_rate,
        "disability_premium": premiums.disability, "enhanced_disability_premium": premiums.enhanced_disability,
        "carer_premium": premiums.carer, "dependent_children": premiums.dependent_children or None,
    }
    lists = {
        "capital": [{"description": c.description, "kind": str(c.kind), "value": f"{c.value:.2f}",
                     "joint_owners": c.joint_owners, "disregard_reason": c.disregard_reason if c.disregarded else ""}
                    for c in inputs.capital],
        "income": [{"kind": str(i.kind), "description": i.description,
                    **({"weekly": f"{i.amount:.2f}", "frequency": str(i.frequency)} if i.conversion
                       else {"weekly": f"{i.weekly:.2f}", "frequency": Frequency.WEEKLY.value})}
                   for i in inputs.income],
        "housing_costs": [{"description": e.description, "weekly": f"{e.weekly:.2f}"} for e in inputs.housing_costs],
        "dre_items": [{"description": e.description, "weekly": f"{e.weekly:.2f}"} for e in inputs.dre_items],
    }
    return initial, lists


# --- around the assessment -----------------------------------------------------------------------------

class ReturnToDraftForm(GovUKForm):
    reason = forms.CharField(label="Why is it going back to draft", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="The assessor sees this, e.g. 'Check the occupational pension figure'",
                             error_messages=_required("Enter why the assessment is going back to draft"))


class EvidenceForm(GovUKForm):
    evidences = forms.CharField(label="What it is evidence of", max_length=200,
                                help_text="For example, 'State Pension, £230.25 a week'",
                                error_messages=_required("Enter what the document is evidence of"))
    document_reference = forms.CharField(label="Document seen", max_length=200,
                                         help_text="For example, 'DWP award letter dated 10 April 2026'",
                                         error_messages=_required("Enter the document seen"))
    description = forms.CharField(label="Notes", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label="Upload a copy of the document", required=False,
                           widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
                           error_messages={"empty": EMPTY_MESSAGE, "invalid": "Select the file again",
                                           "missing": "Select the file again"})

    def __init__(self, *args, upload_refusals: dict | None = None, **kwargs):
        """``upload_refusals``: files dropped as they arrived (``documents.uploads.check_uploads``)."""
        super().__init__(*args, **kwargs)
        self.upload_refusals = upload_refusals or {}
        self.fields["file"].help_text = (f"A scan or photo of it, if you have one: a PDF, JPG or PNG, smaller than "
                                         f"{size_words(max_upload_bytes())}")

    def clean_file(self):
        refused = self.upload_refusals.get(self.add_prefix("file"))
        if refused is not None:
            raise ValidationError(refused.message, code=refused.code)
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                check_upload(upload)
            except UploadRefused as exc:
                raise ValidationError(exc.message, code=exc.code) from None
        return upload or None


class AssessmentListForm(forms.Form):
    """The filter above the team's list of assessments."""

    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *AssessmentStatus.choices])
    mine = forms.BooleanField(label="Only assessments I worked out", required=False)
