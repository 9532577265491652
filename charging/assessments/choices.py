"""Choices for financial assessment and charging."""

from django.db import models

from charging.assessments.calculator import Setting


class CareSetting(models.TextChoices):
    """Where the care is given: it decides which charging rules apply (the values are the
    calculator's :class:`charging.assessments.calculator.Setting`)."""

    RESIDENTIAL = Setting.RESIDENTIAL.value, "Residential care (care home)"
    NON_RESIDENTIAL = Setting.NON_RESIDENTIAL.value, "Care and support at home or in the community"


class AssessmentStatus(models.TextChoices):
    """Where a financial assessment is: being prepared, waiting for a team leader, in force
    (approved), or replaced by a later approved assessment (superseded)."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Superseded"


class BackdatingRule(models.TextChoices):
    """Which part of the council's backdating rule set an approved assessment's start date
    (see ``docs/decisions.md``, "Financial assessments: approval, backdating and the letter")."""

    FIRST = "first", "First assessment: from the date care started"
    DECREASE = "decrease", "Lower charge: from the date circumstances changed"
    INCREASE = "increase", "Higher charge: from the Monday on or after approval"
    UNCHANGED = "unchanged", "Same charge: from the date circumstances changed"
    UPLIFT = "uplift", "Annual uprating: from the date the new rates take effect"


