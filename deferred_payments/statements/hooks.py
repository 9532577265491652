"""What the statements part adds to the shared screens (:mod:`core.registry`): its letter, its morning job and
its pages' breadcrumbs."""

from core.registry import Breadcrumbs, registry
from people.hooks import CLIENT, CLIENTS, HOME


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deferred_payments.hooks.register()``."""
    from deferred_payments.statements import tasks
    from deferred_payments.statements.letters import DPA_STATEMENT
    from documents.letters import register_letter

    register_letter(DPA_STATEMENT)
    registry.add_jobs(tasks.SCHEDULE)
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:statement", "deferred_payments:statement-request",
                                          "deferred_payments:statement-issue"), (HOME, CLIENTS, CLIENT)))
