"""What the rates part adds to the shared screens (:mod:`core.registry`): the rates page's breadcrumbs and its
part of the demo."""

from core.registry import Breadcrumbs, Crumb, DemoStep, registry
from people.hooks import HOME

RATES = Crumb("Interest rates", "deferred_payments:rates")


def _seed_demo(run) -> dict[str, int]:
    from deferred_payments.rates.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deferred_payments.hooks.register()``."""
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:rates",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("deferred_payments:rate-add", "deferred_payments:rate-edit"), (HOME, RATES)))
    registry.add_demo_step(DemoStep("deferred-payments-rates", _seed_demo,
                                    "The national interest rates and the council's deferred payment fees",
                                    after=("people",)))
