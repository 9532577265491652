"""The April uplift's records: a run for one date, and one item per live assessment it works out again.

Only :mod:`charging.uplift.services` writes these tables.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q

from charging.assessments.choices import CareSetting
from charging.assessments.models import Assessment, money_field
from charging.uplift.choices import UpliftStatus
from core.history import audited
from people.models import Client


class UpliftRun(models.Model):
    """An annual uprating: every live approved assessment worked out again with the rates in force
    on ``uplift_date`` (same inputs, new rates), shown to the team leader as a preview, then, when
    they commit it, made into new approved assessments from that date, each with a letter.

    Each person's income is uprated to the new year's amounts first (``charging.uplift.uprating``); other
    income (occupational and private pensions, annuities) by ``other_income_percent`` where the team
    leader gave one, else carried over with a task for the officer to check it.

    Committing: the team leader who asks (``commit_requested_by``) commits at once when the run has
    at most ``settings.CHARGING_UPLIFT_SECOND_APPROVAL_ABOVE`` people; a larger one waits
    (``needs_second_approval``) until another charging team leader confirms it (``committed_by``),
    which a CHECK holds. The workers act for ``committed_by``, under ``commit_correlation_id``.

    Progress: ``total`` assessments; ``previewed``, ``committed`` and ``letters`` so far.
    """

    uplift_date = models.DateField()
    status = models.CharField(max_length=20, choices=UpliftStatus.choices, default=UpliftStatus.PREVIEWING)
    total = models.PositiveIntegerField(default=0)
    previewed = models.PositiveIntegerField(default=0)
    committed = models.PositiveIntegerField(default=0)
    letters = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    other_income_percent = models.DecimalField(
        max_digits=7, decimal_places=4, null=True, blank=True,
        help_text="The percentage other income (occupational and private pensions, annuities) rises by.")
    other_income_basis = models.CharField(max_length=300, blank=True,
                                          help_text="What the percentage for other income is based on.")
    commit_requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                            blank=True, related_name="+")
    commit_requested_at = models.DateTimeField(null=True, blank=True)
    needs_second_approval = models.BooleanField(default=False)
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    commit_correlation_id = models.CharField(max_length=80, blank=True)
    commit_started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    history = audited()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=UpliftStatus.values), name="charging_upliftrun_status_valid"),
            models.UniqueConstraint(fields=["uplift_date"], condition=~Q(status=UpliftStatus.FAILED),
                                    name="charging_upliftrun_one_per_date"),
            models.CheckConstraint(
                condition=Q(committed_by__isnull=True)
                | Q(status__in=[UpliftStatus.COMMITTING, UpliftStatus.COMMITTED, UpliftStatus.FAILED]),
                name="charging_upliftrun_committed_by_when_committing",
            ),
            models.CheckConstraint(
                condition=Q(committed_by__isnull=True) | Q(commit_requested_by__isnull=False),
                name="charging_upliftrun_commit_requested_first",
            ),
            # Maker-checker: a large uplift is confirmed by a team leader other than the one who asked.
            models.CheckConstraint(
                condition=Q(needs_second_approval=False) | Q(committed_by__isnull=True)
                | ~Q(committed_by=F("commit_requested_by")),
                name="charging_upliftrun_second_leader_confirms",
            ),
            models.CheckConstraint(
                condition=~Q(status=UpliftStatus.AWAITING_SECOND)
                | Q(needs_second_approval=True, commit_requested_by__isnull=False, committed_by__isnull=True),
                name="charging_upliftrun_awaiting_second_leader",
            ),
            models.CheckConstraint(
                condition=Q(other_income_percent__isnull=True, other_income_basis="")
                | (Q(other_income_percent__gte=0, other_income_percent__lte=100) & ~Q(other_income_basis="")),
                name="charging_upliftrun_other_income_percent_with_basis",
            ),
        ]

    def __str__(self):
        return f"Uplift of {self.uplift_date:%d %B %Y} ({self.get_status_display()})"


class UpliftItem(models.Model):
    """One live assessment in an uplift: its charge now, the charge with the new rates (the new
    inputs and result, kept so that committing makes exactly what the preview showed), or why it
    could not be worked out; and, once committed, the new assessment. One per (run, assessment), so
    a chunk done twice or a commit repeated after a crash makes nothing twice."""

    run = models.ForeignKey(UpliftRun, on_delete=models.PROTECT, related_name="items")
    previous = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    setting = models.CharField(max_length=20, choices=CareSetting.choices)
    old_weekly_charge = money_field()
    new_weekly_charge = money_field(null=True, blank=True)
    new_inputs = models.JSONField(encoder=DjangoJSONEncoder, null=True, blank=True)
    new_result = models.JSONField(encoder=DjangoJSONEncoder, null=True, blank=True)
    income_lines = models.JSONField(
        encoder=DjangoJSONEncoder, default=list, blank=True,
        help_text="Each income line before and after the uprating, with how (charging.uprating.UpratedLine).")
    lines_to_check = models.PositiveSmallIntegerField(
        default=0, help_text="Income lines carried over unchanged for an officer to check.")
    check_task = models.OneToOneField("people.Task", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", help_text="The officer's task to check them, set on commit.")
    error = models.TextField(blank=True, help_text="Why no new charge could be made (e.g. a missing rate).")
    skipped = models.TextField(blank=True, help_text="Why it was not committed (e.g. reassessed since the preview).")
    new_assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="uplift_item")

    history = audited()

    class Meta:
        ordering = ["run", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "previous"], name="charging_upliftitem_once_per_assessment"),
            models.CheckConstraint(
                condition=Q(new_weekly_charge__isnull=False, new_result__isnull=False, error="")
                | Q(new_weekly_charge__isnull=True, new_result__isnull=True) & ~Q(error=""),
                name="charging_upliftitem_result_or_error",
            ),
        ]

    @property
    def difference(self):
        return None if self.new_weekly_charge is None else self.new_weekly_charge - self.old_weekly_charge
