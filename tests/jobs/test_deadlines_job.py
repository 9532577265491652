"""The daily deadlines job on a real worker: each output exactly once, however often it runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from core.context import acting_as_job
from core.models import JobRun
from people import services
from people.choices import TaskStatus
from people.models import Notification, Task
from people.tasks import deadlines_daily
from tests.jobs.conftest import make_task

pytestmark = pytest.mark.django_db(transaction=True)

PERIOD = "2026-11-24"
DAY = dt.date.fromisoformat(PERIOD)


@pytest.fixture
def tasks(officer, other_officer, north_client, charging_client):
    return {
        "bank": make_task(title="Chase bank statement", assigned_to=officer, client=north_client,
                          due_date=DAY - dt.timedelta(days=4)),
        "pension": make_task(title="Send Pension Credit form", assigned_to=officer,
                             due_date=DAY - dt.timedelta(days=1)),
        "assessment": make_task(title="Complete financial assessment", assigned_to=other_officer,
                                client=charging_client, due_date=DAY - dt.timedelta(days=23)),
        "due_today": make_task(title="Ring the care home", assigned_to=officer, client=north_client, due_date=DAY),
        "next_week": make_task(title="Review top-up", assigned_to=other_officer, client=charging_client,
                               due_date=DAY + dt.timedelta(days=7)),
        "done": make_task(title="File deputy report", assigned_to=officer, client=north_client,
                          due_date=DAY - dt.timedelta(days=14), done=True),
    }


OVERDUE = {"bank", "pension", "assessment"}


def _send(worker) -> None:
    result = deadlines_daily.apply_async(args=[PERIOD], queue=worker.queue)
    outcome = worker.wait_for(result.id)
    assert outcome == "succeeded", worker.log()


def _notification_keys(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("key", flat=True))


def _assert_each_output_once(tasks, officer, other_officer):
    for name, task in tasks.items():
        task.refresh_from_db()
        expected = TaskStatus.OVERDUE if name in OVERDUE else (TaskStatus.DONE if name == "done" else TaskStatus.OPEN)
        assert task.status == expected, name
    assert _notification_keys(officer) == sorted(
        f"task-overdue:{tasks[name].pk}" for name in ("bank", "pension")
    )
    assert _notification_keys(other_officer) == [f"task-overdue:{tasks['assessment'].pk}"]
    for name in OVERDUE:  # marked overdue once: one change row saying so
        marked = Task.history.filter(id=tasks[name].pk, history_type="~", status=TaskStatus.OVERDUE)
        assert marked.count() == 1, name


def test_the_worker_runs_the_job_once_per_day(celery_worker_process, tasks, officer, other_officer):
    _send(celery_worker_process)

    run = JobRun.objects.get(job="deadlines", period=PERIOD)
    assert run.status == JobRun.Status.SUCCEEDED
    assert run.attempts == 1
    assert run.summary == {"marked_overdue": 3, "notified": 3}
    _assert_each_output_once(tasks, officer, other_officer)

    # Everything the worker wrote is the system user's, under the job's name and correlation id.
    marked = Task.history.filter(id=tasks["bank"].pk, history_type="~").get()
    assert marked.history_user.username == settings.SYSTEM_USERNAME
    assert marked.history_user_name == "System (scheduled jobs)"
    assert "(job: deadlines)" in marked.history_change_reason
    assert marked.request_id.startswith("job:deadlines:")
    notification_rows = Notification.history.all()
    assert {row.history_user.username for row in notification_rows} == {settings.SYSTEM_USERNAME}
    assert {row.request_id for row in notification_rows} == {marked.request_id}

    # The same day again: nothing new, and the run is not repeated.
    notifications_before = Notification.objects.count()
    history_before = JobRun.history.count()
    _send(celery_worker_process)
    assert JobRun.objects.filter(job="deadlines", period=PERIOD).count() == 1
    run.refresh_from_db()
    assert run.attempts == 1
    assert Notification.objects.count() == notifications_before
    assert JobRun.history.count() == history_before
    _assert_each_output_once(tasks, officer, other_officer)


def test_a_run_that_crashed_half_way_is_finished_without_repeating_anything(
    celery_worker_process, tasks, officer, other_officer
):
    # A first attempt marked the tasks overdue and notified one assignee, then its worker died.
    with acting_as_job("deadlines"):
        JobRun.objects.create(job="deadlines", period=PERIOD, status=JobRun.Status.RUNNING, attempts=1)
        assert len(services.tasks_mark_overdue(on=DAY)) == 3
        first, created = services.notification_send(
            user=officer, key=f"task-overdue:{tasks['bank'].pk}", message="Overdue: Chase bank statement"
        )
        assert created

    _send(celery_worker_process)

    run = JobRun.objects.get(job="deadlines", period=PERIOD)
    assert run.status == JobRun.Status.SUCCEEDED
    assert run.attempts == 2
    assert run.summary == {"marked_overdue": 0, "notified": 2}
    _assert_each_output_once(tasks, officer, other_officer)
    assert Notification.objects.get(user=officer, key=f"task-overdue:{tasks['bank'].pk}").pk == first.pk
