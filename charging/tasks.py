"""Celery tasks for charging: thin. A period or a run's id in, a service call, retries here.

- ``charging.run_period`` (beat, daily): the charging run for every four-weekly period that has ended
  and whose run has not succeeded (``core.jobs.job_run``, job ``charging-run``, period ``2026-P08``);
  each run sends its clients to ``charging.run_chunk`` in chunks of 500.
- ``charging.uplift_preview`` / ``charging.uplift_commit``: split an April uplift into chunks of 500
  for ``charging.uplift_preview_chunk`` / ``charging.uplift_commit_chunk`` (which act for the team
  leader who committed it, whose id they carry).
- ``charging.assessments_take_effect_daily`` (beat, daily): approved assessments whose replacement
  starts that day become superseded (``core.jobs.job_run``, job ``assessments-take-effect``).
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from charging import run as charging_run
from charging import uplift
from charging.models import UpliftRun
from charging.periods import period_from_label
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


@shared_task(name="charging.uplift_preview", **RETRY)
def uplift_preview(run_id: int) -> int:
    run = UpliftRun.objects.get(pk=run_id)
    chunks = uplift.uplift_chunks(run)
    for ids in chunks:
        uplift_preview_chunk.delay(run_id, ids)
    if not chunks:
        with acting_as_job("uplift"):
            uplift.uplift_preview_all(run)
    return len(chunks)


@shared_task(name="charging.uplift_preview_chunk", bind=True, **RETRY)
def uplift_preview_chunk(self, run_id: int, assessment_ids: list[int]) -> int:
    with acting_as_job("uplift"):
        try:
            return uplift.uplift_preview_chunk(run_id=run_id, assessment_ids=assessment_ids)
        except OperationalError:
            raise
        except Exception as exc:
            uplift.uplift_fail(run_id=run_id, error=f"{type(exc).__name__}: {exc}")
            raise


@shared_task(name="charging.uplift_commit", **RETRY)
def uplift_commit(run_id: int, leader_id: int | None = None) -> int:
    """Split a commit into chunks, each carrying the id of the team leader who committed it: the
    workers act for them (``uplift.uplift_commit_chunk``)."""
    run = UpliftRun.objects.get(pk=run_id)
    leader_id = leader_id or run.committed_by_id
    chunks = uplift.commit_chunks(run)
    for ids in chunks:
        uplift_commit_chunk.delay(run_id, ids, leader_id)
    if not chunks:
        uplift.uplift_commit_all(run)
    return len(chunks)


@shared_task(name="charging.uplift_commit_chunk", **RETRY)
def uplift_commit_chunk(run_id: int, item_ids: list[int], leader_id: int | None = None) -> int:
    return uplift.uplift_commit_chunk(run_id=run_id, item_ids=item_ids, leader_id=leader_id)


@shared_task(name="charging.assessments_take_effect_daily", **RETRY)
def assessments_take_effect_daily(on: str | None = None) -> dict:
    """Mark superseded every approved assessment whose replacement takes effect by ``on`` (an ISO
    date; today in Europe/London by default). Running it again for the same day does nothing."""
    from charging.services import assessments_take_effect

    period = on or timezone.localdate().isoformat()
    day = dt.date.fromisoformat(period)
    run = job_run(job="assessments-take-effect", period=period, work=lambda run: assessments_take_effect(on=day))
    return {"job": run.job, "period": run.period, "status": run.status, **run.summary}


SCHEDULE = [
    ScheduledJob("charging-run-daily", "charging.run_period", crontab(hour=5, minute=0),
                 "Every morning: charge any four-weekly period that has ended and has not been charged."),
    ScheduledJob("assessments-take-effect-daily", "charging.assessments_take_effect_daily",
                 crontab(hour=0, minute=10),
                 "Just after midnight: assessments replaced from today become superseded (pages and the "
                 "charging run already go by the dates; this keeps the status in step)."),
]
