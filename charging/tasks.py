"""Charging's Celery tasks, for Celery, which finds an app's tasks in ``<app>.tasks``
(``app.autodiscover_tasks()`` in ``config/celery.py``), and their beat entries, for
:mod:`charging.hooks`.

Each task lives with the part of charging it belongs to: the charging run (:mod:`charging.run.tasks`),
assessments taking effect (:mod:`charging.assessments.tasks`), the April uplift
(:mod:`charging.uplift.tasks`) and top-up invoices and follow-ups (:mod:`charging.casework.tasks`).
Importing them here registers them. Every task has an explicit ``name=``, kept when its code moves, so
jobs already queued or scheduled still find it.
"""

from charging.assessments import tasks as assessments_tasks
from charging.casework import tasks as casework_tasks
from charging.run import tasks as run_tasks
from charging.uplift import tasks as uplift_tasks  # noqa: F401 (started from the uplift pages, not beat)

SCHEDULE = [*run_tasks.SCHEDULE, *assessments_tasks.SCHEDULE, *casework_tasks.SCHEDULE]
