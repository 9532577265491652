"""The accrual job on a real Celery worker and the real Redis: everything posted once however often the day is
sent, a crash half way finished by the rerun, attributed to the system user under the job's name."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.conf import settings

from core.models import JobRun
from deferred_payments.accrual.models import AccrualPosting
from deferred_payments.accrual.services import accrual_chunk
from deferred_payments.accrual.tasks import JOB, accrual_daily
from tests.celery_worker import celery_worker

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.date(2024, 7, 3)


@pytest.fixture(scope="module")
def worker(django_db_setup, tmp_path_factory):
    with celery_worker(log_dir=tmp_path_factory.mktemp("worker"), queue=f"dpa-{uuid.uuid4().hex[:10]}") as w:
        yield w


def _send(worker, period) -> None:
    result = accrual_daily.apply_async(args=[period], queue=worker.queue)
    assert worker.wait_for(result.id, timeout=120) == "succeeded", worker.log()


def test_the_worker_posts_each_amount_once_and_a_crash_is_finished_by_the_rerun(worker, make_agreement, dp_leader):
    first = make_agreement(starts_on=dt.date(2024, 1, 1))
    second = make_agreement(starts_on=dt.date(2024, 1, 1))
    # A crash half way: the first agreement's chunk committed, the run left "running".
    accrual_chunk(acting_user=dp_leader, agreement_ids=[first.pk], on=DAY)
    JobRun.objects.create(job=JOB, period=DAY.isoformat(), status=JobRun.Status.RUNNING, attempts=1)
    for _ in range(2):
        _send(worker, DAY.isoformat())
    run = JobRun.objects.get(job=JOB, period=DAY.isoformat())
    assert (run.status, run.attempts) == (JobRun.Status.SUCCEEDED, 2)
    for agreement in (first, second):
        rows = AccrualPosting.objects.filter(agreement=agreement)
        assert rows.filter(kind="interest").count() == 1 and rows.filter(kind="deferral").count() == 26
    record = AccrualPosting.history.filter(agreement_id=second.pk).order_by("history_date").last()
    assert record.history_user.username == settings.SYSTEM_USERNAME
    assert f"(job: {JOB})" in record.history_change_reason
