"""Fixtures for documents: a client with addresses and contacts to write to, and a real Celery
worker for the test that goes through the queue."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from people import services as people_services
from people.services import AddressInput

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its documents in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def letter_client(north_client, officer):
    """Margaret Thornton (North), with a home address, a correspondence address at her
    daughter's, a former address, her daughter and her bank."""
    people_services.client_update(
        acting_user=officer, client=north_client, reason="Set up for the letter", title="Mrs",
        phone="01632 960415", email="peggy.thornton@example.com",
    )
    north_client.refresh_from_db()
    people_services.address_add(
        acting_user=officer, client=north_client,
        data=AddressInput(line_1="3 Mill Street", town="Anytown", postcode="AN2 2BB",
                          start_date=dt.date(2001, 1, 1)),
    )
    people_services.address_add(
        acting_user=officer, client=north_client,
        data=AddressInput(line_1="14 Chapel Lane", line_2="Little Hinton", town="Anytown", county="Exampleshire",
                          postcode="AN3 4CD", start_date=dt.date(2019, 6, 1)),
    )
    people_services.address_add(
        acting_user=officer, client=north_client,
        data=AddressInput(kind="correspondence", line_1="c/o Susan Okafor", line_2="22 Orchard Way",
                          town="Othertown", postcode="OT1 5EF", start_date=dt.date(2023, 2, 1)),
    )
    daughter = people_services.contact_create(
        acting_user=officer, name="Susan Okafor", phone="07700 900123", email="susan.okafor@example.com",
        address="22 Orchard Way\nOthertown\nOT1 5EF",
    )
    people_services.client_contact_link(
        acting_user=officer, client=north_client, contact=daughter, relationship="attorney",
        description="Daughter", is_next_of_kin=True,
    )
    bank = people_services.contact_create(
        acting_user=officer, kind="organisation", organisation_type="bank", name="Northern Example Bank",
        phone="0345 600 0000",
    )
    people_services.client_contact_link(
        acting_user=officer, client=north_client, contact=bank, relationship="organisation",
        description="Current account",
    )
    return north_client


def pdf_text(data: bytes) -> str:
    """The text a person would read in the PDF, page by page, with runs of whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(" ".join(page.extract_text().split()) for page in reader.pages)


def database_url(settings_dict: dict) -> str:
    """A ``DATABASE_URL`` for the database this test process is connected to (the test database)."""
    user = quote(settings_dict.get("USER") or "postgres", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict.get("HOST") or "127.0.0.1"
    name = settings_dict["NAME"]
    if host.startswith("/"):  # the embedded PostgreSQL listens on a unix socket in this folder
        return f"postgres://{credentials}@/{name}?host={quote(host, safe='')}"
    return f"postgres://{credentials}@{host}:{settings_dict.get('PORT') or '5432'}/{name}"


class Worker:
    def __init__(self, process: subprocess.Popen, node: str, log_path: Path):
        self.process, self.node, self.log_path = process, node, log_path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def documents_worker(transactional_db, tmp_path, settings):
    """``celery -A config worker --pool solo`` on the test database and the real Redis, listening on
    the default queue as the production worker does (the service queues the render itself, so the
    test cannot choose a queue); stopped (warm shutdown) after the test. No other worker may be
    consuming the default queue of the same Redis database meanwhile: the test's ``REDIS_URL``
    must be its own (the embedded one, or a database number no running application uses).

    The worker stores files where the test settings say (``var/test-media``), so while it runs this
    process reads them from there too."""
    from django.db import connection

    from config.celery import app

    settings.MEDIA_ROOT = BASE_DIR / "var" / "test-media"

    node = f"documents-test-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": settings.REDIS_URL,
    }
    command = [
        str(Path(sys.executable).with_name("celery")), "-A", "config", "worker", "--pool", "solo", "-l", "info",
        "-n", node, "--without-gossip", "--without-mingle",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    worker = Worker(process, node, log_path)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[node], timeout=0.5):
            if process.poll() is not None:
                pytest.fail(f"The worker did not start (exit {process.returncode}):\n{worker.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"The worker did not answer within 60 s:\n{worker.log()}")
        yield worker
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
