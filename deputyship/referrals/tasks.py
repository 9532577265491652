"""The referrals part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

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
def referral_documents_chase_daily(period: str | None = None) -> dict:
    """Each morning: a chase task for every checklist document still out after its due date (once each)."""
    from deputyship.referrals.services import referral_documents_chase_run

    period = period or timezone.localdate().isoformat()
    on = dt.date.fromisoformat(period)
    run = job_run(job="deputyship-referral-chase", period=period,
                  work=lambda run: referral_documents_chase_run(on=on))
    return {"job": run.job, "period": run.period, "status": run.status, "summary": run.summary}


SCHEDULE = [
    ScheduledJob("deputyship-referral-chase-daily", "deputyship.referrals.tasks.referral_documents_chase_daily",
                 crontab(hour=6, minute=45), "Each morning: a chase task for each application document care "
                 "management has not returned by its due date."),
]
