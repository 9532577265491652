"""The fees part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

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
def deputyship_fees_daily(period: str | None = None) -> dict:
    """Charge the deputyship and appointeeship fees that fell due (each once: see the service)."""
    from core.context import system_user
    from deputyship.fees.services import fees_charge_run

    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job="deputyship-fees", period=period,
                  work=lambda run: fees_charge_run(on=on, acting_user=system_user()))
    return {"job": run.job, "period": run.period, "status": run.status}


SCHEDULE = [
    ScheduledJob("deputyship-fees-daily", "deputyship.fees.tasks.deputyship_fees_daily", crontab(hour=5, minute=40),
                 "Each morning: the deputyship and appointeeship fees due on the order's date or anniversary, "
                 "charged once each to the client's funds."),
]
