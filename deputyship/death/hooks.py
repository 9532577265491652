"""What the death part adds to the shared screens (:mod:`core.registry`): its demo step."""

from __future__ import annotations

from core.registry import DemoStep, registry


def _seed_demo(run) -> dict[str, int]:
    from deputyship.death.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deputyship.hooks.register()``."""
    registry.add_demo_step(DemoStep("deputyship-death", _seed_demo,
                                    "A client who died, with the notifications given and the estate awaiting probate",
                                    after=("people", "client-money")))
