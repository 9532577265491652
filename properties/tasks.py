"""Clients' property's Celery tasks, for Celery (``app.autodiscover_tasks()``); each lives with its part."""

from properties.register import tasks as register_tasks  # noqa: F401
from properties.insurance import tasks as insurance_tasks  # noqa: F401
from properties.inspections import tasks as inspections_tasks  # noqa: F401
from properties.lettings import tasks as lettings_tasks  # noqa: F401
from properties.repairs import tasks as repairs_tasks  # noqa: F401
from properties.clearance import tasks as clearance_tasks  # noqa: F401
from properties.sale import tasks as sale_tasks  # noqa: F401
