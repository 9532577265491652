"""The Celery application. The beat schedule is kept in code, not in the database: each app declares
its jobs beside its tasks (``SCHEDULE`` in ``<app>/tasks.py``, registered from the app's ``hooks.py``;
see :class:`core.registry.ScheduledJob`), and the schedule is assembled from them here once Django's
apps are ready."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("ascfinance")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _assemble_beat_schedule(sender, **kwargs):
    from core.registry import registry

    sender.conf.beat_schedule = registry.beat_schedule()
