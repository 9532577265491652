"""The statements part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks).

``deferred_payments.statements_daily`` (beat, 05:15 each day, after the accrual run): job ``dpa-statements``
for the six-month period that ended last (``2025-H1``); succeeds once per period.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob
from deferred_payments.statements import services

RETRY = dict(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)


@shared_task(name="deferred_payments.statements_daily", **RETRY)
def statements_daily(period: str | None = None) -> dict:
    if period:
        _start, end = services.period_from_label(period)
    else:
        _start, end = services.last_ended_period(on=timezone.localdate())
        period = services.period_label(end)
    run = job_run(job=services.JOB, period=period, work=lambda run: services.statements_run(end=end, run=run))
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts}


SCHEDULE = [
    ScheduledJob("dpa-statements-daily", "deferred_payments.statements_daily", crontab(hour=5, minute=15),
                 "Each morning after the accrual run: the six-monthly deferred payment statements for the period "
                 "that ended last, once per period."),
]
