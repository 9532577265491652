"""Celery tasks of the people record. Thin: a period in, one job run of a service, retries here."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob
from people import services


@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def deadlines_daily(period: str | None = None) -> dict:
    """Mark tasks overdue and tell their assignees, for ``period`` (an ISO date; by default today
    in Europe/London). Run every morning by beat; running it again for the same day does nothing."""
    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job="deadlines", period=period, work=lambda run: services.deadlines_run(on=on))
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts, **run.summary}


SCHEDULE = [
    ScheduledJob("deadlines-daily", "people.tasks.deadlines_daily", crontab(hour=6, minute=0),
                 "Every morning before the office opens: mark tasks overdue and tell their assignees."),
]
