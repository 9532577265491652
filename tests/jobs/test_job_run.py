"""``core.jobs.job_run`` and the deadlines task, in this process (no worker needed)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.utils import timezone

from core.jobs import job_run
from core.models import JobRun
from people import services
from people.choices import TaskStatus
from people.models import Notification, Task
from people.tasks import deadlines_daily
from tests.jobs.conftest import make_task

DAY = dt.date(2026, 11, 24)


class Work:
    """A job's work that counts its calls and can be told to fail."""

    def __init__(self, summary=None, error: Exception | None = None):
        self.calls = 0
        self.summary = summary or {"done": 1}
        self.error = error

    def __call__(self, run):
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.summary


@pytest.mark.django_db
class TestJobRun:
    def test_a_first_run_does_the_work_and_records_it(self):
        work = Work(summary={"statements": 12})
        run = job_run(job="statements", period="2026-11", work=work)
        assert work.calls == 1
        assert run.status == JobRun.Status.SUCCEEDED
        assert run.attempts == 1
        assert run.summary == {"statements": 12}
        assert run.finished_at is not None
        assert run.error == ""

    def test_a_second_run_for_the_same_period_does_nothing(self):
        job_run(job="statements", period="2026-11", work=Work())
        history_before = JobRun.history.count()
        again = Work()
        run = job_run(job="statements", period="2026-11", work=again)
        assert again.calls == 0
        assert run.attempts == 1
        assert JobRun.objects.filter(job="statements").count() == 1
        assert JobRun.history.count() == history_before

    def test_another_period_is_another_run(self):
        job_run(job="statements", period="2026-11", work=Work())
        work = Work()
        job_run(job="statements", period="2026-12", work=work)
        assert work.calls == 1
        assert JobRun.objects.filter(job="statements").count() == 2

    def test_a_failure_is_recorded_and_raised_and_the_next_attempt_runs(self):
        with pytest.raises(RuntimeError, match="bank file missing"):
            job_run(job="bank-import", period="2026-11-24", work=Work(error=RuntimeError("bank file missing")))
        run = JobRun.objects.get(job="bank-import", period="2026-11-24")
        assert run.status == JobRun.Status.FAILED
        assert run.error == "RuntimeError: bank file missing"
        assert run.attempts == 1

        work = Work()
        run = job_run(job="bank-import", period="2026-11-24", work=work)
        assert work.calls == 1
        assert run.status == JobRun.Status.SUCCEEDED
        assert run.attempts == 2
        assert run.error == ""

    def test_a_run_left_running_by_a_crash_is_run_again(self):
        JobRun.objects.create(job="statements", period="2026-11", status=JobRun.Status.RUNNING, attempts=1)
        work = Work()
        run = job_run(job="statements", period="2026-11", work=work)
        assert work.calls == 1
        assert run.attempts == 2
        assert run.status == JobRun.Status.SUCCEEDED

    def test_the_run_history_is_the_system_users_under_the_jobs_name(self):
        job_run(job="statements", period="2026-11", work=Work())
        rows = list(JobRun.history.order_by("history_id"))
        assert [row.history_type for row in rows] == ["+", "~", "~"]
        assert [row.history_change_reason for row in rows] == [
            "Scheduled job: statements",
            "Started attempt 1 (job: statements)",
            "Finished (job: statements)",
        ]
        assert {row.history_user.username for row in rows} == {settings.SYSTEM_USERNAME}
        assert len({row.request_id for row in rows}) == 1
        assert rows[0].request_id.startswith("job:statements:")


