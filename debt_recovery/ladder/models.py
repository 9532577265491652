"""The recovery ladder: its steps as configuration, and where each overdue debt stands on it.

- :class:`LadderStep`: one rung (a reminder, a final reminder, a referral to the officer, a letter before
  claim, a county court claim), in order, with its timing, letter, task and conditions. A team leader
  changes them in the browser; every change keeps its reason in the step's history.
- :class:`LadderPosition`: one row per debtor account that has been on the ladder: the current *episode*
  (a spell of being overdue, numbered from 1), when it began and the last step taken in it. A debt paid
  off leaves the ladder (``episode_started_on`` is cleared); a new overdue debt starts a new episode.
- :class:`LadderAction`: each step taken (or passed over) for a debt, unique per (debtor, episode,
  step): that uniqueness is what makes the daily job exactly once.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from debt_recovery.accounts.choices import CustomerType
from debt_recovery.ladder.choices import ActionOutcome, LadderLetter, StepKind


class LadderStep(models.Model):
    position = models.PositiveSmallIntegerField(unique=True, help_text="Where the step comes on the ladder (1 first).")
    kind = models.CharField(max_length=30, choices=StepKind.choices)
    name = models.CharField(max_length=100, help_text="What officers call the step.")
    days_after = models.PositiveSmallIntegerField(
        help_text="Days after the previous step (for the first step: after the debt fell due).")
    letter_kind = models.CharField(max_length=40, choices=LadderLetter.choices, blank=True, default="")
    creates_task = models.BooleanField(default=False, help_text="Give the debtor's recovery officer a task.")
    task_due_days = models.PositiveSmallIntegerField(default=5, help_text="Days the officer has for the task.")
    min_balance = models.DecimalField(
        max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)],
        help_text="Only for debts whose overdue balance is at least this (0: any).")
    customer_types = ArrayField(
        models.CharField(max_length=20, choices=CustomerType.choices), default=list, blank=True,
        help_text="Only for these customer types (none chosen: every type).")
    active = models.BooleanField(default=True)
    guidance = models.TextField(blank=True, default="", help_text="What the officer should do, and the source.")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=StepKind.values), name="ladder_step_kind_valid"),
            models.CheckConstraint(condition=Q(letter_kind__in=LadderLetter.values), name="ladder_step_letter_valid"),
            models.CheckConstraint(condition=Q(min_balance__gte=0), name="ladder_step_min_balance_not_negative"),
            models.CheckConstraint(condition=Q(position__gte=1), name="ladder_step_position_positive"),
            models.CheckConstraint(condition=~Q(letter_kind="") | Q(creates_task=True) | Q(active=False),
                                   name="ladder_step_does_something"),
        ]

    def __str__(self):
        return f"{self.position}. {self.name}"

    def applies_to(self, *, customer_type: str, overdue) -> bool:
        """Whether a debt meets the step's conditions."""
        if self.customer_types and customer_type not in self.customer_types:
            return False
        return overdue >= self.min_balance


class LadderPosition(models.Model):
    debtor = models.OneToOneField("debt_recovery.DebtorAccount", on_delete=models.PROTECT,
                                  related_name="ladder_position")
    episode = models.PositiveIntegerField(default=1, help_text="Which spell of being overdue (1 first).")
    episode_started_on = models.DateField(
        null=True, blank=True, help_text="When the current overdue debt fell due; empty when off the ladder.")
    last_step = models.ForeignKey(LadderStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    last_step_on = models.DateField(null=True, blank=True, help_text="When the last step was taken (or passed).")
    overdue = models.DecimalField(max_digits=12, decimal_places=2, default=0,
                                  help_text="The overdue balance at the last run that looked at it.")
    left_on = models.DateField(null=True, blank=True, help_text="When the last episode ended (paid off).")

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(last_step__isnull=True) | Q(last_step_on__isnull=False),
                                   name="ladder_position_step_dated"),
        ]

    @property
    def on_ladder(self) -> bool:
        return self.episode_started_on is not None


class LadderAction(models.Model):
    debtor = models.ForeignKey("debt_recovery.DebtorAccount", on_delete=models.PROTECT,
                               related_name="ladder_actions")
    episode = models.PositiveIntegerField()
    step = models.ForeignKey(LadderStep, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(max_length=30, choices=StepKind.choices, help_text="The step's kind when taken.")
    outcome = models.CharField(max_length=20, choices=ActionOutcome.choices, default=ActionOutcome.TAKEN)
    due_on = models.DateField(help_text="When the step fell due.")
    taken_on = models.DateField(help_text="The day of the run that took it.")
    overdue = models.DecimalField(max_digits=12, decimal_places=2, help_text="The overdue balance then.")
    letter = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reply_by = models.DateField(null=True, blank=True,
                                help_text="Letter before claim: the last day for the debtor's reply.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["debtor", "episode", "taken_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["debtor", "episode", "step"], name="ladder_action_once_per_episode"),
            models.CheckConstraint(condition=Q(outcome__in=ActionOutcome.values), name="ladder_action_outcome_valid"),
            models.CheckConstraint(condition=Q(kind__in=StepKind.values), name="ladder_action_kind_valid"),
        ]
        indexes = [models.Index(fields=["taken_on"], name="ladder_action_taken_idx")]
