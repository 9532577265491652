"""Celery tasks for financial assessments: thin. A day in, a service call, retries here.

``charging.assessments_take_effect_daily`` (beat, daily): approved assessments whose replacement starts
that day become superseded (``core.jobs.job_run``, job ``assessments-take-effect``). Registered when
Celery imports :mod:`charging.tasks`.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob


RETRY = dict(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)


@shared_task(name="charging.assessments_take_effect_daily", **RETRY)
def assessments_take_effect_daily(on: str | None = None) -> dict:
    """Mark superseded every approved assessment whose replacement takes effect by ``on`` (an ISO
    date; today in Europe/London by default). Running it again for the same day does nothing."""
    from charging.assessments.services import assessments_take_effect

    period = on or timezone.localdate().isoformat()
    day = dt.date.fromisoformat(period)
    run = job_run(job="assessments-take-effect", period=period, work=lambda run: assessments_take_effect(on=day))
    return {"job": run.job, "period": run.period, "status": run.status, **run.summary}


SCHEDULE = [
    ScheduledJob("assessments-take-effect-daily", "charging.assessments_take_effect_daily",
                 crontab(hour=0, minute=10),
                 "Just after midnight: assessments replaced from today become superseded (pages and the "
                 "charging run already go by the dates; this keeps the status in step)."),
]
