"""Fixtures for the scheduled jobs: a real Celery worker on a queue of its own (so nothing else
sent to the same Redis reaches it), and tasks arranged as they stand before a morning's run."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from people.choices import TaskStatus
from people.models import Task
from tests.celery_worker import celery_worker

@pytest.fixture(scope="module")
def celery_worker_process(django_db_setup, tmp_path_factory):
    """A worker on a queue of its own, for the module's tests."""
    with celery_worker(log_dir=tmp_path_factory.mktemp("worker"), queue=f"jobs-test-{uuid.uuid4().hex[:10]}") as w:
        yield w


def make_task(*, title: str, assigned_to, due_date: dt.date, client=None, done: bool = False) -> Task:
    """Arrange a task as it stands before the morning's deadlines run."""
    closed = {"status": TaskStatus.DONE, "completed_by": assigned_to, "completed_at": timezone.now()} if done else {}
    return Task.objects.create(
        title=title, assigned_to=assigned_to, created_by=assigned_to, due_date=due_date, client=client, **closed
    )
