"""The fixed lists of statement runs (each backed by a CHECK constraint)."""

from django.db import models


class RunStatus(models.TextChoices):
    """Where a statement run is: its statements being worked out and made, done with the print file
    stored, or stopped by an error (started again, it carries on where it stopped)."""

    RUNNING = "running", "Running"
    COMPLETE = "complete", "Complete"
    FAILED = "failed", "Stopped with an error"
