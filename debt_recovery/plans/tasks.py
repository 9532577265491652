"""Celery task of payment plans: the daily check of instalments. Thin: a date in, one job run."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob
from debt_recovery.plans import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)
def payment_plans_daily(period: str | None = None) -> dict:
    """Check every plan in force for ``period`` (an ISO date; today by default). Again for the same day:
    nothing."""
    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job="debt-payment-plans", period=period, work=lambda run: services.payment_plans_run(on=on))
    return {"job": run.job, "period": run.period, "status": run.status, **run.summary}


SCHEDULE = [
    # Before the ladder (06:30), so a plan broken this morning lets the ladder act on the debt today.
    ScheduledJob("debt-payment-plans-daily", "debt_recovery.plans.tasks.payment_plans_daily",
                 crontab(hour=6, minute=10),
                 "Every morning: a task for each missed payment plan instalment; plans unpaid past their grace "
                 "period are broken and their hold released."),
]
