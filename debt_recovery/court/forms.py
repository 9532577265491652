"""Forms for county court claims and estates: they check what was typed; the services decide and save."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from debt_recovery.court.choices import DeferredPaymentAnswer, EnforcementKind, EstateStatus, ProbateResult
from debt_recovery.court.rules_of_court import MCOL_PARTICULARS_MAX
from ledger.forms import MoneyField
from people.forms import GovUKForm


class ClaimForm(GovUKForm):
    defendant_1 = forms.CharField(label="Defendant", max_length=200, error_messages={"required": "Name the defendant"})
    defendant_2 = forms.CharField(label="Second defendant (if any)", max_length=200, required=False)
    particulars = forms.CharField(
        label="Particulars of claim", widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"At most {MCOL_PARTICULARS_MAX:,} characters, including spaces (Money Claim Online).",
        error_messages={"required": "Write the particulars of claim"})
    deferred_payment_answer = forms.ChoiceField(
        label="Could a deferred payment agreement be entered into? (Care Act 2014, section 69(2))",
        choices=DeferredPaymentAnswer.choices, widget=forms.RadioSelect,
        error_messages={"required": "Answer the deferred payment question"})
    deferred_payment_note = forms.CharField(label="How do you know?", widget=forms.Textarea(attrs={"rows": 3}),
                                            required=False, max_length=2000)
    letter_sent_on = GovUKDateField(label="Letter before claim sent on", required=False, past_only=True,
                                    help_text="Only if it was not sent from this system.")
    reply_received_on = GovUKDateField(label="Reply received on (if any)", required=False, past_only=True)
    reply_summary = forms.CharField(label="What the reply said", widget=forms.Textarea(attrs={"rows": 3}),
                                    required=False, max_length=4000)


class IssueForm(GovUKForm):
    issued_on = GovUKDateField(label="Issued on", past_only=True, error_messages={"required": "Enter the date issued"})
    claim_number = forms.CharField(label="Claim number", max_length=40,
                                   error_messages={"required": "Enter the claim number"})
    court_fee = MoneyField(label="Court fee paid", required=False)


class JudgmentForm(GovUKForm):
    judgment_on = GovUKDateField(label="Judgment on", past_only=True,
                                 error_messages={"required": "Enter the date of the judgment"})
    amount = MoneyField(label="Judgment sum", error_messages={"required": "Enter the judgment sum"})
    terms = forms.CharField(label="Terms", max_length=500, required=False, help_text="e.g. forthwith, or £50 a month")


class EnforcementForm(GovUKForm):
    kind = forms.ChoiceField(label="Enforcement", choices=EnforcementKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose how the judgment is enforced"})
    started_on = GovUKDateField(label="Started on", past_only=True, error_messages={"required": "Enter the date"})
    note = forms.CharField(label="Note", max_length=2000, required=False)


class CloseForm(GovUKForm):
    status = forms.ChoiceField(label="How did it end?", choices=[("settled", "Paid or settled"),
                                                               ("withdrawn", "Withdrawn")], widget=forms.RadioSelect,
                               error_messages={"required": "Choose how the claim ended"})
    closed_on = GovUKDateField(label="On", past_only=True, error_messages={"required": "Enter the date"})
    note = forms.CharField(label="Note", max_length=2000, error_messages={"required": "Say how the claim ended"})


class EstateOpenForm(GovUKForm):
    has_deferred_payment = forms.BooleanField(label="The person had a deferred payment agreement", required=False)
    note = forms.CharField(label="Note", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EstateUpdateForm(GovUKForm):
    probate_result = forms.ChoiceField(label="Probate search", choices=ProbateResult.choices)
    probate_searched_on = GovUKDateField(label="Searched on", required=False, past_only=True)
    grant_issued_on = GovUKDateField(label="Grant issued on", required=False, past_only=True)
    personal_representatives = forms.CharField(label="Personal representatives", required=False, max_length=2000,
                                               widget=forms.Textarea(attrs={"rows": 3}))
    claim_sent_on = GovUKDateField(label="Claim sent to the estate on", required=False, past_only=True)
    claim_amount = MoneyField(label="Sum claimed from the estate", required=False)
    status = forms.ChoiceField(label="Status", choices=EstateStatus.choices)
    reason = forms.CharField(label="What changed", max_length=500, error_messages={"required": "Say what changed"})
