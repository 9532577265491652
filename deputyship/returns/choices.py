"""Choices for court returns (the deputy's annual report to the Office of the Public Guardian)."""

from django.db import models


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready to submit"
    SUBMITTED = "submitted", "Submitted to the OPG"


class ReportForm(models.TextChoices):
    """The OPG's annual report forms for a property and affairs deputy."""

    FULL = "102", "Full report (OPG 102)"
    SHORT = "103", "Short report (OPG 103)"


class EntryKind(models.TextChoices):
    """What an officer adds to a report's draft."""

    DECISION = "decision", "Decision"
    CONTACT = "contact", "Contact"
    VISIT = "visit", "Visit"
    ACTION = "action", "Action planned"
    ASSET = "asset", "Asset (other than money the council holds)"
    DEBT = "debt", "Debt"


class ReminderStage(models.TextChoices):
    DAYS_28 = "due_28", "28 days before the due date"
    DAYS_14 = "due_14", "14 days before the due date"
    OVERDUE = "overdue", "Overdue: escalated to the team leader"
