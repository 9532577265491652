"""What the life events part adds to the shared screens (:mod:`core.registry`): the daily job, the panels of
card top-ups due, estates awaiting a grant and life event tasks (My work and the team leader's dashboard),
the breadcrumbs of the client's life events and registers pages, and its demo step."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import HOME
from people.rules import client_of


def _life_crumb(request):
    client = client_of(getattr(request, "rule_object", None))
    return ("Life events and registers", reverse("deputyship:client-life", args=[client.pk])) if client else None


LIFE = Crumb(build=_life_crumb)
#: The write pages of a client's life events and registers, below the page itself.
FORM_PAGES = ("deputyship:life-event-add", "deputyship:investment-add", "deputyship:investment-review",
              "deputyship:tax-return-add", "deputyship:tax-return-filed", "deputyship:funeral-plan-decide",
              "deputyship:client-debt-add", "deputyship:benefit-check-add", "deputyship:cherished-document-add",
              "deputyship:cherished-document-move", "deputyship:cherished-document-return")


def _counts(user, scope=None) -> list[WorkCount]:
    from deputyship.lifeevents import selectors
    from people.choices import Service

    if scope is not None and scope.team.service != Service.CLIENT_AFFAIRS:
        return []
    url = reverse("deputyship:life-casework")
    tasks = selectors.life_event_tasks_open(user=user)
    if scope is None:
        tasks = tasks.filter(task__assigned_to=user)
    return [
        WorkCount("Prepaid card top-ups due this week", selectors.card_topups_due(user=user).count(),
                  url + "#card-topups"),
        WorkCount("Estates awaiting a grant", selectors.estates_awaiting_grant(user=user).count(), url + "#estates"),
        WorkCount("Life event tasks to do", tasks.count(), url + "#life-events"),
    ]


def _seed_demo(run) -> dict[str, int]:
    from deputyship.lifeevents.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``deputyship.hooks.register()``."""
    from deputyship.authority.hooks import IN_DEPUTYSHIP
    from deputyship.lifeevents import tasks

    registry.add_jobs(tasks.SCHEDULE)
    registry.add_work_panel(WorkPanel(key="deputyship-life-casework", title="Cards, estates and life events",
                                      rule="deputyship.work_any", counts=_counts, order=60))
    registry.add_work_panel(WorkPanel(key="deputyship-life-casework-team", title="Cards, estates and life events",
                                      rule="deputyship.lead", counts=_counts, order=60, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:life-casework",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:client-life",), IN_DEPUTYSHIP))
    registry.add_breadcrumbs(Breadcrumbs(FORM_PAGES, (*IN_DEPUTYSHIP, LIFE)))
    registry.add_demo_step(DemoStep("deputyship-lifeevents", _seed_demo,
                                    "A client moving into care with the checklist part done; a cherished documents "
                                    "register, an investment and a benefit check", after=("people", "client-money")))
