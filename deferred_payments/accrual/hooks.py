"""What the accrual part adds to the shared screens (:mod:`core.registry`): its morning job, the breadcrumbs of
an agreement's money page and its part of the demo."""

from core.registry import Breadcrumbs, Crumb, DemoStep, registry
from people.hooks import CLIENT, CLIENTS, HOME


def _seed_demo(run) -> dict[str, int]:
    from deferred_payments.accrual.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deferred_payments.hooks.register()``."""
    from importlib.util import find_spec

    from deferred_payments.accrual import tasks

    registry.add_jobs(tasks.SCHEDULE)
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:agreement-money",), (HOME, CLIENTS, CLIENT)))
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:fees",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:fee-add", "deferred_payments:fee-change"),
                                         (HOME, Crumb("Administration fees", "deferred_payments:fees"))))
    after = ("deferred-payments-rates",)
    if find_spec("deferred_payments.agreements.demo") is not None:  # the agreements part seeds agreements first
        after += ("deferred-payments-agreements",)
    registry.add_demo_step(DemoStep("deferred-payments-accrual", _seed_demo,
                                    "Deferred payment agreements' accruals up to today and a statement issued",
                                    after=after))
