"""What the cards part adds to the shared screens (:mod:`core.registry`): its weekly top-up job and demo."""

from __future__ import annotations

from core.registry import DemoStep, registry


def _seed_demo(run) -> dict[str, int]:
    from deputyship.cards.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deputyship.hooks.register()``."""
    from deputyship.cards import tasks

    registry.add_jobs(tasks.SCHEDULE)
    registry.add_demo_step(DemoStep("deputyship-cards", _seed_demo,
                                    "A prepaid card held by a care home under a money management agreement",
                                    after=("people", "client-money")))
