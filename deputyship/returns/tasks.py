"""The returns part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)
def court_returns_daily(period: str | None = None) -> dict:
    """Make the returns of ended reporting periods; remind and escalate as they fall due (once per stage)."""
    from core.context import system_user
    from deputyship.returns.services import returns_run

    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job="court-returns", period=period, work=lambda run: returns_run(on=on, acting_user=system_user()))
    return {"job": run.job, "period": run.period, "status": run.status}


SCHEDULE = [
    ScheduledJob("court-returns-daily", "deputyship.returns.tasks.court_returns_daily", crontab(hour=6, minute=50),
                 "Each morning: each deputyship's annual report to the OPG made when its period ends; reminders "
                 "28 and 14 days before it is due, and the team leader told once it is overdue."),
]
