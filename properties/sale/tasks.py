"""The sale part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=6)
def stalled_sales_daily(period: str | None = None) -> dict:
    """A task for each sale with no progress for the configured number of days; safe to run again."""
    from properties.sale.services import stalled_sale_tasks_create

    period = period or timezone.localdate().isoformat()
    run = job_run(job="property-sales-stalled", period=period,
                  work=lambda run: stalled_sale_tasks_create(on=dt.date.fromisoformat(period)))
    return {"job": run.job, "period": run.period, "status": run.status}


SCHEDULE = [
    ScheduledJob("property-sales-stalled-daily", "properties.sale.tasks.stalled_sales_daily",
                 crontab(hour=6, minute=45), "Each morning: a task for every sale of a client's home that has stood "
                                             "still too long (a delayed sale costs the client)."),
]
