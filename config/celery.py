"""The Celery application and the beat schedule (kept in code, not in the database)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("ascfinance")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(related_name="casework_tasks")  # charging's top-up jobs

app.conf.beat_schedule = {
    # Every morning before the office opens: mark tasks overdue and tell their assignees.
    "deadlines-daily": {
        "task": "people.tasks.deadlines_daily",
        "schedule": crontab(hour=6, minute=0),
    },
    # Every morning: mark top-up invoices unpaid 14 days after they were due as missed, and give each
    # client's charging officer one follow-up task.
    "topups-follow-up-daily": {
        "task": "charging.casework_tasks.topups_follow_up_daily",
        "schedule": crontab(hour=6, minute=15),
    },
    # Every morning: raise the top-up invoices for any four-weekly period that has ended and has not
    # been invoiced (the charging run's periods).
    "topup-invoices-daily": {
        "task": "charging.casework_tasks.topup_invoices_daily",
        "schedule": crontab(hour=5, minute=30),
    },
    # Just after midnight: assessments replaced from today become superseded (pages and the charging
    # run already go by the dates; this keeps the status in step).
    "assessments-take-effect-daily": {
        "task": "charging.assessments_take_effect_daily",
        "schedule": crontab(hour=0, minute=10),
    },
    # Every morning: charge any four-weekly period that has ended and has not been charged.
    "charging-run-daily": {
        "task": "charging.run_period",
        "schedule": crontab(hour=5, minute=0),
    },
}
