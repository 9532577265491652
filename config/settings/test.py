"""Settings for the test suite: the real PostgreSQL and Redis (embedded ones under ``var/`` when
``DATABASE_URL`` / ``REDIS_URL`` are unset; pytest-django reads settings before any conftest runs,
so they are started here)."""

import os

from config.embedded import ensure_services

ensure_services(database="ascfinance")

from .base import *  # noqa: E402,F401,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests only
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "test-media")  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
AXES_FAILURE_LIMIT = 3
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Transactional tests end with Django's flush (TRUNCATE), which only the owner role may do
# (core/management/commands/flush.py); tests/conftest.py runs everything else as the application role.
DATABASE_FLUSH_AS_OWNER = True
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside the ORM
