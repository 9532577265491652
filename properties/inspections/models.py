"""Inspections of empty homes: each visit with its inspector, the condition found, photographs (stored
as documents) and the actions that came of it; and the escalations made when one falls due."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import audited
from properties.inspections.choices import Condition, EscalationLevel

__all__ = ["InspectionAction", "InspectionEscalation", "InspectionPhoto", "InspectionVisit"]


class InspectionVisit(models.Model):
    """A visit to an empty property: when, by whom, what condition it was in, and what was found."""

    home = models.ForeignKey("properties.Property", on_delete=models.PROTECT, related_name="inspections")
    visited_on = models.DateField()
    inspector = models.CharField(max_length=200)
    condition = models.CharField(max_length=10, choices=Condition.choices)
    findings = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-visited_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(condition__in=Condition.values), name="inspection_condition_valid"),
            models.CheckConstraint(condition=~Q(inspector=""), name="inspection_inspector_named"),
        ]

    @property
    def client(self):
        return self.home.client


class InspectionPhoto(models.Model):
    """A photograph taken on a visit, kept as a document of the client's."""

    visit = models.ForeignKey(InspectionVisit, on_delete=models.PROTECT, related_name="photos")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")

    history = audited()


class InspectionAction(models.Model):
    """Something to be done after a visit (fix a window, clear post), with its owner's task."""

    visit = models.ForeignKey(InspectionVisit, on_delete=models.PROTECT, related_name="actions")
    action = models.CharField(max_length=500)
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, related_name="+")

    history = audited()


class InspectionEscalation(models.Model):
    """The task made when a property's inspection fell due (for its officer) or went overdue beyond the
    grace period (for the team leader): one per property, due date and level."""

    home = models.ForeignKey("properties.Property", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    level = models.CharField(max_length=10, choices=EscalationLevel.choices)
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["home", "due_on", "level"], name="inspection_escalation_once"),
            models.CheckConstraint(condition=Q(level__in=EscalationLevel.values), name="inspection_escalation_level"),
        ]
