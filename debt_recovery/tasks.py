"""Debt recovery's Celery tasks, for Celery (``app.autodiscover_tasks()``). Each task lives with the part
of debt recovery it belongs to, which registers its own beat entries from its ``hooks.register()``."""

from debt_recovery.statements import tasks as statements_tasks  # noqa: F401
