"""Deferred payment agreements's Celery tasks, for Celery (``app.autodiscover_tasks()``); each lives with its part."""

from deferred_payments.rates import tasks as rates_tasks  # noqa: F401
from deferred_payments.interest import tasks as interest_tasks  # noqa: F401
from deferred_payments.accrual import tasks as accrual_tasks  # noqa: F401
from deferred_payments.statements import tasks as statements_tasks  # noqa: F401
from deferred_payments.applications import tasks as applications_tasks  # noqa: F401
from deferred_payments.agreements import tasks as agreements_tasks  # noqa: F401
from deferred_payments.charges import tasks as charges_tasks  # noqa: F401
from deferred_payments.ending import tasks as ending_tasks  # noqa: F401
