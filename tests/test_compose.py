"""docker-compose.yml and the Dockerfile describe the production-like stack: postgres, redis, and
web, worker and beat from one image, wired to those two servers. Docker is not needed to check
the wiring: the files are parsed and compared with what the application expects."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")

# Enough of Compose's interpolation for this file: ${NAME}, ${NAME:-default}, ${NAME:?message}.
_VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:-|:\?)(?P<arg>[^}]*))?\}")


def interpolate(value, environment: dict[str, str]):
    if isinstance(value, str):
        def replace(match: re.Match) -> str:
            name, op, arg = match["name"], match["op"], match["arg"]
            if environment.get(name):
                return environment[name]
            if op == ":-":
                return arg
            raise KeyError(f"{name} must be set: {arg}")

        return _VARIABLE.sub(replace, value)
    if isinstance(value, list):
        return [interpolate(item, environment) for item in value]
    if isinstance(value, dict):
        return {key: interpolate(item, environment) for key, item in value.items()}
    return value


def command_words(service: dict) -> list[str]:
    command = service.get("command", [])
    return command.split() if isinstance(command, str) else " ".join(command).split()


ENVIRONMENT = {"SECRET_KEY": "x" * 60, "DATABASE_OWNER_PASSWORD": "owner-secret", "DATABASE_APP_PASSWORD": "app-secret"}


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(raw):
    return interpolate(raw, ENVIRONMENT)["services"]


def test_the_six_services_exist(services):
    assert {"postgres", "redis", "migrate", "web", "worker", "beat"} <= set(services)


def test_web_worker_and_beat_are_one_image(services):
    builds = {repr(services[name].get("build")) for name in APP_SERVICES}
    images = {services[name].get("image") for name in APP_SERVICES}
    assert builds == {repr(".")}, builds
    assert len(images) == 1 and None not in images, images


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_use_the_compose_postgres_and_redis(services, name):
    environment = services[name]["environment"]
    database = urlsplit(environment["DATABASE_URL"])
    redis = urlsplit(environment["REDIS_URL"])
    postgres = services["postgres"]["environment"]
    assert database.scheme in {"postgres", "postgresql"} and database.hostname == "postgres"
    assert database.port == 5432 and database.path == "/" + postgres["POSTGRES_DB"]
    # The application's role, never the superuser the postgres image creates (docs/decisions.md).
    assert database.username == postgres["POSTGRES_DB"] + "_app" != postgres["POSTGRES_USER"]
    assert database.password == "app-secret"
    assert "DATABASE_OWNER_URL" not in environment and "POSTGRES_PASSWORD" not in environment
    assert "DATABASE_OWNER_PASSWORD" not in environment
    assert redis.scheme == "redis" and redis.hostname == "redis" and (redis.port or 6379) == 6379
    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert {"postgres", "redis"} <= set(services[name]["depends_on"])


def test_the_secret_key_is_never_defaulted(raw):
    with pytest.raises(KeyError, match="SECRET_KEY"):
        interpolate(raw, {})


def test_worker_and_beat_run_celery(services):
    assert command_words(services["worker"])[:4] == ["celery", "-A", "config", "worker"]
    assert command_words(services["beat"])[:4] == ["celery", "-A", "config", "beat"]
    assert "celery" not in command_words(services["web"])


def test_a_one_off_job_migrates_as_the_superuser_before_anything_starts(services):
    migrate = services["migrate"]
    assert command_words(migrate) == ["python", "manage.py", "migrate", "--noinput"]
    assert migrate["restart"] == "no"
    database = urlsplit(migrate["environment"]["DATABASE_URL"])
    postgres = services["postgres"]["environment"]
    assert (database.username, database.password) == (postgres["POSTGRES_USER"], postgres["POSTGRES_PASSWORD"])
    assert migrate["environment"]["DATABASE_OWNER_PASSWORD"] == "owner-secret"
    assert migrate["environment"]["DATABASE_APP_PASSWORD"] == "app-secret"
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert "migrate" not in command_words(services[name])


def test_the_role_passwords_are_never_defaulted(raw):
    for missing in ("DATABASE_OWNER_PASSWORD", "DATABASE_APP_PASSWORD"):
        with pytest.raises(KeyError, match=missing):
            interpolate(raw, {key: value for key, value in ENVIRONMENT.items() if key != missing})


def test_web_serves_the_wsgi_application(services):
    words = command_words(services["web"])
    assert words[0] == "gunicorn" and words[1] == "config.wsgi"
    assert (ROOT / "config" / "wsgi.py").exists()
    assert any(port.endswith(":8000") for port in services["web"]["ports"])


def test_beat_keeps_its_schedule_on_a_volume(services):
    words = command_words(services["beat"])
    schedule = words[words.index("--schedule") + 1]
    mounts = [volume.split(":")[1] for volume in services["beat"]["volumes"]]
    assert any(schedule.startswith(mount + "/") for mount in mounts)


def test_dockerfile_builds_from_python_311_bookworm_and_the_lock_file():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert stages[-1] == "python:3.11-slim-bookworm"
    assert "requirements.lock" in dockerfile and "npm ci" in dockerfile
    weasyprint_libraries = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")
    for package in (*weasyprint_libraries, "fonts-dejavu-core", "fonts-liberation2"):
        assert package in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", "node_modules", "var"} <= set(ignored)
