"""A real Celery worker on the real Redis, working against the test database.

``celery_worker_process`` starts ``celery -A config worker --pool solo`` as a subprocess on a queue
of its own (so nothing else sent to the same Redis reaches it, and it takes nothing of anyone
else's), waits until it answers a ping, and stops it when the module's tests are done. Tests that
use it need ``@pytest.mark.django_db(transaction=True)``: the worker is another process and only
sees what the test has committed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.utils import timezone

from people.choices import TaskStatus
from people.models import Task

BASE_DIR = Path(settings.BASE_DIR)


def database_url(settings_dict: dict) -> str:
    """A ``DATABASE_URL`` for the database Django is connected to (the test database)."""
    user = quote(settings_dict.get("USER") or "postgres", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict.get("HOST") or ""
    name = settings_dict["NAME"]
    if host.startswith("/"):  # the embedded server listens on a unix socket in this folder
        return f"postgres://{credentials}@/{name}?host={host}"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}@{host or '127.0.0.1'}:{port}/{name}"


@dataclass
class Worker:
    process: subprocess.Popen
    queue: str
    node: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for(self, task_id: str, timeout: float = 60.0) -> str:
        """Wait until the worker has finished the task with this id; return "succeeded" or
        "raised". Fails the test with the worker's log if it does not finish in time."""
        finished = re.compile(rf"\[{re.escape(task_id)}\] (succeeded|raised)")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = finished.search(self.log())
            if match:
                return match.group(1)
            if self.process.poll() is not None:
                pytest.fail(f"The worker stopped (exit {self.process.returncode}):\n{self.log()}")
            time.sleep(0.1)
        pytest.fail(f"The worker did not finish task {task_id} in {timeout} s:\n{self.log()}")


@pytest.fixture(scope="module")
def celery_worker_process(django_db_setup, tmp_path_factory):
    from django.db import connection

    from config.celery import app

    queue = f"jobs-test-{uuid.uuid4().hex[:10]}"
    node = f"{queue}@{socket.gethostname()}"
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": settings.REDIS_URL,
    }
    celery = Path(sys.executable).with_name("celery")
    command = [
        str(celery), "-A", "config", "worker", "--pool", "solo", "--concurrency", "1", "-l", "info",
        "-Q", queue, "-n", node, "--without-gossip", "--without-mingle",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    worker = Worker(process=process, queue=queue, node=node, log_path=log_path)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[node], timeout=0.5):
            if process.poll() is not None:
                pytest.fail(f"The worker did not start (exit {process.returncode}):\n{worker.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"The worker did not answer a ping within 60 s:\n{worker.log()}")
        yield worker
    finally:
        process.send_signal(signal.SIGTERM)  # warm shutdown: finishes the task in hand
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        _forget_queue(queue)


def _forget_queue(queue: str) -> None:
    """Remove what the worker left in Redis about its queue (its routing entries and messages)."""
    import redis

    connection = redis.Redis.from_url(settings.REDIS_URL)
    try:
        for key in connection.scan_iter(f"*{queue}*"):  # the queue, its exchange's bindings
            connection.delete(key)
        for key in connection.scan_iter("_kombu.binding*", _type="set"):  # its entries in shared exchanges
            for member in connection.smembers(key):
                if queue.encode() in member:
                    connection.srem(key, member)
    finally:
        connection.close()


def make_task(*, title: str, assigned_to, due_date: dt.date, client=None, done: bool = False) -> Task:
    """Arrange a task as it stands before the morning's deadlines run."""
    closed = {"status": TaskStatus.DONE, "completed_by": assigned_to, "completed_at": timezone.now()} if done else {}
    return Task.objects.create(
        title=title, assigned_to=assigned_to, created_by=assigned_to, due_date=due_date, client=client, **closed
    )
