"""Running a scheduled job for a period, exactly once in effect."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from core.context import acting_as_job
from core.history import set_reason
from core.models import JobRun

log = logging.getLogger(__name__)


@contextmanager
def _one_at_a_time(job: str, period: str) -> Iterator[None]:
    """Hold a PostgreSQL session lock on (job, period) while the run works.

    A second worker given the same job and period (the broker redelivering a long task, beat and
    an operator both starting it) waits here, then finds the run already succeeded, instead of
    working beside the first and perhaps marking a succeeded run as failed. A worker that dies
    loses its connection and with it the lock.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtext('core.jobrun'), hashtext(%s))", [f"{job}:{period}"])
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(hashtext('core.jobrun'), hashtext(%s))", [f"{job}:{period}"])
        except DatabaseError:  # the connection is gone, and the lock with it
            log.warning("Could not release the lock of %s for %s; the connection was lost", job, period)


def job_run(*, job: str, period: str, work: Callable[[JobRun], dict]) -> JobRun:
    """Run ``work`` for ``job`` and ``period`` as the system user, unless it already succeeded.

    ``work`` receives the :class:`JobRun` and returns a summary dict. It must make each of its
    outputs idempotent itself (unique constraints), because a run that crashed is run again.
    """
    with acting_as_job(job), _one_at_a_time(job, period):
        with transaction.atomic():
            run, _ = JobRun.objects.select_for_update().get_or_create(job=job, period=period)
            if run.status == JobRun.Status.SUCCEEDED:
                log.info("%s for %s already succeeded; nothing to do", job, period)
                return run
            run.attempts += 1
            run.status = JobRun.Status.RUNNING
            run.error = ""
            set_reason(run, f"Started attempt {run.attempts}")
            run.save()
        try:
            summary = work(run)
        except Exception as exc:
            run.status = JobRun.Status.FAILED
            run.error = f"{type(exc).__name__}: {exc}"
            run.finished_at = timezone.now()
            set_reason(run, "Failed")
            try:
                run.save()
            except DatabaseError:  # e.g. the database went away: keep the original error
                log.exception("Could not record the failure of %s for %s", job, period)
            raise
        run.status = JobRun.Status.SUCCEEDED
        run.summary = summary
        run.finished_at = timezone.now()
        set_reason(run, "Finished")
        run.save()
        return run
