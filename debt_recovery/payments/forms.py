"""Forms for the payment, suspense, refund, allocation rule and payment plan pages: they check what was
typed; the services check the rules (their refusals go into the same error slots) and write."""

from __future__ import annotations

from django import forms

from core.forms import GovUKDateField
from debt_recovery.payments.choices import AllocationRule, Method
from debt_recovery.plans.choices import FIXED_COSTS, FLEXIBLE_COSTS, INCOME_HEADINGS, OTHER_OUTGOINGS, Frequency
from people.forms import GovUKForm, ReasonField


def _money_field(label: str, required: bool = True, **kwargs):
    field = forms.CharField(label=label, max_length=14, required=required,
                            error_messages={"required": f"Enter the {label.lower()}"}, **kwargs)
    field.widget.attrs.update({"prefix": "£", "class": "govuk-input--width-10", "inputmode": "decimal"})
    return field


class PaymentForm(GovUKForm):
    amount = _money_field("Amount")
    method = forms.ChoiceField(label="How it was paid", choices=Method.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose how it was paid"})
    received_on = GovUKDateField(label="Date received", past_only=True)
    reference = forms.CharField(label="Reference", max_length=100, required=False,
                                help_text="The payer's reference, the cheque number or the receipt number.")
    note = forms.CharField(label="Note", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    token = forms.CharField(widget=forms.HiddenInput, required=False)


class SuspenseForm(PaymentForm):
    payer = forms.CharField(label="Payer, as the bank shows it", max_length=200, required=False)


class ReverseForm(GovUKForm):
    reason = ReasonField(label="Why is the payment reversed?",
                         help_text="For example: cheque returned unpaid, card payment charged back.")


class AllocateSuspenseForm(GovUKForm):
    debtor_reference = forms.CharField(label="Debtor reference", max_length=20,
                                       error_messages={"required": "Enter the debtor's reference, such as D000123"})
    reason = ReasonField(label="How was the payment identified?")


class RefundRequestForm(GovUKForm):
    amount = _money_field("Amount to refund")
    reason = ReasonField(label="Why is the refund due?")


class RefundDecisionForm(GovUKForm):
    decision = forms.ChoiceField(label="Decision", choices=[("approve", "Approve"), ("reject", "Reject")],
                                 widget=forms.RadioSelect, error_messages={"required": "Choose a decision"})
    note = forms.CharField(label="Note", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="Required when rejecting.")


class AllocationRuleForm(GovUKForm):
    rule = forms.ChoiceField(label="Allocate new payments", choices=AllocationRule.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose an allocation rule"})
    reason = ReasonField(label="Why is the rule changing?")


class ReallocateForm(GovUKForm):
    reason = ReasonField(label="Why is the payment reallocated?")

    def __init__(self, *args, charges=(), **kwargs):
        super().__init__(*args, **kwargs)
        for charge in charges:
            self.fields[f"charge_{charge.transaction_id}"] = _money_field(
                f"Charge of £{charge.amount} dated {charge.date:%d %B %Y}", required=False)

    def amounts(self) -> dict[int, str]:
        return {int(name.removeprefix("charge_")): value for name, value in self.cleaned_data.items()
                if name.startswith("charge_") and value}


class PlanForm(GovUKForm):
    """The income and expenditure statement under the SFS's headings, and the plan agreed from it."""

    amount = _money_field("Each instalment")
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose how often the debtor pays"})
    start_on = GovUKDateField(label="First instalment due", future_only=True)
    method = forms.ChoiceField(label="How the debtor pays", choices=Method.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose how the debtor pays"})
    grace_days = forms.IntegerField(label="Days' grace after a missed instalment", min_value=0, max_value=60,
                                    initial=14, error_messages={"required": "Enter the days of grace"},
                                    widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}))

    #: The statement's sections, as the Standard Financial Statement groups its headings.
    SECTIONS = (("Income", INCOME_HEADINGS), ("Fixed costs", FIXED_COSTS), ("Flexible costs", FLEXIBLE_COSTS),
                ("Savings and debts", OTHER_OUTGOINGS))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for heading in INCOME_HEADINGS + FIXED_COSTS + FLEXIBLE_COSTS + OTHER_OUTGOINGS:
            self.fields[f"ie_{heading.value}"] = _money_field(f"{heading.label} (a month)", required=False)
        # The statement first, then the instalments it leaves room for, in the order the officer asks.
        self.order_fields([name for name in self.fields if name.startswith("ie_")])

    def sections(self) -> list[tuple[str, list]]:
        """The statement's fields in their sections, then the plan's own fields, for the page."""
        grouped = [(title, [self[f"ie_{heading.value}"] for heading in headings]) for title, headings in self.SECTIONS]
        return grouped + [("The plan", [self[name] for name in self.fields if not name.startswith("ie_")
                                        and not self.fields[name].widget.is_hidden])]

    def lines(self) -> dict[str, str]:
        return {name.removeprefix("ie_"): value for name, value in self.cleaned_data.items()
                if name.startswith("ie_") and value}


class PaymentFileForm(GovUKForm):
    file = forms.FileField(label="Payment file (CSV)", error_messages={"required": "Choose the payment file"})
    method = forms.ChoiceField(label="What the file holds", widget=forms.RadioSelect,
                               choices=[(Method.CARD, Method.CARD.label), (Method.PAYPOINT, Method.PAYPOINT.label),
                                        (Method.BANK_TRANSFER, Method.BANK_TRANSFER.label),
                                        (Method.CASH, Method.CASH.label)],
                               error_messages={"required": "Choose what the file holds"})
