"""The debt panel: a large or difficult debt put to the council's panel (e.g. Calderdale's "Adult
Services & Wellbeing Debt Panel"), the case the officer prepares, the panel's decision and the actions
that follow, each a task for someone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.panel.choices import PanelOutcome, PanelStatus


class PanelCase(models.Model):
    """One debt put to the panel. What the officer knew is kept as they wrote it (the income and
    expenditure and property as recorded when it was prepared); the balance is the ledger's on that day."""

    debtor = models.ForeignKey(DebtorAccount, on_delete=models.PROTECT, related_name="panel_cases")
    status = models.CharField(max_length=10, choices=PanelStatus.choices, default=PanelStatus.PREPARED)
    balance = models.DecimalField(max_digits=14, decimal_places=2, help_text="Owed when the case was prepared.")
    background = models.TextField(help_text="Why the debt comes to the panel and what has been tried.")
    income_expenditure = models.TextField(blank=True, default="",
                                          help_text="The debtor's income and expenditure, if recorded.")
    property_details = models.TextField(blank=True, default="", help_text="Property the debtor owns, if recorded.")
    recommendation = models.CharField(max_length=20, choices=PanelOutcome.choices)
    recommendation_note = models.TextField()
    meeting_on = models.DateField(null=True, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(default=timezone.now)
    hold = models.ForeignKey("debt_recovery.Hold", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             help_text="The hold keeping the debt off the ladder while the panel considers it.")
    decision = models.CharField(max_length=20, choices=PanelOutcome.choices, blank=True, default="")
    decision_note = models.TextField(blank=True, default="")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["-prepared_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PanelStatus.values), name="panel_case_status_valid"),
            models.CheckConstraint(condition=Q(recommendation__in=PanelOutcome.values),
                                   name="panel_case_recommendation_valid"),
            models.CheckConstraint(condition=Q(decision="") | Q(decision__in=PanelOutcome.values),
                                   name="panel_case_decision_valid"),
            models.CheckConstraint(condition=~Q(status=PanelStatus.DECIDED) | (~Q(decision="") & Q(
                decided_at__isnull=False) & Q(meeting_on__isnull=False)), name="panel_case_decided_complete"),
            models.UniqueConstraint(fields=["debtor"], condition=Q(status=PanelStatus.PREPARED),
                                    name="panel_case_one_waiting_per_debtor"),
        ]

    def __str__(self):
        return f"Debt panel case for {self.debtor}"

    @property
    def client(self):
        return self.debtor.client


class PanelAction(models.Model):
    """An action the panel decided on, given to someone as a task."""

    case = models.ForeignKey(PanelCase, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField(max_length=200)
    task = models.OneToOneField("people.Task", on_delete=models.PROTECT, related_name="+")

    history = audited()
