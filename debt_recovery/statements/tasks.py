"""Celery tasks for the statement run: thin. Ids in, a service call; retries here.

``debt_recovery.statements_daily`` (beat, each morning): starts the run for the charging period that ended
last and carries on any run left unfinished. ``debt_recovery.statements_run`` sends a run's work to the
workers: ``debt_recovery.statements_chunk`` states up to 200 debtors and makes their PDFs;
``debt_recovery.statements_render`` makes PDFs left unmade by a chunk that stopped after committing.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from core.context import acting_as_job
from core.registry import ScheduledJob
from debt_recovery.statements import services

RETRY = dict(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)


@shared_task(name="debt_recovery.statements_daily", **RETRY)
def statements_daily(on: str | None = None) -> list[int]:
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    with acting_as_job(services.JOB):
        runs = services.statement_runs_due(on=day)
    for run_id in runs:
        statements_run.delay(run_id)
    return runs


@shared_task(name="debt_recovery.statements_run", **RETRY)
def statements_run(run_id: int) -> dict:
    with acting_as_job(services.JOB):
        return services.statement_run_dispatch(
            run_id=run_id, send_chunk=lambda run, ids: statements_chunk.delay(run, ids),
            send_render=lambda run, ids: statements_render.delay(run, ids))


@shared_task(name="debt_recovery.statements_chunk", bind=True, acks_late=True, **RETRY)
def statements_chunk(self, run_id: int, debtor_ids: list[int]) -> dict:
    with acting_as_job(services.JOB):
        try:
            made = services.statements_make(run_id=run_id, debtor_ids=debtor_ids)
            rendered = services.statements_render(run_id=run_id, statement_ids=made)
        except OperationalError:
            raise
        except Exception as exc:
            services.statement_run_fail(run_id=run_id, error=f"{type(exc).__name__}: {exc}")
            raise
    return {"statements": len(made), "rendered": rendered}


@shared_task(name="debt_recovery.statements_render", acks_late=True, **RETRY)
def statements_render(run_id: int, statement_ids: list[int]) -> int:
    with acting_as_job(services.JOB):
        return services.statements_render(run_id=run_id, statement_ids=statement_ids)


SCHEDULE = [
    ScheduledJob("debt-statements-daily", "debt_recovery.statements_daily", crontab(hour=6, minute=0),
                 "Every morning: the four-weekly statements for the period that ended last, and any run left "
                 "unfinished."),
]
