"""The monthly reconciliation of direct debits as a Celery task: thin, one job run per month."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob
from debt_recovery.bacs_reports import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)
def bacs_reconciliation_monthly(period: str | None = None) -> dict:
    """Reconcile ``period`` (YYYY-MM; by default last month). Once per month: running it again finds the
    month's run done and changes nothing."""
    if period is None:
        period = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    month = dt.date.fromisoformat(f"{period}-01")
    run = job_run(job="bacs-reconciliation", period=period,
                  work=lambda run: services.reconciliation_record(month=month))
    return {"job": run.job, "period": run.period, "status": run.status, **run.summary}


SCHEDULE = [
    ScheduledJob("bacs-reconciliation-monthly", "debt_recovery.bacs_reports.tasks.bacs_reconciliation_monthly",
                 crontab(day_of_month=5, hour=8, minute=0),
                 "On the 5th of each month, when last month's ARUDD reports (up to 2 working days after the "
                 "collection date) are in: reconcile the month's direct debit collections against the unpaids "
                 "and the Bacs credit, and give the team leader a task if they do not agree."),
]
