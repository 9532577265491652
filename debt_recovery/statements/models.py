"""Four-weekly statements of account: one run per charging period, one statement per debtor per period.

A statement stores its figures as they stood when it was made (opening balance, charges, payments,
adjustments, closing balance, all from the debtor's ledger receivable), so the letter, the page and
the API say the same thing however the ledger moves on. Only :mod:`debt_recovery.statements.services`
writes these tables.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from core.history import audited
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.statements.choices import RunStatus
from documents.models import Document


def _money(**kwargs):
    return models.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class StatementRun(models.Model):
    """The statement run for one four-weekly charging period (``2026-P08``): started by a team leader
    or by the morning job once the period has ended, one per period. Its progress is counted from its
    statements (made, and with their PDF ready), never kept as a counter that a crash could leave
    wrong; ``debtors`` is how many debtors it found to state. Once every statement's PDF is made,
    the run stores one print file of them all for the post room and is complete."""

    period = models.CharField(max_length=10, unique=True, help_text="The charging period, e.g. 2026-P08.")
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    debtors = models.PositiveIntegerField(default=0, help_text="Debtors with a balance or activity in the period.")
    print_file = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, default="")

    history = audited()

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RunStatus.values), name="statement_run_status_valid"),
            models.CheckConstraint(condition=Q(period_end=F("period_start") + dt.timedelta(days=27)),
                                   name="statement_run_four_weeks"),
            models.CheckConstraint(condition=~Q(status=RunStatus.COMPLETE) | Q(print_file__isnull=False),
                                   name="statement_run_complete_has_print_file"),
        ]

    def __str__(self):
        return f"Statement run {self.period}"


class Statement(models.Model):
    """One debtor's statement of account for one period: what they owed at its start, the charges,
    payments and adjustments (reversals, write-offs, anything else) dated in it, and what they owed at
    its end, with the letter sent to them. One per debtor and period, whatever happens to the run."""

    run = models.ForeignKey(StatementRun, on_delete=models.PROTECT, related_name="statements")
    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="statements")
    period = models.CharField(max_length=10)
    period_start = models.DateField()
    opening_balance = _money(help_text="Owed at the start of the period (negative: in credit).")
    charges = _money(help_text="Charges dated in the period (debits; a charge reduced later is negative).")
    payments = _money(help_text="Payments received in the period (credits, shown as a positive sum).")
    adjustments = _money(help_text="Everything else in the period: reversals, write-offs, refunds (signed).")
    closing_balance = _money(help_text="Owed at the end of the period.")
    postings = models.PositiveIntegerField(default=0, help_text="How many ledger postings the period had.")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    no_letter_reason = models.CharField(max_length=500, blank=True, default="",
                                        help_text="Why no letter could be made (e.g. no postal address).")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["run", "debtor__reference"]
        constraints = [
            models.UniqueConstraint(fields=["debtor", "period_start"], name="statement_one_per_debtor_period"),
            models.CheckConstraint(
                condition=Q(closing_balance=F("opening_balance") + F("charges") - F("payments") + F("adjustments")),
                name="statement_figures_add_up"),
        ]
        indexes = [models.Index(fields=["debtor", "-period_start"], name="statement_debtor_idx")]

    def __str__(self):
        return f"Statement {self.period} for {self.debtor_id}"
