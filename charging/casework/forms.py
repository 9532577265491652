"""Forms for the top-up, appeal, deprivation and referral pages. They check what the user typed and
give GOV.UK-style messages; the services check the rules (their refusals go into the same error
slots) and write."""

from __future__ import annotations

from django import forms

from charging.casework.choices import AppealKind, AppealOutcome, FirstPartyCase, ReferralTo, TopUpPayerKind
from charging.assessments.choices import CareSetting
from core.forms import GovUKDateField
from people.choices import Service
from people.forms import GovUKForm, ReasonField
from people.models import Team


def _required(message: str) -> dict:
    return {"required": message}


def _money_field(label: str, message: str, **kwargs) -> forms.CharField:
    field = forms.CharField(label=label, max_length=20, error_messages=_required(message), **kwargs)
    field.widget.attrs.update({"prefix": "£", "class": "govuk-input--width-10", "inputmode": "decimal"})
    return field


def _textarea(label: str, message: str | None = None, **kwargs) -> forms.CharField:
    kwargs.setdefault("max_length", 4000)
    if message:
        kwargs["error_messages"] = _required(message)
    else:
        kwargs["required"] = False
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 4}), **kwargs)


def _choices_of(queryset, label) -> list:
    return [("", "None")] + [(str(obj.pk), label(obj)) for obj in queryset]


