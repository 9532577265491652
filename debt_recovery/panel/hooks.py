"""What the debt panel adds to the shared screens: its panels, breadcrumbs and the demo."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import HOME

PANEL = Crumb("Debt panel", "debt_recovery:panel-cases")


def _counts(user) -> list[WorkCount]:
    from debt_recovery.panel.selectors import panel_cases_visible_to

    return [WorkCount("Cases waiting for the debt panel",
                      panel_cases_visible_to(user=user).filter(status="prepared").count(),
                      reverse("debt_recovery:panel-cases"))]


def panel_mine(user) -> list[WorkCount]:
    return _counts(user)


def panel_for_team(user, scope) -> list[WorkCount]:
    from people.choices import Service

    return _counts(user) if scope.team.service == Service.DEBT_RECOVERY else []


def _seed_demo(run) -> dict[str, int]:
    from debt_recovery.panel.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    registry.add_work_panel(WorkPanel(key="debt-panel", title="Debt panel", rule="debt_recovery.work_any",
                                      counts=panel_mine, order=47))
    registry.add_work_panel(WorkPanel(key="debt-panel-team", title="Debt panel", rule="debt_recovery.lead",
                                      counts=panel_for_team, order=47, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:panel-cases",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:panel-case", "debt_recovery:panel-prepare"), (HOME, PANEL)))
    registry.add_demo_step(DemoStep("debt-panel", _seed_demo, "A debt panel case decided, with its actions",
                                    after=("debt-recovery", "debt-court")))
