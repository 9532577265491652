"""The cards part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.jobs import job_run
from core.registry import ScheduledJob


def card_topups_for(on: dt.date):
    """One job run per week (its Monday is the period): running it again that week does nothing."""
    from deputyship.cards.services import card_topups_run, week_of

    week = week_of(on)
    return job_run(job="deputyship-card-topups", period=week.isoformat(), work=lambda run: card_topups_run(on=week))


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)
def card_topups_weekly(period: str | None = None) -> dict:
    """Top up every prepaid card to its agreed weekly spend, once a week."""
    on = dt.date.fromisoformat(period) if period else timezone.localdate()
    run = card_topups_for(on)
    return {"job": run.job, "period": run.period, "status": run.status, "attempts": run.attempts, **run.summary}


SCHEDULE = [
    ScheduledJob("deputyship-card-topups-weekly", "deputyship.cards.tasks.card_topups_weekly",
                 crontab(hour=7, minute=30, day_of_week="mon"),
                 "Every Monday: top up each prepaid card in use to the client's agreed weekly spend, from the "
                 "pooled client account."),
]
