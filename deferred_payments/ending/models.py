"""The end of an agreement: the sale of the home or the person's death, the day the debt falls due (on
sale, or 90 days after death, whichever is sooner), the money received (proceeds and part-payments,
each posted once to the debt account) and the task to remove the legal charge."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deferred_payments.ending.choices import ReceiptKind

__all__ = ["Ending", "Repayment"]


class Ending(models.Model):
    agreement = models.OneToOneField("deferred_payments.Agreement", on_delete=models.PROTECT, related_name="ending")
    reason = models.CharField(max_length=10, choices=[("sale", "The home was sold"), ("death", "The person died")])
    event_on = models.DateField(help_text="The day the sale completed or the person died.")
    due_on = models.DateField(help_text="When the debt must be repaid.")
    due_task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 help_text="The reminder before the 90 days after death run out.")
    release_task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    settled_on = models.DateField(null=True, blank=True)
    final_statement = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(reason__in=["sale", "death"]), name="dpa_ending_reason_valid"),
            models.CheckConstraint(condition=Q(due_on__gte=F("event_on")), name="dpa_ending_due_after_event"),
            models.CheckConstraint(condition=Q(settled_on__isnull=True) | Q(settled_on__gte=F("event_on")),
                                   name="dpa_ending_settled_after_event"),
        ]


class Repayment(models.Model):
    """Money received towards the debt: the proceeds of sale or the estate, or a part-payment."""

    agreement = models.ForeignKey("deferred_payments.Agreement", on_delete=models.PROTECT, related_name="repayments")
    kind = models.CharField(max_length=12, choices=ReceiptKind.choices)
    received_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    reference = models.CharField(max_length=60, help_text="The remittance or bank reference: one receipt each.")
    transaction = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["agreement", "received_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dpa_repayment_positive"),
            models.CheckConstraint(condition=Q(kind__in=ReceiptKind.values), name="dpa_repayment_kind_valid"),
            models.UniqueConstraint(fields=["agreement", "reference"], name="dpa_repayment_once_per_reference"),
        ]
