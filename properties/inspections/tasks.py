"""The inspections part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=6)
def inspections_escalate_daily(period: str | None = None) -> dict:
    from properties.inspections.services import inspection_escalations_create

    period = period or timezone.localdate().isoformat()
    run = job_run(job="property-inspections-escalate", period=period,
                  work=lambda run: inspection_escalations_create(on=dt.date.fromisoformat(period)))
    return {"job": run.job, "period": run.period, "status": run.status}


SCHEDULE = [
    ScheduledJob("property-inspections-escalate-daily", "properties.inspections.tasks.inspections_escalate_daily",
                 crontab(hour=6, minute=40), "Each morning: tasks for empty homes whose inspection is due or overdue."),
]
