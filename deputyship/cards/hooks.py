"""What the cards part adds to the shared screens (:mod:`core.registry`): its weekly top-up job, the breadcrumbs
of its pages and its demo."""

from __future__ import annotations

from core.registry import Breadcrumbs, DemoStep, registry


def _seed_demo(run) -> dict[str, int]:
    from deputyship.cards.demo import seed_demo_step

    return seed_demo_step(run)


PAGES = ("deputyship:client-cards", "deputyship:card-agreement-add", "deputyship:card-issue",
         "deputyship:card-weekly-spend", "deputyship:card-balance", "deputyship:card-end",
         "deputyship:card-statement-import")


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deputyship.hooks.register()``."""
    from deputyship.cards import tasks

    from deputyship.authority.hooks import IN_DEPUTYSHIP

    registry.add_jobs(tasks.SCHEDULE)
    registry.add_breadcrumbs(Breadcrumbs(PAGES, IN_DEPUTYSHIP))
    registry.add_demo_step(DemoStep("deputyship-cards", _seed_demo,
                                    "A prepaid card held by a care home under a money management agreement",
                                    after=("people", "client-money")))
