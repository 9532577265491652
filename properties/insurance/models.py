"""Insurance of clients' property: each policy with its insurer, cover (including cover while the home
is empty, and the insurer's conditions for it), dates and the premium paid from the client's money."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited

__all__ = ["InsurancePolicy", "PolicyRenewalReminder"]


class InsurancePolicy(models.Model):
    """A buildings (and contents) insurance policy on a property. It covers from ``starts_on`` up to and
    including ``renews_on``, unless cancelled. ``unoccupied_cover`` says whether it still covers the home
    while it is empty; ``inspection_every_days`` is the insurer's condition for that (an inspection at
    least every so many days), which sets the inspection schedule."""

    home = models.ForeignKey("properties.Property", on_delete=models.PROTECT, related_name="insurance_policies")
    insurer = models.CharField(max_length=200)
    policy_number = models.CharField(max_length=60)
    cover = models.CharField(max_length=500, help_text="What it covers: buildings, contents, both.")
    unoccupied_cover = models.BooleanField(default=False)
    unoccupied_conditions = models.CharField(max_length=1000, blank=True, default="")
    inspection_every_days = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_on = models.DateField()
    renews_on = models.DateField()
    premium = models.DecimalField(max_digits=10, decimal_places=2)
    premium_payment = models.ForeignKey("ledger.Payment", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")
    cancelled_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(renews_on__gt=models.F("starts_on")), name="policy_renews_after_start"),
            models.CheckConstraint(condition=Q(premium__gte=0), name="policy_premium_not_negative"),
            models.CheckConstraint(condition=Q(inspection_every_days__isnull=True) | Q(inspection_every_days__gte=1),
                                   name="policy_inspection_days_positive"),
            models.CheckConstraint(condition=~Q(insurer="") & ~Q(policy_number=""), name="policy_insurer_and_number"),
            models.UniqueConstraint(fields=["insurer", "policy_number", "starts_on"], name="policy_unique_term"),
        ]

    def __str__(self):
        return f"{self.insurer} {self.policy_number}"

    @property
    def client(self):
        return self.home.client

    def is_live(self, on) -> bool:
        return self.starts_on <= on <= self.renews_on and (self.cancelled_on is None or self.cancelled_on > on)


class PolicyRenewalReminder(models.Model):
    """The renewal task made for a policy's renewal date: one per policy and date, so the daily job
    never makes it twice."""

    policy = models.ForeignKey(InsurancePolicy, on_delete=models.PROTECT, related_name="renewal_reminders")
    renews_on = models.DateField()
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "renews_on"], name="policy_renewal_reminder_once")]
