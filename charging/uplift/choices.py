"""Choices for the April uplift."""

from django.db import models


class UpliftStatus(models.TextChoices):
    """Where an April uplift run is: working out the new charges (nothing changed yet), waiting for
    the team leader to commit (and, for a large one, for a second team leader to confirm), making the
    new assessments, done, or stopped by an error."""

    PREVIEWING = "previewing", "Working out the new charges"
    PREVIEWED = "previewed", "Ready to commit"
    AWAITING_SECOND = "awaiting_second", "Waiting for a second team leader to confirm"
    COMMITTING = "committing", "Making the new assessments"
    COMMITTED = "committed", "Committed"
    FAILED = "failed", "Failed"