@pytest.mark.django_db
class TestDeadlinesWork:
    def test_a_crash_half_way_then_a_rerun_gives_each_output_once(self, officer, other_officer, north_client):
        late = make_task(title="Chase bank statement", assigned_to=officer, client=north_client,
                         due_date=DAY - dt.timedelta(days=3))
        later = make_task(title="Renew home insurance", assigned_to=other_officer, due_date=DAY - dt.timedelta(days=1))
        on_time = make_task(title="Ring the care home", assigned_to=officer, due_date=DAY)

        def half_then_crash(run):
            services.tasks_mark_overdue(on=DAY)
            services.notification_send(user=officer, key=f"task-overdue:{late.pk}", message="Overdue")
            raise OperationalError("server closed the connection unexpectedly")

        with pytest.raises(OperationalError):
            job_run(job="deadlines", period=DAY.isoformat(), work=half_then_crash)

        run = job_run(job="deadlines", period=DAY.isoformat(), work=lambda run: services.deadlines_run(on=DAY))
        assert run.status == JobRun.Status.SUCCEEDED
        assert run.attempts == 2
        assert run.summary == {"marked_overdue": 0, "notified": 1}
        assert sorted(Notification.objects.values_list("user__username", "key")) == sorted(
            [("olivia", f"task-overdue:{late.pk}"), ("owen", f"task-overdue:{later.pk}")]
        )
        on_time.refresh_from_db()
        assert on_time.status == TaskStatus.OPEN

    def test_the_jobs_changes_name_the_job(self, officer):
        task = make_task(title="Chase bank statement", assigned_to=officer, due_date=DAY - dt.timedelta(days=3))
        deadlines_daily(DAY.isoformat())
        row = Task.history.get(id=task.pk, history_type="~")
        assert row.history_user.username == settings.SYSTEM_USERNAME
        assert row.history_change_reason == "Past its due date on 24 November 2026 (job: deadlines)"
        assert row.request_id.startswith("job:deadlines:")
        note = Notification.history.get()
        assert note.history_change_reason == "Notification sent (job: deadlines)"
        assert note.request_id == row.request_id


@pytest.mark.django_db
class TestDeadlinesTask:
    def test_by_default_it_runs_for_today_in_london(self):
        result = deadlines_daily()
        today = timezone.localdate().isoformat()
        assert result["period"] == today
        assert JobRun.objects.get(job="deadlines").period == today

    def test_it_reports_the_run(self, officer):
        make_task(title="Chase bank statement", assigned_to=officer, due_date=DAY - dt.timedelta(days=1))
        assert deadlines_daily(DAY.isoformat()) == {
            "job": "deadlines", "period": "2026-11-24", "status": "succeeded", "attempts": 1,
            "marked_overdue": 1, "notified": 1,
        }

    def test_it_retries_when_the_database_is_unavailable(self):
        assert OperationalError in deadlines_daily.autoretry_for
        assert deadlines_daily.retry_backoff
        assert deadlines_daily.max_retries >= 3

    def test_beat_schedules_it_every_morning(self):
        from config.celery import app

        app.finalize()  # as beat does before it reads the schedule the apps declared
        entry = app.conf.beat_schedule["deadlines-daily"]
        assert entry["task"] == deadlines_daily.name == "people.tasks.deadlines_daily"


@pytest.mark.django_db(transaction=True)
def test_a_second_worker_waits_for_the_first_instead_of_running_beside_it():
    started, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}
    second = Work()

    def slow(run):
        started.set()
        assert release.wait(10)
        return {"done": 1}

    def in_thread(name, work):
        try:
            results[name] = job_run(job="statements", period="2026-11", work=work)
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            results[name] = exc
        finally:
            connection.close()

    first_thread = threading.Thread(target=in_thread, args=("first", slow))
    first_thread.start()
    assert started.wait(10)
    second_thread = threading.Thread(target=in_thread, args=("second", second))
    second_thread.start()
    second_thread.join(0.5)
    assert second_thread.is_alive(), "the second run should wait while the first works"
    release.set()
    first_thread.join(10)
    second_thread.join(10)

    assert second.calls == 0
    assert results["first"].status == JobRun.Status.SUCCEEDED
    assert results["second"].status == JobRun.Status.SUCCEEDED
    assert JobRun.objects.get(job="statements").attempts == 1


def test_the_beat_schedule_is_every_job_the_apps_declare_and_beat_loads_it():
    """Each app declares its jobs beside its tasks (SCHEDULE); beat's schedule is exactly those."""
    import subprocess
    import sys

    from core.registry import registry

    names = {job.name for job in registry.jobs}
    assert {"deadlines-daily", "charging-run-daily", "topups-follow-up-daily", "topup-invoices-daily",
            "assessments-take-effect-daily", "pending-statements-purge"} <= names
    # A fresh process, as `celery -A config beat` starts: the schedule is there once the app is finalized.
    script = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.test');"
              "from config.celery import app; app.loader.init_worker(); app.finalize();"
              "print(sorted(app.conf.beat_schedule))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(sorted(names))
