"""Repairs to a client's property: reported, quoted, approved (by a second person above the council's
threshold), completed, and the invoice paid from the client's money."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from properties.repairs.choices import RepairStatus, Urgency

__all__ = ["Repair", "RepairQuote"]


class Repair(models.Model):
    home = models.ForeignKey("properties.Property", on_delete=models.PROTECT, related_name="repairs")
    what = models.TextField(help_text="What is wrong and what needs doing.")
    reported_on = models.DateField()
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    reported_by = models.CharField(max_length=200, help_text="Who reported it (a neighbour, the inspector, a tenant).")
    due_by = models.DateField(help_text="When it should be done by, from its urgency.")
    status = models.CharField(max_length=20, choices=RepairStatus.choices, default=RepairStatus.REPORTED)
    # Approval: the threshold in force when approval was asked for is kept, so the database can hold the rule.
    approval_requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                              blank=True, related_name="+")
    approval_requested_at = models.DateTimeField(null=True, blank=True)
    approval_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    approval_threshold = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completion_notes = models.TextField(blank=True, default="")
    invoice_reference = models.CharField(max_length=100, blank=True, default="")
    payment = models.OneToOneField("ledger.Payment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", help_text="The payment of the invoice from the client's money.")
    cancelled_because = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(urgency__in=Urgency.values), name="repair_urgency_valid"),
            models.CheckConstraint(condition=Q(status__in=RepairStatus.values), name="repair_status_valid"),
            models.CheckConstraint(condition=Q(due_by__gte=F("reported_on")), name="repair_due_after_reported"),
            models.CheckConstraint(condition=Q(approval_amount__isnull=True) | Q(approval_amount__gt=0),
                                   name="repair_approval_amount_positive"),
            # Above the threshold, whoever asked for approval never gives it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | Q(approval_amount__lte=F("approval_threshold"))
                | ~Q(approved_by=F("approval_requested_by")),
                name="repair_second_person_above_threshold"),
            models.CheckConstraint(
                condition=~Q(status__in=[RepairStatus.APPROVED, RepairStatus.COMPLETED, RepairStatus.PAID])
                | Q(approved_by__isnull=False, approval_amount__isnull=False),
                name="repair_approved_has_approver"),
            models.CheckConstraint(condition=~Q(status__in=[RepairStatus.COMPLETED, RepairStatus.PAID])
                                   | Q(completed_on__isnull=False), name="repair_completed_has_date"),
            models.CheckConstraint(condition=~Q(status=RepairStatus.PAID) | Q(payment__isnull=False),
                                   name="repair_paid_has_payment"),
        ]

    def __str__(self):
        return f"Repair {self.pk}: {self.what[:60]}"

    @property
    def client(self):
        return self.home.client

    @property
    def chosen_quote(self):
        return next((q for q in self.quotes.all() if q.chosen), None)


class RepairQuote(models.Model):
    repair = models.ForeignKey(Repair, on_delete=models.PROTECT, related_name="quotes")
    trades_person = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    quoted_on = models.DateField()
    chosen = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["amount", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="repair_quote_amount_positive"),
            models.UniqueConstraint(fields=["repair"], condition=Q(chosen=True), name="repair_one_chosen_quote"),
        ]

    def __str__(self):
        return f"{self.trades_person}: £{self.amount:,}"

    @property
    def client(self):
        return self.repair.home.client
