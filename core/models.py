"""Machinery shared by every team: the record of scheduled job runs."""

from django.db import models

from core.history import audited


class JobRun(models.Model):
    """One run of a scheduled job for one period (a day, a four-week period, a month...).

    Unique on (job, period): running the same job for the same period again finds this row. A run
    that finished is not repeated; one that crashed half way is run again, and because every output
    of a job is itself unique (one notification per task per day, one statement per account per
    period), the second attempt produces only what the first did not.
    """

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    job = models.CharField(max_length=100)
    period = models.CharField(max_length=40, help_text="The period the run covers, e.g. 2026-11-24.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    attempts = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True, default="")

    history = audited()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="jobrun_one_per_job_period"),
            models.CheckConstraint(
                condition=models.Q(status__in=["running", "succeeded", "failed"]), name="jobrun_status_valid"
            ),
        ]
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.job} for {self.period} ({self.get_status_display()})"
