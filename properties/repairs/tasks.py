"""The repairs part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=6)
def overdue_repairs_daily(period: str | None = None) -> dict:
    """A task for each open repair past its due date; running again for the same day does nothing."""
    from properties.repairs.services import overdue_repair_tasks_create

    period = period or timezone.localdate().isoformat()
    run = job_run(job="property-repairs-overdue", period=period,
                  work=lambda run: overdue_repair_tasks_create(on=dt.date.fromisoformat(period)))
    return {"job": run.job, "period": run.period, "status": run.status}


SCHEDULE = [
    ScheduledJob("property-repairs-overdue-daily", "properties.repairs.tasks.overdue_repairs_daily",
                 crontab(hour=6, minute=40),
                 "Each morning: a task for every repair to a client's home past its due date."),
]
