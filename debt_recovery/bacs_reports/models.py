"""Bacs reports received from the council's bureau and what importing each did.

A report is kept whole (``content``) with its SHA-256 ``fingerprint``, unique, so the same file imported
twice is recognised and changes nothing. Each advice in it is a :class:`BacsReportItem`: the mandate and
collection it was matched to, what was done (``action``) and the officer's task it raised. Only
:mod:`debt_recovery.bacs_reports.services` writes these tables.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from debt_recovery.bacs_reports.choices import ItemOutcome, ReportKind


class BacsReport(models.Model):
    """One Bacs report file as received (ARUDD, ADDACS, AUDDIS or the input report)."""

    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    fingerprint = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the file as received.")
    filename = models.CharField(max_length=255, blank=True, default="")
    service_user_number = models.CharField(max_length=6)
    processing_date = models.DateField(help_text="The Bacs processing day the report is for.")
    content = models.TextField()
    item_count = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=14, decimal_places=2, default=0,
                                help_text="The value of the items (unpaid, rejected or accepted).")
    accepted_debits = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True,
                                          help_text="Input report only: the value of debits Bacs accepted.")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-processing_date", "-imported_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ReportKind.values), name="bacs_report_kind_valid"),
            models.CheckConstraint(condition=Q(service_user_number__regex=r"^[0-9]{6}$"), name="bacs_report_sun"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.processing_date:%d %B %Y}"


class BacsReportItem(models.Model):
    """One advice in a report (an unpaid debit, a mandate change, a rejected instruction or input record)
    and what importing it did."""

    report = models.ForeignKey(BacsReport, on_delete=models.PROTECT, related_name="items")
    line = models.PositiveIntegerField(help_text="Its place in the report, from 1.")
    reference = models.CharField(max_length=18)
    reason_code = models.CharField(max_length=4, blank=True, default="")
    reason = models.CharField(max_length=200, blank=True, default="")
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    original_processing_date = models.DateField(null=True, blank=True)
    mandate = models.ForeignKey("debt_recovery.Mandate", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="bacs_report_items")
    collection = models.ForeignKey("debt_recovery.Collection", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="bacs_report_items")
    outcome = models.CharField(max_length=20, choices=ItemOutcome.choices)
    action = models.TextField(help_text="What was done, in words.")
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    history = audited()

    class Meta:
        ordering = ["report", "line"]
        constraints = [
            models.UniqueConstraint(fields=["report", "line"], name="bacs_report_item_line_once"),
            models.CheckConstraint(condition=Q(outcome__in=ItemOutcome.values), name="bacs_report_item_outcome"),
        ]

    def __str__(self):
        return f"{self.reference} {self.reason_code} {self.reason}".strip()
