"""The life events part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

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
def lifeevents_daily(period: str | None = None) -> dict:
    """Investment review and tax return tasks as their dates near; once a day."""
    from deputyship.lifeevents.services import lifeevents_daily_run

    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job="deputyship-lifeevents", period=period, work=lambda run: lifeevents_daily_run(on=on))
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts, **run.summary}


SCHEDULE = [
    ScheduledJob("deputyship-lifeevents-daily", "deputyship.lifeevents.tasks.lifeevents_daily",
                 crontab(hour=6, minute=45),
                 "Every morning: give the tasks for investments due for review and tax returns coming due."),
]
