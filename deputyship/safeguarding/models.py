"""Safeguarding concerns about a client's money (raised, referred to the safeguarding team or police, the
meetings and the outcome), and civil recovery of money taken from the client before the council was
appointed: who took it, what is claimed, and each sum recovered (recorded as a receipt of client money)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited

__all__ = ["RecoveryCase", "RecoveryReceipt", "SafeguardingConcern", "SafeguardingMeeting"]


class SafeguardingConcern(models.Model):
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField()
    raised_by = models.CharField(max_length=200, help_text="Who raised it: name and role.")
    concern = models.TextField()
    referred_to = models.CharField(max_length=200, blank=True, default="",
                                   help_text="The safeguarding team, the police, the OPG...")
    referred_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, default="")
    closed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-raised_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(referred_on__isnull=True) | ~Q(referred_to=""),
                                   name="dep_concern_referred_to_someone"),
            models.CheckConstraint(condition=Q(referred_on__isnull=True) | Q(referred_on__gte=F("raised_on")),
                                   name="dep_concern_referred_after_raised"),
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | ~Q(outcome=""),
                                   name="dep_concern_closed_with_outcome"),
        ]

    def __str__(self):
        return f"Safeguarding concern raised {self.raised_on:%d %B %Y}"


class SafeguardingMeeting(models.Model):
    concern = models.ForeignKey(SafeguardingConcern, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    attendees = models.TextField()
    notes = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self):
        return f"Safeguarding meeting {self.held_on:%d %B %Y}"

    @property
    def client(self):
        return self.concern.client


class RecoveryCase(models.Model):
    """Money taken from the client before the council was appointed, and the council's claim to get it back."""

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="+")
    concern = models.ForeignKey(SafeguardingConcern, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="recoveries")
    against = models.CharField(max_length=200, help_text="Who took the money.")
    description = models.TextField()
    amount_claimed = models.DecimalField(max_digits=12, decimal_places=2)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_claimed__gt=0), name="dep_recovery_claim_positive"),
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | ~Q(outcome=""),
                                   name="dep_recovery_closed_with_outcome"),
        ]

    def __str__(self):
        return f"Recovery from {self.against} (£{self.amount_claimed:,.2f})"


class RecoveryReceipt(models.Model):
    """A sum recovered, with the client-money receipt it was recorded as (``ledger.client_money``)."""

    case = models.ForeignKey(RecoveryCase, on_delete=models.PROTECT, related_name="receipts")
    received_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    transaction = models.OneToOneField("ledger.Transaction", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["received_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="dep_recovery_receipt_positive")]

    def __str__(self):
        return f"£{self.amount:,.2f} recovered {self.received_on:%d %B %Y}"

    @property
    def client(self):
        return self.case.client
