"""Celery tasks for the charging run: thin. A period in, a service call, retries here.

``charging.run_period`` (beat, daily): the charging run for every four-weekly period that has ended and
whose run has not succeeded (``core.jobs.job_run``, job ``charging-run``, period ``2026-P08``); each run
sends its clients to ``charging.run_chunk`` in chunks of 500. Registered when Celery imports
:mod:`charging.tasks`.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from charging.run import services as charging_run
from charging.run.periods import period_from_label
from core.context import acting_as_job
from core.jobs import job_run
from core.registry import ScheduledJob


RETRY = dict(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)


@shared_task(name="charging.run_period", **RETRY)
def run_period(on: str | None = None) -> dict:
    """Charge every period that has ended by ``on`` (an ISO date; today in Europe/London by default)
    and has not been charged. Running it again for a period already run does nothing."""
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    done = {}
    for period in charging_run.periods_to_run(on=day):
        chunks: list[list[int]] = []
        run = job_run(job=charging_run.JOB, period=period.label, work=lambda run, period=period: (
            charging_run.charging_run_period(period=period, run=run, send=lambda label, ids: chunks.append(ids))))
        # Sent once the run is recorded; a chunk lost on the way is caught by the next period's run,
        # which charges every earlier period not yet charged.
        for ids in chunks:
            run_chunk.delay(period.label, ids)
        done[period.label] = {"status": run.status, **run.summary}
    return done


@shared_task(name="charging.run_chunk", **RETRY)
def run_chunk(period: str, client_ids: list[int]) -> dict:
    period_from_label(period)
    with acting_as_job(charging_run.JOB):
        return charging_run.charging_run_chunk(period_label=period, client_ids=client_ids)


SCHEDULE = [
    ScheduledJob("charging-run-daily", "charging.run_period", crontab(hour=5, minute=0),
                 "Every morning: charge any four-weekly period that has ended and has not been charged."),
]
