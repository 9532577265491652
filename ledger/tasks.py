"""Celery tasks of the ledger. Thin: one service, as the named job."""

from __future__ import annotations

from celery import shared_task
from celery.schedules import crontab

from core.context import acting_as_job
from core.registry import ScheduledJob
from ledger import pending


@shared_task
def pending_statements_purge() -> dict:
    """Remove uploaded bank statements nobody confirmed before they expired. Safe to run at any time,
    twice, or after a crash: it removes only what has expired and is still there."""
    with acting_as_job("pending_statements_purge"):
        return {"removed": pending.pending_statements_purge()}


SCHEDULE = [
    ScheduledJob("pending-statements-purge", "ledger.tasks.pending_statements_purge", crontab(minute=15),
                 "Every hour: remove uploaded bank statements whose preview was never confirmed."),
]
