"""Celery tasks of county court and estates. Thin: a period in, one job run of a service, retries here."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob
from debt_recovery.court import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)
def limitation_warnings_daily(period: str | None = None) -> dict:
    """Warn the officer of each unpaid charge whose six-year limitation date is near, for ``period`` (an
    ISO date; by default today in Europe/London). Running it again for the same day does nothing, and a
    charge is warned of once however many days it is near."""
    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job="debt-limitation-warnings", period=period,
                  work=lambda run: services.limitation_warnings_run(on=on))
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts, **run.summary}


SCHEDULE = [
    ScheduledJob("debt-limitation-warnings-daily", "debt_recovery.court.tasks.limitation_warnings_daily",
                 crontab(hour=6, minute=40),
                 "Every morning: a task for each unpaid charge whose six-year limitation date (Care Act 2014 "
                 "s.69(1)) is within 90 days."),
]
