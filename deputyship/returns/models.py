"""Client affairs casework: the returns part's tables.

A :class:`CourtReturn` is one reporting period of a deputyship and its annual report to the Office of the
Public Guardian: 12 months from the order's date, then each 12 months after (the last ends with the
deputyship: the final report), due 56 days after the period ends. Its figures are never stored as the
truth: they are worked out from the ledger whenever they are shown or rendered
(:mod:`deputyship.returns.calculator`); what the officer adds (decisions, contacts, visits, actions
planned, other assets and debts) are :class:`ReportEntry` rows, and the explanation of any difference in
the balance check is on the return.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deputyship.returns.choices import EntryKind, ReminderStage, ReportForm, ReturnStatus

__all__ = ["CourtReturn", "ReportEntry", "ReturnReminder"]


class CourtReturn(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="court_returns")
    authority = models.ForeignKey("deputyship.LegalAuthority", on_delete=models.PROTECT, related_name="returns")
    number = models.PositiveSmallIntegerField(help_text="1 for the first reporting period of the order, ...")
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField(help_text="56 days after the period ends.")
    final = models.BooleanField(default=False, help_text="The last report, for a deputyship that has ended.")
    status = models.CharField(max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT)
    form = models.CharField(max_length=3, choices=ReportForm.choices, blank=True, default="",
                            help_text="Set when the report is marked ready, from its figures.")
    difference_note = models.TextField(blank=True, default="",
                                       help_text="The officer's explanation of any difference in the balance check.")
    ready_at = models.DateTimeField(null=True, blank=True)
    ready_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    submitted_reference = models.CharField(max_length=100, blank=True, default="")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", help_text="The latest rendering of the report.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReturnStatus.values), name="court_return_status_valid"),
            models.CheckConstraint(condition=Q(form="") | Q(form__in=ReportForm.values),
                                   name="court_return_form_valid"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")),
                                   name="court_return_period_in_order"),
            models.CheckConstraint(condition=Q(due_on__gt=F("period_end")), name="court_return_due_after_period"),
            models.CheckConstraint(condition=~Q(status=ReturnStatus.SUBMITTED) | Q(submitted_on__isnull=False),
                                   name="court_return_submitted_dated"),
            models.CheckConstraint(condition=Q(status=ReturnStatus.DRAFT) | ~Q(form=""),
                                   name="court_return_form_when_ready"),
            models.UniqueConstraint(fields=["authority", "number"], name="court_return_one_per_period"),
        ]

    def __str__(self):
        return f"Report {self.number} ({self.period_start} to {self.period_end})"


class ReportEntry(models.Model):
    """Something the officer records on a report's draft: a decision (what, why, was the client involved), a
    contact or visit, an action planned, or an asset or debt the ledger does not hold."""

    court_return = models.ForeignKey(CourtReturn, on_delete=models.PROTECT, related_name="entries")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    on = models.DateField(null=True, blank=True)
    summary = models.TextField(help_text="What: the decision, the contact or visit, the action, the asset or debt.")
    reason = models.TextField(blank=True, default="", help_text="Why (decisions), or how it is managed (debts).")
    client_involved = models.BooleanField(null=True, blank=True, help_text="Decisions: was the client involved?")
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True,
                                help_text="Assets and debts: the value at the end of the period.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["kind", "on", "id"]
        verbose_name_plural = "report entries"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EntryKind.values), name="report_entry_kind_valid"),
            models.CheckConstraint(condition=~Q(summary=""), name="report_entry_summary_given"),
            models.CheckConstraint(condition=~Q(kind__in=[EntryKind.ASSET, EntryKind.DEBT]) | Q(value__gte=0),
                                   name="report_entry_value_for_assets_and_debts"),
            models.CheckConstraint(condition=~Q(kind=EntryKind.DECISION) | Q(client_involved__isnull=False),
                                   name="report_entry_decision_says_involvement"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary[:60]}"


class ReturnReminder(models.Model):
    """A reminder or escalation sent for a return, once per stage (the scheduled job's output)."""

    court_return = models.ForeignKey(CourtReturn, on_delete=models.PROTECT, related_name="reminders")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=20, choices=ReminderStage.choices)
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sent_on = models.DateField()

    history = audited()

    class Meta:
        ordering = ["sent_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=ReminderStage.values), name="return_reminder_stage_valid"),
            models.UniqueConstraint(fields=["court_return", "stage"], name="return_reminder_once_per_stage"),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} ({self.sent_on})"
