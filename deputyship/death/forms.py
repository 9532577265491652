"""Forms for a client's death and the winding up of their affairs."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from deputyship.death.choices import GrantKind, NotifiedHow, WillStatus
from ledger.forms import IdempotentForm, MoneyField, ZeroOrMoreMoneyField
from people.forms import GovUKForm

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(label: str, message: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, help_text=help_text, choices=YES_NO, widget=forms.RadioSelect,
                                  coerce=lambda value: value == "yes", error_messages={"required": message})


class DeathForm(GovUKForm):
    died_on = GovUKDateField(label="Date of death", past_only=True, help_text="For example, 27 3 2026",
                             error_messages={"required": "Enter the date of death"})
    notified_on = GovUKDateField(label="Date the council was told", past_only=True,
                                 error_messages={"required": "Enter the date the council was told"})
    notified_how = forms.ChoiceField(label="How the council was told", choices=NotifiedHow.choices,
                                     widget=forms.RadioSelect,
                                     error_messages={"required": "Choose how the council was told"})
    will = forms.ChoiceField(label="Is there a will?", choices=WillStatus.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Say whether there is a will"})
    executor = forms.CharField(label="Executor or next of kin dealing with the estate (optional)", max_length=200,
                               required=False, help_text="Add them on the Contacts tab, with their address, so that "
                                                         "they are written to.")

    def clean(self):
        data = super().clean()
        died, told = data.get("died_on"), data.get("notified_on")
        if died and told and told < died:
            self.add_error("notified_on",
                           "The date the council was told must be the same as or after the date of death")
        return data


class FuneralConsentForm(GovUKForm):
    consented_by = forms.CharField(label="Who consented", max_length=200,
                                   help_text="The executor, or the next of kin where there is no executor.",
                                   error_messages={"required": "Enter who consented"})
    consented_on = GovUKDateField(label="Date of the consent", past_only=True,
                                  error_messages={"required": "Enter the date of the consent"})
    funeral_director = forms.CharField(label="Funeral director", max_length=200,
                                       error_messages={"required": "Enter the funeral director"})
    amount = MoneyField(label="Amount consented to", help_text="The most the consent covers.",
                        error_messages={"required": "Enter the amount consented to"})


class FuneralPaymentForm(IdempotentForm):
    amount = MoneyField(label="Amount to pay", error_messages={"required": "Enter the amount to pay"})
    effective_date = GovUKDateField(label="Date of the payment", past_only=True,
                                    error_messages={"required": "Enter the date of the payment"})
    reference = forms.CharField(label="Invoice or reference", max_length=100,
                                error_messages={"required": "Enter the funeral director's invoice or reference"})


class FinalAccountForm(GovUKForm):
    as_at = GovUKDateField(label="Make the account up to", past_only=True, help_text="Usually today.",
                           error_messages={"required": "Enter the date the account is made up to"})


class GrantForm(GovUKForm):
    kind = forms.ChoiceField(label="What was granted", choices=GrantKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose a grant of probate or letters of administration"})
    issued_on = GovUKDateField(label="Date issued", past_only=True,
                               error_messages={"required": "Enter the date issued"})
    reference = forms.CharField(label="Grant reference", max_length=60,
                                error_messages={"required": "Enter the grant's reference"})
    granted_to = forms.CharField(label="Granted to", max_length=200,
                                 help_text="The executor or administrator named in the grant.",
                                 error_messages={"required": "Enter who the grant was made to"})


class ReleaseForm(GovUKForm):
    released_on = GovUKDateField(label="Date of the release", past_only=True,
                                 error_messages={"required": "Enter the date of the release"})


class BonaVacantiaForm(GovUKForm):
    valid_will = _yes_no("Is there a valid will?", "Say whether there is a valid will")
    known_entitled_relatives = _yes_no("Are there known or likely entitled relatives?",
                                       "Say whether there are known or likely entitled relatives")
    grant_issued = _yes_no("Has a grant of probate or letters of administration been issued?",
                           "Say whether a grant has been issued")
    gross_estate = ZeroOrMoreMoneyField(label="The estate's assets", help_text="Everything the client owned.",
                                        error_messages={"required": "Enter the estate's assets"})
    funeral_and_debts = ZeroOrMoreMoneyField(label="Funeral costs and debts",
                                             error_messages={"required": "Enter the funeral costs and debts"})
    refer = _yes_no("Refer the estate to the Bona Vacantia Division (form BV1A)?", "Say whether to refer the estate")
    reason = forms.CharField(label="Why (needed when an estate the division would take is not referred)",
                             max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
