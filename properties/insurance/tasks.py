"""The insurance part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=6)
def insurance_renewals_daily(period: str | None = None) -> dict:
    from properties.insurance.services import renewal_tasks_create

    period = period or timezone.localdate().isoformat()
    run = job_run(job="property-insurance-renewals", period=period,
                  work=lambda run: {"tasks": renewal_tasks_create(on=dt.date.fromisoformat(period))})
    return {"job": run.job, "period": run.period, "status": run.status}


SCHEDULE = [
    ScheduledJob("property-insurance-renewals-daily", "properties.insurance.tasks.insurance_renewals_daily",
                 crontab(hour=6, minute=30), "Each morning: a task for every property policy renewing soon."),
]
