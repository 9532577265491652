"""Payment runs: the approved payment requests paid out of the pooled client bank account together, as one
Bacs Standard 18 payment file and one bulk-payment CSV for the council's bank.

One person prepares a run (gathering the approved requests and checking each line: the client's available
funds with the run's other lines for them, the payee's bank details, the legal authority, nothing twice);
another approves it, which writes both files and posts each line to its client's ledger once (idempotency
key ``deputyship-payrun:<run>:<line>``). A line the bank rejects afterwards is reversed in the ledger and its
request reopened or cancelled. The database refuses a run approved by its preparer and a request in two
live lines."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deputyship.payruns.choices import LineStatus, RunStatus

__all__ = ["PaymentRun", "PaymentRunLine"]


class PaymentRun(models.Model):
    """A batch of payments from the pooled client account, paid on ``pay_on`` (the Bacs processing day)."""

    pay_on = models.DateField(help_text="The Bacs processing day written in every record.")
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.PREPARED)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(default=timezone.now)
    checked_at = models.DateTimeField(null=True, blank=True)
    problems = models.JSONField(default=list, blank=True,
                                help_text="What the last check found about the run as a whole, one sentence each.")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    line_count = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    bacs_file = models.TextField(blank=True, default="", help_text="The Bacs Standard 18 payment file.")
    bacs_sha256 = models.CharField(max_length=64, blank=True, default="")
    csv_file = models.TextField(blank=True, default="", help_text="The bank's bulk-payment CSV.")
    csv_layout = models.CharField(max_length=40, blank=True, default="")
    csv_sha256 = models.CharField(max_length=64, blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["-pay_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RunStatus.values), name="payment_run_status_valid"),
            models.CheckConstraint(condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("prepared_by")),
                                   name="payment_run_approver_not_preparer"),
            models.CheckConstraint(
                condition=~Q(status=RunStatus.APPROVED) | (Q(approved_by__isnull=False, approved_at__isnull=False)
                                                          & ~Q(bacs_file="") & ~Q(csv_file="")),
                name="payment_run_approved_has_files"),
            models.CheckConstraint(condition=Q(total__gte=0), name="payment_run_total_not_negative"),
        ]

    def __str__(self):
        return f"Payment run {self.pk} for {self.pay_on:%d/%m/%Y}"

    @property
    def reference(self) -> str:
        return f"PR{self.pk:06d}"


class PaymentRunLine(models.Model):
    """One payment in a run: a copy of its request's payee, bank details and amount as they were paid, the
    problems the last check found, and the ledger payment once posted (and its reversal if the bank
    rejected it)."""

    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="lines")
    payment_request = models.ForeignKey("deputyship.PaymentRequest", on_delete=models.PROTECT, related_name="run_lines")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="payment_run_lines")
    payee = models.CharField(max_length=200)
    payee_sort_code = models.CharField(max_length=6)
    payee_account_number = models.CharField(max_length=8)
    reference = models.CharField(max_length=18, blank=True, default="")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    category = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=LineStatus.choices, default=LineStatus.INCLUDED)
    problems = models.JSONField(default=list, blank=True, help_text="What the last check found, one sentence each.")
    payment = models.OneToOneField("ledger.Payment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="payment_run_line")
    reversal = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="payment_run_line_reversed")
    rejection_reason = models.CharField(max_length=500, blank=True, default="")
    rejected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    rejected_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=500, blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["run_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=LineStatus.values), name="payment_run_line_status_valid"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_run_line_amount_positive"),
            # A request is in at most one live line: never paid twice.
            models.UniqueConstraint(fields=["payment_request"],
                                    condition=Q(status__in=[LineStatus.INCLUDED, LineStatus.POSTED]),
                                    name="payment_run_line_request_once"),
            models.CheckConstraint(condition=~Q(status=LineStatus.POSTED) | Q(payment__isnull=False),
                                   name="payment_run_line_posted_has_payment"),
            models.CheckConstraint(
                condition=~Q(status=LineStatus.REJECTED) | (Q(payment__isnull=False, reversal__isnull=False)
                                                           & ~Q(rejection_reason="")),
                name="payment_run_line_rejected_is_reversed"),
        ]

    def __str__(self):
        return f"£{self.amount:,.2f} to {self.payee}"
