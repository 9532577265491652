"""What the death part adds to the shared screens (:mod:`core.registry`): its letters, the breadcrumbs of its
pages and its demo step."""

from __future__ import annotations

from core.registry import Breadcrumbs, DemoStep, registry


def _seed_demo(run) -> dict[str, int]:
    from deputyship.death.demo import seed_demo_step

    return seed_demo_step(run)


PAGES = ("deputyship:death-detail", "deputyship:death-record", "deputyship:death-letters",
         "deputyship:funeral-consent-add", "deputyship:funeral-cost-pay", "deputyship:final-account",
         "deputyship:grant-record", "deputyship:estate-release", "deputyship:bona-vacantia")


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deputyship.hooks.register()``."""
    from deputyship.authority.hooks import IN_DEPUTYSHIP
    from deputyship.death.letters import DEATH_NOTICE, FINAL_ACCOUNT_SPEC
    from documents.letters import register_letter

    register_letter(DEATH_NOTICE)
    register_letter(FINAL_ACCOUNT_SPEC)
    registry.add_breadcrumbs(Breadcrumbs(PAGES, IN_DEPUTYSHIP))
    registry.add_demo_step(DemoStep("deputyship-death", _seed_demo,
                                    "A client who died, with the notification letters, the final account and the "
                                    "estate awaiting probate", after=("people", "client-money")))
