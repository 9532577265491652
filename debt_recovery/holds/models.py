"""Holds: a debt the recovery ladder must leave alone for a while, for a reason, until a review date.

A hold is in force from when it is placed until it is released. It never ends by itself: on its review
date the officer looks again (a task, and the team leader's *Holds due for review* panel) and either
releases it or sets the next review date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from debt_recovery.holds.choices import HoldReason


class Hold(models.Model):
    debtor = models.ForeignKey("debt_recovery.DebtorAccount", on_delete=models.PROTECT, related_name="holds")
    reason = models.CharField(max_length=30, choices=HoldReason.choices)
    note = models.TextField(blank=True, default="", help_text="What the hold is for, in the officer's words.")
    review_on = models.DateField(help_text="When an officer looks at the hold again.")
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now, editable=False)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)
    release_note = models.TextField(blank=True, default="")
    review_task = models.ForeignKey(
        "people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The task given for the current review date (cleared when the review date moves).")

    history = audited()

    class Meta:
        ordering = ["review_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(reason__in=HoldReason.values), name="hold_reason_valid"),
            models.CheckConstraint(
                condition=Q(released_at__isnull=True, released_by__isnull=True)
                | Q(released_at__isnull=False, released_by__isnull=False),
                name="hold_release_recorded"),
            models.CheckConstraint(condition=~Q(reason=HoldReason.OTHER) | ~Q(note=""), name="hold_other_has_note"),
            # One hold in force per reason on a debtor: a second would only hide the first's review.
            models.UniqueConstraint(fields=["debtor", "reason"], condition=Q(released_at__isnull=True),
                                    name="hold_one_in_force_per_reason"),
        ]
        indexes = [models.Index(fields=["review_on"], condition=Q(released_at__isnull=True),
                                name="hold_in_force_review_idx")]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.debtor.reference})"

    @property
    def client(self):
        """The client whose care the debt is for (what the rules check a hold against)."""
        return self.debtor.client

    @property
    def in_force(self) -> bool:
        return self.released_at is None
