"""The schedule part's daily jobs: income checked against the bank statements, and scheduled bills made
into payment requests. Thin: a day in, one job run of the service."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob
from deputyship.schedule import services

RETRY = dict(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)


@shared_task(**RETRY)
def income_checks_daily(period: str | None = None) -> dict:
    """Expected income against the statement lines imported, for ``period`` (an ISO date; today by default)."""
    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job="deputyship-income-checks", period=period, work=lambda run: services.income_checks_run(on=on))
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts, **run.summary}


@shared_task(**RETRY)
def payment_requests_daily(period: str | None = None) -> dict:
    """Scheduled bills due within the lead time made into payment requests, for ``period`` (an ISO date)."""
    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job="deputyship-payment-requests", period=period,
                  work=lambda run: services.payment_requests_generate(on=on))
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts, **run.summary}


SCHEDULE = [
    ScheduledJob("deputyship-income-checks-daily", "deputyship.schedule.tasks.income_checks_daily",
                 crontab(hour=7, minute=30),
                 "Each morning, after the bank statements are imported overnight: each client's expected income "
                 "matched to the statement lines; a task for the officer when one is missed or differs."),
    ScheduledJob("deputyship-payment-requests-daily", "deputyship.schedule.tasks.payment_requests_daily",
                 crontab(hour=5, minute=45),
                 "Each morning: the scheduled bills due within the next days made into payment requests for the "
                 "next payment run, unusual ones held for a second person."),
]
