"""Celery tasks for the April uplift: thin. A run's id in, a service call, retries here.

``charging.uplift_preview`` / ``charging.uplift_commit`` split an April uplift into chunks of 500 for
``charging.uplift_preview_chunk`` / ``charging.uplift_commit_chunk`` (which act for the team leader
who committed it, whose id they carry). Registered when Celery imports :mod:`charging.tasks`.
"""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from charging.uplift import services as uplift
from charging.uplift.models import UpliftRun
from core.context import acting_as_job


RETRY = dict(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, retry_jitter=True,
             max_retries=6)


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
