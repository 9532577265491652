"""What write-offs add to the shared screens: the approvals panels, the breadcrumbs, the demo."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import HOME

WRITEOFFS = Crumb("Write-offs", "debt_recovery:writeoffs")
AUTHORITY = Crumb("Who may approve", "debt_recovery:writeoff-authority")


def _writeoff_counts(user) -> list[WorkCount]:
    from debt_recovery.writeoffs.selectors import writeoffs_awaiting, written_off_with_money_since

    url = reverse("debt_recovery:writeoffs")
    return [WorkCount("Write-offs waiting for your approval", writeoffs_awaiting(user=user).count(), url),
            WorkCount("Written-off debts with money since (reinstate)",
                      written_off_with_money_since(user=user).count(), url)]


def writeoffs_mine(user) -> list[WorkCount]:
    return _writeoff_counts(user)


def writeoffs_for_team(user, scope) -> list[WorkCount]:
    from people.choices import Service

    if scope.team.service != Service.DEBT_RECOVERY:
        return []
    return _writeoff_counts(user)


def _seed_demo(run) -> dict[str, int]:
    from debt_recovery.writeoffs.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    registry.add_work_panel(WorkPanel(key="writeoffs", title="Write-offs", rule="debt_recovery.work_any",
                                      counts=writeoffs_mine, order=45))
    registry.add_work_panel(WorkPanel(key="writeoffs-team", title="Approvals waiting: write-offs",
                                      rule="debt_recovery.lead", counts=writeoffs_for_team, order=45,
                                      place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:writeoffs",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:writeoff-detail", "debt_recovery:writeoff-bulk",
                                          "debt_recovery:writeoff-authority"), (HOME, WRITEOFFS)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:writeoff-reinstate",), (HOME, WRITEOFFS)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:writeoff-band-add", "debt_recovery:writeoff-band-edit",
                                          "debt_recovery:writeoff-delegation-add"), (HOME, WRITEOFFS, AUTHORITY)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:writeoff-recommend",), (HOME, WRITEOFFS)))
    registry.add_demo_step(DemoStep("debt-writeoffs", _seed_demo, "Write-off authority bands (Woking's), a write-off "
                                    "approved and one waiting for approval", after=("debt-recovery",)))
