"""The fixed lists of the recovery ladder (each backed by a CHECK constraint)."""

from django.db import models


class StepKind(models.TextChoices):
    REMINDER = "reminder", "Reminder"
    FINAL_REMINDER = "final_reminder", "Final reminder"
    OFFICER_REFERRAL = "officer_referral", "Referral to the recovery officer"
    LETTER_BEFORE_CLAIM = "letter_before_claim", "Letter before claim"
    COUNTY_COURT = "county_court", "County court claim"


class LadderLetter(models.TextChoices):
    """The letters a step may send (registered with :mod:`documents.letters`)."""

    NONE = "", "No letter"
    REMINDER = "debt_recovery.reminder", "Reminder"
    FINAL_REMINDER = "debt_recovery.final_reminder", "Final reminder"
    LETTER_BEFORE_CLAIM = "debt_recovery.letter_before_claim", "Letter before claim"


class ActionOutcome(models.TextChoices):
    """What the daily job did with a step for a debt."""

    TAKEN = "taken", "Taken"
    PASSED_OVER = "passed_over", "Passed over (the debt did not meet the step's conditions)"
