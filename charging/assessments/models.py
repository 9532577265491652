"""Financial assessment: the care packages a person receives, their financial assessments (inputs, the
calculator's result with every line of the working, maker-checker approval) and the evidence behind
them.

Only :mod:`charging.assessments.services` writes these tables; :mod:`charging.assessments.selectors`
reads them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from charging.assessments.choices import AssessmentStatus, BackdatingRule, CareSetting
from core.history import audited
from documents.models import Document
from people.models import Client, Contact


def money_field(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)


def _equals_result(column: str) -> Q:
    """The column holds exactly the figure of the same name in the stored result."""
    return Q(**{column: Cast(KT(f"result__{column}"), models.DecimalField(max_digits=12, decimal_places=2))})


class DateRange(Func):
    """``daterange(start, end)``: the days from ``start`` up to the day before ``end`` (no end: for
    ever)."""

    function = "daterange"
    output_field = DateRangeField()


class CarePackage(models.Model):
    """The care a person receives and what it costs the council a week: a place in a care home
    (residential) or care and support at home (non-residential), from a provider, from a start date
    until it ends. An assessment works out what the person pays towards it."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="care_packages")
    setting = models.CharField(max_length=20, choices=CareSetting.choices)
    weekly_cost = money_field(help_text="What the care costs a week, in pounds.")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    provider_name = models.CharField(max_length=200)
    provider = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="care_packages",
        help_text="The provider as a contact on the record, where they are one.",
    )
    description = models.TextField(blank=True)
    end_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["client", "-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(setting__in=CareSetting.values), name="charging_carepackage_setting_valid"),
            models.CheckConstraint(condition=Q(weekly_cost__gt=0), name="charging_carepackage_cost_positive"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="charging_carepackage_period_valid",
            ),
            models.CheckConstraint(condition=~Q(provider_name=""), name="charging_carepackage_provider_named"),
        ]
        indexes = [models.Index(fields=["client", "setting", "start_date"], name="charging_package_client_idx")]

    def __str__(self):
        return f"{self.get_setting_display()} from {self.provider_name}, from {self.start_date:%d %B %Y}"

    def is_current(self, on) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class Assessment(models.Model):
    """A financial assessment: what a person must pay a week towards one care package.

    ``inputs`` is the person's circumstances as the officer recorded them
    (:meth:`charging.assessments.calculator.AssessmentInput.to_dict`); ``result`` is the calculator's answer with
    every line of the working and every rate it used (:meth:`AssessmentResult.to_dict`), worked out
    once with the rates in force on the assessment date. Pages and letters show the stored result and
    never work it out again, so an old assessment always shows the numbers it was approved with;
    the weekly charge, the council's share and the cost of care are copied into columns (CHECKed
    equal to the result) for lists and invoices. Once submitted, the numbers cannot be changed (a
    trigger refuses it): the assessment is returned to draft first.

    Draft -> submitted -> approved (by a team leader who is not the assessor) -> superseded (by the
    client's next approved assessment for the same setting). ``effective_from`` is when the charge
    starts, set on approval by the backdating rule (``docs/decisions.md``), with
    ``backdating_explanation`` the sentence the letter gives.

    **In force is a matter of dates.** An approved assessment is in force from ``effective_from`` up to
    the day before ``replaced_from`` (the day the next approved assessment takes effect; empty while
    nothing replaces it). An assessment approved today to start next April leaves the one in force
    today in force - still *approved*, with ``replaced_from`` and ``superseded_by`` saying what
    replaces it and when - and it becomes *superseded* when that day comes (the daily job
    ``charging.assessments_take_effect``; pages and the charging run go by the dates, so they never
    wait for it). The database allows at most one assessment in force per client and setting on any
    day (an exclusion constraint over the date ranges) and one not yet replaced.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="assessments")
    care_package = models.ForeignKey(CarePackage, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    setting = models.CharField(max_length=20, choices=CareSetting.choices)
    assessment_date = models.DateField(help_text="The date the circumstances were assessed as at.")
    inputs = models.JSONField(encoder=DjangoJSONEncoder)
    result = models.JSONField(encoder=DjangoJSONEncoder)
    weekly_charge = money_field()
    council_share = money_field()
    weekly_cost_of_care = money_field()
    reason = models.TextField(help_text="Why the assessment was made (a new package, a change in circumstances...).")
    notes = models.TextField(blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments_made",
        help_text="Who last worked the assessment out (the maker); they cannot approve it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True, help_text="Why it was last returned to draft.")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments_approved"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    effective_from = models.DateField(null=True, blank=True, help_text="The day the charge starts.")
    backdating_rule = models.CharField(max_length=12, choices=BackdatingRule.choices, blank=True)
    backdated_weeks = models.DecimalField(
        max_digits=8, decimal_places=4, null=True, blank=True,
        help_text="Weeks (days / 7) from the start of the charge to the approval date, if any.",
    )
    backdated_amount = money_field(
        null=True, blank=True,
        help_text="First assessment: the charge for the backdated weeks. A lower charge: what the "
                  "person has been charged too much for them. Otherwise empty.",
    )
    backdating_explanation = models.TextField(blank=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    replaced_from = models.DateField(
        null=True, blank=True,
        help_text="The day the next approved assessment takes effect: this one is in force up to the day before.",
    )
    letter = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The letter telling the person their charge, made on approval.",
    )

    history = audited()

    class Meta:
        ordering = ["client", "-assessment_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AssessmentStatus.values), name="charging_assessment_status_valid"),
            models.CheckConstraint(condition=Q(setting__in=CareSetting.values), name="charging_assessment_setting_valid"),
            models.CheckConstraint(
                condition=Q(backdating_rule="") | Q(backdating_rule__in=BackdatingRule.values),
                name="charging_assessment_backdating_rule_valid",
            ),
            models.CheckConstraint(
                condition=Q(weekly_charge__gte=0) & Q(council_share__gte=0) & Q(weekly_cost_of_care__gt=0)
                & Q(weekly_cost_of_care=F("weekly_charge") + F("council_share")),
                name="charging_assessment_figures_add_up",
            ),
            models.CheckConstraint(
                condition=_equals_result("weekly_charge") & _equals_result("council_share")
                & _equals_result("weekly_cost_of_care") & Q(setting=KT("result__setting")),
                name="charging_assessment_figures_from_result",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="charging_assessment_reason_given"),
            # Maker-checker: whoever worked it out cannot approve it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("assessed_by")),
                name="charging_assessment_approver_not_assessor",
            ),
            models.CheckConstraint(
                condition=Q(status=AssessmentStatus.DRAFT, submitted_at__isnull=True, submitted_by__isnull=True)
                | (~Q(status=AssessmentStatus.DRAFT) & Q(submitted_at__isnull=False, submitted_by__isnull=False)),
                name="charging_assessment_submitted_when_not_draft",
            ),
            models.CheckConstraint(
                condition=(Q(status__in=[AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED])
                           & Q(approved_by__isnull=True, approved_at__isnull=True, effective_from__isnull=True,
                               backdating_rule=""))
                | (Q(status__in=[AssessmentStatus.APPROVED, AssessmentStatus.SUPERSEDED])
                   & Q(approved_by__isnull=False, approved_at__isnull=False, effective_from__isnull=False)
                   & ~Q(backdating_rule="") & ~Q(backdating_explanation="")),
                name="charging_assessment_approved_has_approval",
            ),
            # Superseded: replaced by another from a day that has come. Approved: in force, or coming,
            # perhaps with a replacement already approved to start on a later day. Otherwise neither.
            models.CheckConstraint(
                condition=(Q(status=AssessmentStatus.SUPERSEDED)
                           & Q(superseded_by__isnull=False, superseded_at__isnull=False, replaced_from__isnull=False))
                | (Q(status=AssessmentStatus.APPROVED) & Q(superseded_at__isnull=True)
                   & (Q(superseded_by__isnull=True, replaced_from__isnull=True)
                      | Q(superseded_by__isnull=False, replaced_from__isnull=False)))
                | (Q(status__in=[AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED])
                   & Q(superseded_by__isnull=True, superseded_at__isnull=True, replaced_from__isnull=True)),
                name="charging_assessment_superseded_by_another",
            ),
            models.CheckConstraint(
                condition=Q(replaced_from__isnull=True) | Q(replaced_from__gte=F("effective_from")),
                name="charging_assessment_replaced_after_start",
            ),
            models.CheckConstraint(
                condition=Q(superseded_by__isnull=True) | ~Q(superseded_by=F("id")),
                name="charging_assessment_not_superseded_by_itself",
            ),
            models.CheckConstraint(
                condition=Q(backdated_weeks__isnull=True, backdated_amount__isnull=True)
                | Q(backdated_weeks__gt=0, backdated_amount__isnull=False, backdated_amount__gte=0),
                name="charging_assessment_backdating_figures",
            ),
            # At most one assessment not yet replaced per client and setting (the latest approved)...
            models.UniqueConstraint(
                fields=["client", "setting"], condition=Q(status=AssessmentStatus.APPROVED, replaced_from__isnull=True),
                name="charging_assessment_one_open_per_setting",
            ),
            # ... and at most one in force on any day.
            ExclusionConstraint(
                name="charging_assessment_one_in_force_per_day",
                expressions=[("client", RangeOperators.EQUAL), ("setting", RangeOperators.EQUAL),
                             (DateRange("effective_from", "replaced_from"), RangeOperators.OVERLAPS)],
                condition=Q(status__in=[AssessmentStatus.APPROVED, AssessmentStatus.SUPERSEDED]),
            ),
        ]
        indexes = [models.Index(fields=["status", "-submitted_at"], name="charging_assessment_queue_idx")]

    def __str__(self):
        return f"{self.get_setting_display()} assessment of {self.assessment_date:%d %B %Y} ({self.get_status_display()})"

    @property
    def is_live(self) -> bool:
        return self.status == AssessmentStatus.APPROVED

    def in_force_on(self, day: dt.date) -> bool:
        return (self.status in (AssessmentStatus.APPROVED, AssessmentStatus.SUPERSEDED)
                and self.effective_from is not None and self.effective_from <= day
                and (self.replaced_from is None or self.replaced_from > day))

    @property
    def never_in_force(self) -> bool:
        """Replaced before it took effect (a later approval starts on or before its first day)."""
        return self.replaced_from is not None and self.replaced_from <= self.effective_from

    def state(self, today: dt.date) -> tuple[str, str]:
        """What the assessment is on ``today``, for a status tag: (label, colour)."""
        if self.status not in (AssessmentStatus.APPROVED, AssessmentStatus.SUPERSEDED):
            return self.get_status_display(), {"draft": "light-blue", "submitted": "yellow"}.get(self.status, "")
        if self.never_in_force:
            return "Replaced before it took effect", "grey"
        if self.effective_from > today:
            return f"Approved, from {self.effective_from.day} {self.effective_from:%B %Y}", "blue"
        if self.replaced_from is None:
            return "In force", "green"
        if self.replaced_from <= today:
            return "Superseded", "grey"
        last = self.replaced_from - dt.timedelta(days=1)
        return f"In force until {last.day} {last:%B %Y}", "green"


class AssessmentEvidence(models.Model):
    """A piece of evidence behind an assessment: what it shows (e.g. "State Pension, £221.20 a week"),
    the document seen (a bank statement, a DWP award letter), a copy of it if one was uploaded (kept
    as a ``documents.Document``, downloaded through the documents download page) and who checked it
    against the original."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="evidence")
    evidences = models.CharField(max_length=200, help_text="What it is evidence of.")
    document_reference = models.CharField(
        max_length=200, help_text="The document seen, e.g. \"DWP award letter dated 10 April 2026\"."
    )
    description = models.TextField(blank=True)
    document = models.OneToOneField(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="A copy of the document seen (PDF, JPEG or PNG), if one was uploaded.",
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    history = audited()

    class Meta:
        ordering = ["assessment", "added_at", "id"]
        verbose_name_plural = "assessment evidence"
        constraints = [
            models.CheckConstraint(condition=~Q(evidences="") & ~Q(document_reference=""),
                                   name="charging_evidence_described"),
            models.CheckConstraint(
                condition=Q(verified_by__isnull=True, verified_at__isnull=True)
                | Q(verified_by__isnull=False, verified_at__isnull=False),
                name="charging_evidence_verified_with_date",
            ),
        ]

    def __str__(self):
        return f"{self.evidences}: {self.document_reference}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None
