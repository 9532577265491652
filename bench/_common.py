"""What every benchmark needs: its own database, Django set up against it, and timing helpers."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _libpq(url: str) -> str:
    import environ

    cfg = environ.Env.db_url_config(url)
    parts = [f"dbname={cfg['NAME']}", f"user={cfg.get('USER') or 'postgres'}"]
    host = cfg.get("HOST") or cfg.get("OPTIONS", {}).get("host")
    if host:
        parts.append(f"host={host}")
    if cfg.get("PORT"):
        parts.append(f"port={cfg['PORT']}")
    return " ".join(parts)


def setup_django(database: str) -> None:
    """Point Django at ``database`` (created if missing) on the server ``DATABASE_URL`` names, or on
    the embedded server when it is unset, and set Django up."""
    from config.embedded import ensure_services

    if os.environ.get("DATABASE_URL"):
        url = os.environ["DATABASE_URL"]
        base, _, query = url.partition("?")
        server = base.rsplit("/", 1)[0]
        suffix = f"?{query}" if query else ""
        import psycopg

        with psycopg.connect(_libpq(f"{server}/postgres{suffix}"), autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
                conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = f"{server}/{database}{suffix}"
    else:
        ensure_services(database=database)
    # Benchmarks keep the superuser's URL for everything (some switch triggers off to load data fast):
    # naming it as the owner too stops the settings deriving the two roles (core/database_roles.py).
    os.environ["DATABASE_OWNER_URL"] = os.environ["DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()


def measure(fn, repeats: int = 30) -> tuple[float, float]:
    """Median and 95th percentile of ``fn``'s time in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)]


def explain_ms(sql: str, params) -> float:
    """PostgreSQL's own execution time for a query (EXPLAIN ANALYZE), in milliseconds."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = plan[0] if isinstance(plan, list) else plan
    return plan["Execution Time"]
