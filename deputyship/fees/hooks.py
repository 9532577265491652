"""What the fees part adds to the shared screens (:mod:`core.registry`): the fees-due lines of the panels,
its morning job, the breadcrumbs of its pages and its part of the demo."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import HOME

FEES = Crumb("Deputyship fees", "deputyship:fees")
RATES = Crumb("Fee rates", "deputyship:fee-rates")


def fees_mine(user) -> list[WorkCount]:
    from deputyship.fees.selectors import fees_outstanding

    from people.selectors import current_allocations
    from people.choices import Service

    mine = set(current_allocations().filter(officer=user, service=Service.CLIENT_AFFAIRS)
               .values_list("client_id", flat=True))
    due = [o for o in fees_outstanding(user=user) if o.authority.client_id in mine]
    return [WorkCount("Deputyship fees due and not charged", len(due), reverse("deputyship:fees"))]


def fees_for_team(user, scope) -> list[WorkCount]:
    from deputyship.fees.selectors import fees_outstanding
    from people.choices import Service

    if scope.team.service != Service.CLIENT_AFFAIRS:
        return []
    due = fees_outstanding(user=user, team=scope.team, officer=scope.officer, unassigned=scope.unallocated)
    return [WorkCount("Deputyship fees due and not charged", len(due), reverse("deputyship:fees")),
            WorkCount("Fees more than a year late (need the court's permission)", sum(1 for o in due if o.late),
                      reverse("deputyship:fees"))]


def _seed_demo(run) -> dict[str, int]:
    from deputyship.fees.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deputyship.hooks.register()``."""
    from deputyship.authority.hooks import IN_DEPUTYSHIP
    from deputyship.fees import tasks

    registry.add_jobs(tasks.SCHEDULE)
    registry.add_work_panel(WorkPanel(key="deputyship-fees", title="Deputyship fees", rule="deputyship.work_any",
                                      counts=fees_mine, order=56))
    registry.add_work_panel(WorkPanel(key="deputyship-fees-team", title="Deputyship fees", rule="deputyship.lead",
                                      counts=fees_for_team, order=56, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:fees", "deputyship:fee-rates"), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:fee-reverse",), (HOME, FEES)))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:fee-rate-add",), (HOME, FEES, RATES)))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:opg-fee-pay",), IN_DEPUTYSHIP))
    after = ("people", "client-money") + (("deputyship-casework",) if any(
        step.key == "deputyship-casework" for step in registry.demo_steps) else ())
    registry.add_demo_step(DemoStep("deputyship-fees", _seed_demo, "Deputyship fee rates (each cited) and "
                                    "O'Connor's fees charged on her order's anniversary", after=after))
