"""Deferred payment statements: six-monthly (to 30 June and 31 December) and on request (issued within 28
days of the request). A statement stores its figures (:mod:`deferred_payments.statements.figures`) and its
letter; one six-monthly statement per agreement and period end, one statement per request."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deferred_payments.statements.choices import RequestStatus, StatementKind

__all__ = ["StatementRequest", "AgreementStatement"]


class StatementRequest(models.Model):
    """Someone asked for a statement; it must be issued within 28 days (a task for the case officer)."""

    agreement = models.ForeignKey("deferred_payments.Agreement", on_delete=models.PROTECT,
                                  related_name="statement_requests")
    requested_on = models.DateField()
    requested_by_name = models.CharField(max_length=200, help_text="Who asked: the person, their representative...")
    due_by = models.DateField()
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    @property
    def client(self):
        """The client the record is about (for the rules: :func:`people.rules.client_of`)."""
        return self.agreement.client

    history = audited()

    class Meta:
        db_table = "deferred_payments_statement_request"
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="dpa_statement_request_status"),
            models.CheckConstraint(condition=Q(due_by__gte=F("requested_on")), name="dpa_statement_request_due"),
        ]


class AgreementStatement(models.Model):
    """A statement of a deferred payment agreement for ``period_start`` to ``period_end``, with its figures."""

    agreement = models.ForeignKey("deferred_payments.Agreement", on_delete=models.PROTECT, related_name="statements")
    kind = models.CharField(max_length=12, choices=StatementKind.choices)
    statement_request = models.OneToOneField(StatementRequest, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="statement")
    period_start = models.DateField()
    period_end = models.DateField()
    opening = models.DecimalField(max_digits=14, decimal_places=2)
    deferred = models.DecimalField(max_digits=14, decimal_places=2)
    fees = models.DecimalField(max_digits=14, decimal_places=2)
    interest = models.DecimalField(max_digits=14, decimal_places=2)
    payments = models.DecimalField(max_digits=14, decimal_places=2)
    other = models.DecimalField(max_digits=14, decimal_places=2)
    closing = models.DecimalField(max_digits=14, decimal_places=2)
    equity_limit = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    equity_remaining = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    figures = models.JSONField(help_text="The whole calculation, as the letter shows it.")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    @property
    def client(self):
        """The client the record is about (for the rules: :func:`people.rules.client_of`)."""
        return self.agreement.client

    history = audited()

    class Meta:
        db_table = "deferred_payments_statement"
        ordering = ["agreement", "-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=StatementKind.values), name="dpa_statement_kind_valid"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="dpa_statement_dates"),
            models.CheckConstraint(condition=Q(closing=F("opening") + F("deferred") + F("fees") + F("interest")
                                               + F("payments") + F("other")), name="dpa_statement_adds_up"),
            models.CheckConstraint(condition=Q(kind=StatementKind.SIX_MONTHLY, statement_request__isnull=True)
                                   | Q(kind=StatementKind.ON_REQUEST, statement_request__isnull=False),
                                   name="dpa_statement_request_when_on_request"),
            models.UniqueConstraint(fields=["agreement", "period_end"], condition=Q(kind=StatementKind.SIX_MONTHLY),
                                    name="dpa_statement_six_monthly_once"),
        ]

