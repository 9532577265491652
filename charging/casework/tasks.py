"""Celery tasks for top-ups. Thin: a period in, one job run of a service, retries here.

Registered when Celery imports :mod:`charging.tasks`, scheduled each morning by beat as
``topups-follow-up-daily`` and ``topup-invoices-daily``. The task names keep the module path they were
first registered under (``charging.casework_tasks.*``), so jobs already queued or scheduled still find
them."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from charging.casework.services import topups
from core.jobs import job_run
from core.models import JobRun
from core.registry import ScheduledJob


@shared_task(
    name="charging.casework_tasks.topups_follow_up_daily",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def topups_follow_up_daily(period: str | None = None) -> dict:
    """Mark top-up invoices missed and give their charging officers a follow-up task, for ``period``
    (an ISO date; by default today in Europe/London). Running it again for the same day does nothing."""
    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job="topups-follow-up", period=period, work=lambda run: topups.topups_follow_up(on))
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts, **run.summary}


@shared_task(
    name="charging.casework_tasks.topup_invoices_four_weekly",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def topup_invoices_four_weekly(period_start: str) -> dict:
    """Raise the top-up invoices for the four weeks starting ``period_start`` (an ISO date)."""
    start = dt.date.fromisoformat(period_start)
    end = start + dt.timedelta(days=topups.PERIOD_DAYS - 1)
    run = job_run(job="topup-invoices", period=period_start,
                  work=lambda run: topups.topup_invoices_raise(acting_user=None, period_start=start, period_end=end))
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts, **run.summary}


@shared_task(
    name="charging.casework_tasks.topup_invoices_daily",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def topup_invoices_daily(on: str | None = None) -> dict:
    """Raise the top-up invoices for every four-weekly charging period that has ended by ``on`` (an
    ISO date; today in Europe/London by default) and has not been invoiced: the same periods as the
    charging run (:mod:`charging.run.periods`). A period already invoiced is skipped by its job run."""
    from charging.run.periods import periods_ended_by
    from charging.run.services import first_chargeable_day

    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    done = JobRun.objects.filter(job="topup-invoices", status=JobRun.Status.SUCCEEDED).values_list("period", flat=True)
    done = set(done)
    results = {}
    for period in periods_ended_by(day, since=first_chargeable_day()):
        if period.start.isoformat() not in done:
            results[period.label] = topup_invoices_four_weekly(period.start.isoformat())
    return results


SCHEDULE = [
    ScheduledJob("topups-follow-up-daily", "charging.casework_tasks.topups_follow_up_daily",
                 crontab(hour=6, minute=15),
                 "Every morning: mark top-up invoices unpaid 14 days after they were due as missed, and give "
                 "each client's charging officer one follow-up task."),
    ScheduledJob("topup-invoices-daily", "charging.casework_tasks.topup_invoices_daily", crontab(hour=5, minute=30),
                 "Every morning: raise the top-up invoices for any four-weekly period that has ended and has "
                 "not been invoiced (the charging run's periods)."),
]
