"""The lettings part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=6)
def certificate_reminders_daily(period: str | None = None) -> dict:
    from properties.lettings.services import certificate_reminders_create

    period = period or timezone.localdate().isoformat()
    run = job_run(job="property-certificate-reminders", period=period,
                  work=lambda run: certificate_reminders_create(on=dt.date.fromisoformat(period)))
    return {"job": run.job, "period": run.period, "status": run.status}


SCHEDULE = [
    ScheduledJob("property-certificate-reminders-daily", "properties.lettings.tasks.certificate_reminders_daily",
                 crontab(hour=6, minute=50), "Each morning: tasks ahead of certificate expiry, copy-to-tenant and remedial deadlines."),
]
