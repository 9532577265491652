"""Running a scheduled job for a period, exactly once in effect."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from core.context import acting_as_job
from core.history import set_reason
from core.models import JobRun

log = logging.getLogger(__name__)


def job_run(*, job: str, period: str, work: Callable[[JobRun], dict]) -> JobRun:
    """Run ``work`` for ``job`` and ``period`` as the system user, unless it already succeeded.

    ``work`` receives the :class:`JobRun` and returns a summary dict. It must make each of its
    outputs idempotent itself (unique constraints), because a run that crashed is run again.
    """
    with acting_as_job(job):
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
            run.save()
            raise
        run.status = JobRun.Status.SUCCEEDED
        run.summary = summary
        run.finished_at = timezone.now()
        set_reason(run, "Finished")
        run.save()
        return run
