"""The charges part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

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
def insurance_checks_yearly(period: str | None = None) -> dict:
    """Once a year (period: the year, e.g. "2026"): a task per active agreement to check the home's
    insurance and upkeep."""
    from deferred_payments.charges.services import insurance_checks_run

    period = period or str(timezone.localdate().year)
    on = timezone.localdate()
    run = job_run(job="dpa-insurance-checks", period=period,
                  work=lambda run: insurance_checks_run(year=int(period), on=max(on, dt.date(int(period), 1, 1))))
    return {"job": run.job, "period": run.period, "status": run.status}


SCHEDULE = [
    ScheduledJob("dpa-insurance-checks-yearly", "deferred_payments.charges.tasks.insurance_checks_yearly",
                 crontab(hour=7, minute=15, day_of_month=2, month_of_year=1),
                 "Each January: a task per active deferred payment agreement to check the home is insured and "
                 "maintained."),
]
