"""The Celery application and the beat schedule (kept in code, not in the database)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("ascfinance")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Every morning before the office opens: mark tasks overdue and tell their assignees.
    "deadlines-daily": {
        "task": "people.tasks.deadlines_daily",
        "schedule": crontab(hour=6, minute=0),
    },
}
