"""What the charges part adds to the shared screens (:mod:`core.registry`)."""

from core.registry import registry


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deferred_payments.hooks.register()``."""
    from deferred_payments.charges import tasks

    registry.add_jobs(tasks.SCHEDULE)
