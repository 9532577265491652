"""What county court and estates add to the shared screens: the limitation panel, the daily limitation
job, breadcrumbs and the demo."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import HOME

COURT = Crumb("County court and estates", "debt_recovery:claims")


def _counts(user) -> list[WorkCount]:
    from debt_recovery.court.choices import ClaimStatus, ProbateResult
    from debt_recovery.court.selectors import claims_visible_to, estates_visible_to, limitation_warnings_visible_to

    url = reverse("debt_recovery:claims")
    return [
        WorkCount("Debts reaching their six-year limitation date within 90 days",
                  limitation_warnings_visible_to(user=user, within_days=90).count(), url),
        WorkCount("County court claims issued, waiting for judgment",
                  claims_visible_to(user=user).filter(status=ClaimStatus.ISSUED).count(), url),
        WorkCount("Estates without a probate search",
                  estates_visible_to(user=user).filter(probate_result=ProbateResult.NOT_SEARCHED).count(), url),
    ]


def court_mine(user) -> list[WorkCount]:
    return _counts(user)


def court_for_team(user, scope) -> list[WorkCount]:
    from people.choices import Service

    return _counts(user) if scope.team.service == Service.DEBT_RECOVERY else []


def _seed_demo(run) -> dict[str, int]:
    from debt_recovery.court.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    from debt_recovery.court import tasks

    registry.add_jobs(tasks.SCHEDULE)
    registry.add_work_panel(WorkPanel(key="court", title="County court, estates and limitation",
                                      rule="debt_recovery.work_any", counts=court_mine, order=46))
    registry.add_work_panel(WorkPanel(key="court-team", title="County court, estates and limitation",
                                      rule="debt_recovery.lead", counts=court_for_team, order=46, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:claims",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:claim-detail", "debt_recovery:estate-detail",
                                          "debt_recovery:claim-prepare", "debt_recovery:estate-open"), (HOME, COURT)))
    registry.add_demo_step(DemoStep("debt-court", _seed_demo, "A county court claim at judgment and a deceased "
                                    "debtor's estate claimed", after=("debt-recovery", "debt-writeoffs")))
