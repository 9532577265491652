"""The daily direct debit run as a Celery task. Thin: a day in, one job run of the service."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob
from debt_recovery.directdebits import services


def _work(on: dt.date):
    def work(run) -> dict:
        day = services.collection_run(on=on)
        return {"instructions": day.instructions, "scheduled": day.scheduled, "submitted": day.submitted,
                "collected": day.collected}
    return work


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)
def direct_debits_daily(period: str | None = None) -> dict:
    """The direct debit run for ``period`` (an ISO date; by default today in Europe/London). Running it
    again for the same day does nothing."""
    period = period or timezone.localdate().isoformat()
    run = job_run(job="direct-debits", period=period, work=_work(dt.date.fromisoformat(period)))
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts, **run.summary}


SCHEDULE = [
    ScheduledJob("direct-debits-daily", "debt_recovery.directdebits.tasks.direct_debits_daily",
                 crontab(hour=7, minute=0),
                 "Every morning, after the charging run and the ladder: lodge new and cancelled Direct Debit "
                 "Instructions (AUDDIS), send advance notices, make the collection file for the bureau and record "
                 "the collections due today as payments."),
]
