"""Payments towards care-charge debts, how each is set against the charges, unidentified receipts held
in suspense, and refunds of credit.

The money itself is in the ledger: a :class:`Payment` names the ledger transaction that moved it
(council bank, or payments suspense, debit; the debtor's receivable credit). An :class:`Allocation`
says how much of a payment paid which charge (a charge is the ledger transaction that debited the
receivable). Allocations never change: a correction is a new allocation of the opposite sign naming the
one it cancels, so the history of what paid what is the table itself. Payment, suspense receipt and
refund rows carry their own history (``audited``) for the changes of state they go through.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.payments.choices import AllocationRule, Method, RefundStatus, SuspenseStatus


class Payment(models.Model):
    """Money a debtor paid towards what they owe, as recorded in the ledger."""

    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    method = models.CharField(max_length=20, choices=Method.choices)
    received_on = models.DateField()
    reference = models.CharField(max_length=100, blank=True, default="",
                                 help_text="The payer's reference, cheque number or receipt number.")
    note = models.TextField(blank=True, default="")
    idempotency_key = models.CharField(max_length=200, unique=True)
    transaction = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, related_name="debt_payment")
    from_suspense = models.ForeignKey("SuspenseReceipt", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="payments")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    reversed_on = models.DateField(null=True, blank=True)
    reversal = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="debt_payment_reversed")
    reversed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    reversed_reason = models.TextField(blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dr_payment_amount_positive"),
            models.CheckConstraint(condition=Q(method__in=Method.values), name="dr_payment_method_valid"),
            models.CheckConstraint(condition=Q(reversal__isnull=True) | (Q(reversed_on__isnull=False)
                                                                        & Q(reversed_by__isnull=False)),
                                   name="dr_payment_reversal_complete"),
        ]

    def __str__(self):
        return f"£{self.amount} {self.get_method_display().lower()} on {self.received_on:%d %B %Y}"

    @property
    def is_reversed(self) -> bool:
        return self.reversal_id is not None

    @property
    def client(self):
        """The client whose care the debt is for (what the rules check against)."""
        return self.debtor.client

    @property
    def client_id(self):
        return self.debtor.client_id


class Allocation(models.Model):
    """Part of a payment set against one charge. Never changed: cancelled by an allocation of the opposite
    sign (``cancels``), dated when it was cancelled."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="allocations")
    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="+")
    charge = models.ForeignKey("ledger.Transaction", on_delete=models.PROTECT, related_name="+",
                               help_text="The ledger transaction that charged the debtor.")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    effective_date = models.DateField(help_text="From when the charge counts as paid by this (or unpaid again).")
    cancels = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="cancelled_by")
    rule = models.CharField(max_length=20, blank=True, default="",
                            help_text="The rule that made it, or blank when an officer chose it.")
    reason = models.TextField(blank=True, default="")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="dr_allocation_amount_not_zero"),
            models.CheckConstraint(condition=Q(amount__gt=0, cancels__isnull=True)
                                   | Q(amount__lt=0, cancels__isnull=False), name="dr_allocation_cancel_negative"),
        ]


class AllocationPolicy(models.Model):
    """The allocation rule a team leader chose, from when. The latest row is in force; the rows are the
    rule's history."""

    rule = models.CharField(max_length=20, choices=AllocationRule.choices)
    reason = models.TextField()
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    chosen_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-chosen_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(rule__in=AllocationRule.values),
                                              name="dr_allocation_policy_rule_valid")]


class SuspenseReceipt(models.Model):
    """Money received that could not be matched to a debtor: held in the payments suspense account until
    an officer allocates it to one."""

    amount = models.DecimalField(max_digits=14, decimal_places=2)
    method = models.CharField(max_length=20, choices=Method.choices)
    received_on = models.DateField()
    reference = models.CharField(max_length=100, blank=True, default="")
    payer = models.CharField(max_length=200, blank=True, default="")
    note = models.TextField(blank=True, default="")
    idempotency_key = models.CharField(max_length=200, unique=True)
    transaction = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=SuspenseStatus.choices, default=SuspenseStatus.UNALLOCATED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dr_suspense_amount_positive"),
            models.CheckConstraint(condition=Q(method__in=Method.values), name="dr_suspense_method_valid"),
            models.CheckConstraint(condition=Q(status__in=SuspenseStatus.values), name="dr_suspense_status_valid"),
        ]

    def __str__(self):
        return f"£{self.amount} received {self.received_on:%d %B %Y} ({self.reference or 'no reference'})"


class Refund(models.Model):
    """Credit a debtor holds, paid back to them: requested, approved by someone else, then paid."""

    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    reason = models.TextField()
    status = models.CharField(max_length=20, choices=RefundStatus.choices, default=RefundStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True, default="")
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    paid_on = models.DateField(null=True, blank=True)
    transaction = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+")

    history = audited()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dr_refund_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=RefundStatus.values), name="dr_refund_status_valid"),
            # The person who asked for it never decides it (four eyes).
            models.CheckConstraint(condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("requested_by")),
                                   name="dr_refund_decider_not_requester"),
            models.CheckConstraint(condition=~Q(status=RefundStatus.PAID) | Q(transaction__isnull=False),
                                   name="dr_refund_paid_has_transaction"),
        ]

    @property
    def client(self):
        """The client whose care the debt is for (what the rules check against)."""
        return self.debtor.client

    @property
    def client_id(self):
        return self.debtor.client_id


class PaymentFile(models.Model):
    """A payment file the council received from a card processor or a cash-receipting network (PayPoint,
    Post Office, AllPay), imported once: each line became a payment by the debtor it names or a receipt
    in suspense."""

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, unique=True, help_text="The same file again is recognised by this.")
    layout = models.CharField(max_length=200)
    method = models.CharField(max_length=20, choices=Method.choices)
    lines_total = models.PositiveIntegerField()
    lines_matched = models.PositiveIntegerField()
    lines_suspense = models.PositiveIntegerField()
    total = models.DecimalField(max_digits=14, decimal_places=2)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(method__in=Method.values), name="dr_payment_file_method_valid"),
            models.CheckConstraint(condition=Q(lines_total=models.F("lines_matched") + models.F("lines_suspense")),
                                   name="dr_payment_file_lines_add_up"),
        ]
