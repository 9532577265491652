"""What the ending part adds to the shared screens (:mod:`core.registry`): the final settlement letter and
the breadcrumbs of the ending and final statement pages, and the demo's settlement after a death."""

from core.registry import Breadcrumbs, DemoStep, registry
from people.hooks import CLIENT, CLIENTS, HOME


def _seed_demo(run) -> dict[str, int]:
    from deferred_payments.ending.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deferred_payments.hooks.register()``."""
    from deferred_payments.ending.letters import SETTLEMENT_LETTER
    from documents.letters import register_letter

    register_letter(SETTLEMENT_LETTER)
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:agreement-ending", "deferred_payments:final-statement"),
                                         (HOME, CLIENTS, CLIENT)))
    registry.add_demo_step(DemoStep("deferred-payments-ending", _seed_demo,
                                    "A deferred payment agreement settled after a death: the estate's payments, "
                                    "the final statement and the charge's removal",
                                    after=("deferred-payments-accrual",)))
