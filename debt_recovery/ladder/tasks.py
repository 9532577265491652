"""Celery tasks of the recovery ladder and holds. Thin: a period in, one job run of a service, retries here."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob
from debt_recovery.holds import services as hold_services
from debt_recovery.ladder import services


def _result(run) -> dict:
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts, **run.summary}


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)
def ladder_daily(period: str | None = None) -> dict:
    """Move each overdue debt to its next recovery step, for ``period`` (an ISO date; by default today in
    Europe/London). Running it again for the same day does nothing."""
    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    return _result(job_run(job="debt-ladder", period=period, work=lambda run: services.ladder_run(on=on, run=run)))


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)
def holds_review_daily(period: str | None = None) -> dict:
    """Give the officer a task for each hold whose review date has come, for ``period`` (an ISO date)."""
    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    return _result(job_run(job="debt-holds-review", period=period,
                           work=lambda run: hold_services.holds_review_run(on=on)))


SCHEDULE = [
    ScheduledJob("debt-holds-review-daily", "debt_recovery.ladder.tasks.holds_review_daily", crontab(hour=6, minute=20),
                 "Every morning: a review task for each hold on a debt whose review date has come."),
    ScheduledJob("debt-ladder-daily", "debt_recovery.ladder.tasks.ladder_daily", crontab(hour=6, minute=30),
                 "Every morning, after the charging run (05:00) has posted the night's charges: move each overdue "
                 "debt not on hold to its next recovery step, with its letter and the officer's task."),
]
