"""The ladder and hold review jobs on a real Celery worker and the real Redis: each step once, however
often the day is sent, attributed to the system user under the job's name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from core.models import JobRun
from debt_recovery.ladder.models import LadderAction, LadderPosition
from debt_recovery.ladder.tasks import holds_review_daily, ladder_daily
from documents.models import Document
from tests.celery_worker import celery_worker

pytestmark = pytest.mark.django_db(transaction=True)

INVOICED = dt.date(2026, 6, 1)
REMINDER_DAY = INVOICED + dt.timedelta(days=21)


@pytest.fixture(scope="module")
def worker(django_db_setup, tmp_path_factory):
    import uuid

    with celery_worker(log_dir=tmp_path_factory.mktemp("worker"), queue=f"ladder-{uuid.uuid4().hex[:10]}") as w:
        yield w


def _send(worker, task, period) -> None:
    result = task.apply_async(args=[period], queue=worker.queue)
    assert worker.wait_for(result.id) == "succeeded", worker.log()


def test_the_worker_takes_each_step_once(worker, debtor, ledger, ladder):
    ledger.charge(debtor.ledger_account, "300.00", INVOICED)
    for _ in range(2):
        _send(worker, ladder_daily, REMINDER_DAY.isoformat())
    run = JobRun.objects.get(job="debt-ladder", period=REMINDER_DAY.isoformat())
    assert (run.status, run.attempts, run.summary["steps_taken"]) == (JobRun.Status.SUCCEEDED, 1, 1)
    action = LadderAction.objects.get()
    assert action.kind == "reminder" and Document.objects.filter(kind="debt_recovery.reminder").count() == 1
    record = LadderPosition.history.filter(debtor_id=debtor.pk).order_by("history_date").last()
    assert record.history_user.username == settings.SYSTEM_USERNAME
    assert "(job: debt-ladder)" in record.history_change_reason
    _send(worker, holds_review_daily, REMINDER_DAY.isoformat())
    assert JobRun.objects.get(job="debt-holds-review").status == JobRun.Status.SUCCEEDED
