"""A real Celery worker process on the real Redis, working against the test database.

Used by the tests whose behaviour is about the queue. The worker is another process, so tests that
use it need ``@pytest.mark.django_db(transaction=True)``: it sees only what the test has committed.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def database_url(settings_dict: dict) -> str:
    """A ``DATABASE_URL`` for the database Django is connected to (the test database)."""
    user = quote(settings_dict.get("USER") or "postgres", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict.get("HOST") or settings_dict.get("OPTIONS", {}).get("host") or ""
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


@contextmanager
def celery_worker(*, log_dir: Path, queue: str | None = None):
    """Start ``celery -A config worker --pool solo`` on ``queue`` (default: the application's default
    queue, emptied first of anything earlier tests left there), wait for it to answer a ping, and
    stop it with a warm shutdown afterwards."""
    from django.db import connection

    from config.celery import app

    default_queue = app.conf.task_default_queue
    if queue is None:
        queue = default_queue
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)
    node = f"test-{uuid.uuid4().hex[:10]}@{socket.gethostname()}"
    log_path = log_dir / f"worker-{uuid.uuid4().hex[:6]}.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    command = [
        str(Path(sys.executable).with_name("celery")), "-A", "config", "worker", "--pool", "solo",
        "--concurrency", "1", "-l", "info", "-Q", queue, "-n", node, "--without-gossip", "--without-mingle",
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
        if queue != default_queue:
            _forget_queue(queue)


def _forget_queue(queue: str) -> None:
    """Remove what a worker on a queue of its own left in Redis (routing entries and messages)."""
    import redis

    connection = redis.Redis.from_url(settings.REDIS_URL)
    try:
        for key in connection.scan_iter(f"*{queue}*"):
            connection.delete(key)
        for key in connection.scan_iter("_kombu.binding*", _type="set"):
            for member in connection.smembers(key):
                if queue.encode() in member:
                    connection.srem(key, member)
    finally:
        connection.close()
