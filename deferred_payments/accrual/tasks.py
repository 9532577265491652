"""The accrual part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks).

``deferred_payments.accrual_daily`` (beat, 04:30 each day): job ``dpa-accrual``, period the day; posts every
agreement's deferrals, fees and interest due up to that day (:func:`deferred_payments.accrual.services.accrual_run`).
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob
from deferred_payments.accrual import services

JOB = "dpa-accrual"
RETRY = dict(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)


@shared_task(name="deferred_payments.accrual_daily", **RETRY)
def accrual_daily(period: str | None = None) -> dict:
    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job=JOB, period=period, work=lambda run: services.accrual_run(on=on, run=run))
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts}


SCHEDULE = [
    ScheduledJob("dpa-accrual-daily", "deferred_payments.accrual_daily", crontab(hour=4, minute=30),
                 "Each morning: deferred payment agreements' weekly deferrals, fees and interest posted as they fall "
                 "due, equity warnings and the projected date each limit is reached."),
]
