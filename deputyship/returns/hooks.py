"""What the returns part adds to the shared screens (:mod:`core.registry`): its letter (the report's PDF),
the court returns lines of the panels, its morning job, the breadcrumbs and its part of the demo."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import HOME

RETURNS = Crumb("Court returns", "deputyship:returns")


def returns_mine(user) -> list[WorkCount]:
    from deputyship.returns.selectors import returns_mine as mine
    from people.selectors import today

    on = today()
    waiting = mine(user=user)
    url = reverse("deputyship:returns")
    return [WorkCount("Court returns overdue", waiting.filter(due_on__lt=on).count(), url),
            WorkCount("Court returns due in the next 28 days",
                      waiting.filter(due_on__gte=on, due_on__lte=on + dt.timedelta(days=28)).count(),
                      url)]


def returns_for_team(user, scope) -> list[WorkCount]:
    from deputyship.returns.selectors import returns_due_soon, returns_overdue
    from people.choices import Service

    if scope.team.service != Service.CLIENT_AFFAIRS:
        return []
    narrow = {"team": scope.team, "officer": scope.officer, "unassigned": scope.unallocated}
    url = reverse("deputyship:returns")
    return [WorkCount("Court returns overdue", returns_overdue(user=user, **narrow).count(), url),
            WorkCount("Court returns due in the next 28 days", returns_due_soon(user=user, **narrow).count(), url)]


def _seed_demo(run) -> dict[str, int]:
    from deputyship.returns.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deputyship.hooks.register()``."""
    from deputyship.returns import tasks
    from deputyship.returns.letters import DEPUTY_REPORT
    from documents.letters import register_letter

    register_letter(DEPUTY_REPORT)
    registry.add_jobs(tasks.SCHEDULE)
    registry.add_work_panel(WorkPanel(key="deputyship-returns", title="Court returns", rule="deputyship.work_any",
                                      counts=returns_mine, order=55))
    registry.add_work_panel(WorkPanel(key="deputyship-returns-team", title="Court returns", rule="deputyship.lead",
                                      counts=returns_for_team, order=55, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:returns",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:return-detail", "deputyship:return-entry-add",
                                          "deputyship:return-difference", "deputyship:return-submitted"),
                                         (HOME, RETURNS)))
    registry.add_demo_step(DemoStep("deputyship-returns", _seed_demo, "O'Connor's first annual report to the OPG, "
                                    "its period ended two months ago, in draft with its figures from the ledger",
                                    after=("people", "client-money", "deputyship-fees")))