class _PickField(forms.TypedChoiceField):
    """A select of the client's own records (assessments, contacts...), empty allowed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", None)
        super().__init__(**kwargs)


def _pick(form, name: str, queryset, label) -> None:
    form.fields[name].choices = _choices_of(queryset, label)
    form._pick_sources[name] = {obj.pk: obj for obj in queryset}


class _ClientForm(GovUKForm):
    def __init__(self, *args, client, **kwargs):
        self.client = client
        self._pick_sources: dict[str, dict] = {}
        super().__init__(*args, **kwargs)

    def picked(self, name: str):
        pk = self.cleaned_data.get(name)
        return self._pick_sources[name].get(pk) if pk is not None else None


# --- top-ups --------------------------------------------------------------------------------------

class TopUpAgreementForm(_ClientForm):
    payer_kind = forms.ChoiceField(label="Who pays the top-up?", choices=TopUpPayerKind.choices,
                                   widget=forms.RadioSelect, error_messages=_required("Choose who pays the top-up"))
    payer = _PickField(label="Third-party payer", help_text="One of the client's contacts, usually a relative")
    first_party_case = forms.ChoiceField(
        label="If the resident pays: which permitted case applies?", required=False, widget=forms.RadioSelect,
        choices=[c for c in FirstPartyCase.choices if c[0]],
    )
    weekly_amount = _money_field("Top-up a week", "Enter the weekly top-up")
    care_package = _PickField(label="Care home placement")
    provider_name = forms.CharField(label="Care home", max_length=200, required=False,
                                    help_text="Leave empty to use the placement's care home")
    start_date = GovUKDateField(label="Start date", help_text="For example, 1 4 2026",
                                error_messages=_required("Enter the start date"))
    end_date = GovUKDateField(label="End date", required=False)
    notes = _textarea("Notes")

    def __init__(self, *args, client, contacts, care_packages, **kwargs):
        super().__init__(*args, client=client, **kwargs)
        _pick(self, "payer", contacts, lambda c: c.name)
        _pick(self, "care_package", care_packages.filter(setting=CareSetting.RESIDENTIAL),
              lambda p: f"{p.provider_name}, from {p.start_date:%d %B %Y}")

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("payer", "care_package")}
        return {**data, "payer": self.picked("payer"), "care_package": self.picked("care_package")}


class TopUpSignForm(GovUKForm):
    signed_on = GovUKDateField(label="Date the written agreement was signed", past_only=True,
                               error_messages=_required("Enter the date the agreement was signed"))


class TopUpEndForm(GovUKForm):
    end_date = GovUKDateField(label="Last day of the top-up", error_messages=_required("Enter the last day"))
    reason = ReasonField(label="Why is the top-up ending?")


class InvoicePaymentForm(GovUKForm):
    paid_on = GovUKDateField(label="Date the payment was received", past_only=True,
                             error_messages=_required("Enter the date the payment was received"))
    amount_paid = _money_field("Amount received", "Enter the amount received")


class InvoiceMissedForm(GovUKForm):
    reason = ReasonField(label="Why is the payment missed?", help_text="For example, the payer cancelled the direct debit")


# --- appeals and deprivation ----------------------------------------------------------------------

def _assessment_label(a) -> str:
    return f"{a.get_setting_display()} assessment of {a.assessment_date:%d %B %Y} ({a.get_status_display().lower()})"


class AppealForm(_ClientForm):
    kind = forms.ChoiceField(label="What kind is it?", choices=AppealKind.choices, widget=forms.RadioSelect,
                             error_messages=_required("Choose what kind of appeal or complaint it is"))
    received_on = GovUKDateField(label="Date received", past_only=True,
                                 error_messages=_required("Enter the date it was received"))
    grounds = _textarea("Grounds", "Enter the grounds", help_text="What the person says is wrong")
    assessment = _PickField(label="Assessment it concerns")
    deprivation_decision = _PickField(label="Deprivation of assets decision it concerns")
    due_on = GovUKDateField(label="Response due by", required=False,
                            help_text="Leave empty for 20 working days after it was received. For the Ombudsman, "
                                      "give the date in its enquiry letter.")

    def __init__(self, *args, client, assessments, decisions, **kwargs):
        super().__init__(*args, client=client, **kwargs)
        _pick(self, "assessment", assessments, _assessment_label)
        _pick(self, "deprivation_decision", decisions,
              lambda d: f"Decision of {d.decided_on:%d %B %Y}: £{d.notional_capital:,} notional capital")

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("assessment", "deprivation_decision")}
        return {**data, "assessment": self.picked("assessment"),
                "deprivation_decision": self.picked("deprivation_decision")}


class AppealOutcomeForm(_ClientForm):
    outcome = forms.ChoiceField(label="Outcome", choices=[c for c in AppealOutcome.choices if c[0]],
                                widget=forms.RadioSelect, error_messages=_required("Choose the outcome"))
    outcome_on = GovUKDateField(label="Date of the outcome", past_only=True,
                                error_messages=_required("Enter the date of the outcome"))
    reasons = _textarea("Reasons for the outcome", "Enter the reasons for the outcome")
    reassessment = _PickField(label="Re-assessment it led to",
                              help_text="Only for an appeal upheld or partly upheld")

    def __init__(self, *args, client, assessments, **kwargs):
        super().__init__(*args, client=client, **kwargs)
        _pick(self, "reassessment", assessments, _assessment_label)

    def service_data(self) -> dict:
        return {"outcome": self.cleaned_data["outcome"], "outcome_on": self.cleaned_data["outcome_on"],
                "reasons": self.cleaned_data["reasons"], "reassessment": self.picked("reassessment")}


class DeprivationDecisionForm(_ClientForm):
    decided_on = GovUKDateField(label="Date of the decision", past_only=True,
                                error_messages=_required("Enter the date of the decision"))
    notional_capital = _money_field("Amount treated as notional capital", "Enter the amount treated as notional capital")
    asset_disposed = _textarea("What was given away or spent, and when", "Enter what was given away or spent")
    reasons = _textarea("Reasons for the decision", "Enter the reasons for the decision",
                        help_text="Why the disposal was deliberate, and what avoiding care charges had to do with it. "
                                  "The person will be told these reasons.")
    assessment = _PickField(label="Assessment it affects")

    def __init__(self, *args, client, assessments, **kwargs):
        super().__init__(*args, client=client, **kwargs)
        _pick(self, "assessment", assessments, _assessment_label)

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "assessment"}
        return {**data, "assessment": self.picked("assessment")}


# --- referrals ------------------------------------------------------------------------------------

class ReferralForm(GovUKForm):
    to = forms.ChoiceField(label="Refer to", choices=ReferralTo.choices, widget=forms.RadioSelect,
                           error_messages=_required("Choose who to refer to"))
    team = forms.ModelChoiceField(label="Client affairs team", queryset=Team.objects.none(), required=False,
                                  empty_label="The team holding the case, or the only one",
                                  help_text="Only for a referral to client affairs")
    reason = _textarea("Why are you making the referral?", "Enter why you are making the referral")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(service=Service.CLIENT_AFFAIRS).order_by("name")
