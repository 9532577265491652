"""What the recovery ladder and holds add to the shared screens: their letters, daily jobs, the team
leader's panels (holds due for review, debts at each step), breadcrumbs and demo data."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import HOME

LADDER = Crumb("Recovery ladder", "debt_recovery:ladder")
OVERDUE = Crumb("Overdue debts", "debt_recovery:overdue")


def _team_debtors(scope):
    from debt_recovery.accounts.models import DebtorAccount
    from people.choices import Service
    from people.selectors import current_allocations

    if scope.team.service != Service.DEBT_RECOVERY:
        return None
    held = current_allocations().filter(team=scope.team)
    if scope.unallocated:
        held = held.filter(officer__isnull=True)
    elif scope.officer is not None:
        held = held.filter(officer=scope.officer)
    return DebtorAccount.objects.filter(client__in=held.values("client"))


def holds_due_for_team(user, scope) -> list[WorkCount]:
    """The team leader's dashboard: holds on the team's debts whose review date has come."""
    from debt_recovery.holds.selectors import holds_due_for_review

    debtors = _team_debtors(scope)
    if debtors is None:
        return []
    n = holds_due_for_review().filter(debtor__in=debtors).count()
    query = f"&{scope.query}" if scope.query else ""
    return [WorkCount("Holds due for review", n, f"{reverse('debt_recovery:holds')}?due=1{query}")]


def holds_due_mine(user) -> list[WorkCount]:
    """*My work*, for a debt recovery officer: holds on their clients' debts due for review."""
    from debt_recovery.accounts.selectors import debtor_accounts_visible_to
    from debt_recovery.holds.selectors import holds_due_for_review

    n = holds_due_for_review().filter(debtor__in=debtor_accounts_visible_to(user=user)).count()
    return [WorkCount("Holds due for review", n, f"{reverse('debt_recovery:holds')}?due=1")]


def steps_for_team(user, scope) -> list[WorkCount]:
    """The team leader's dashboard: how many of the team's debts stand at each step of the ladder."""
    from debt_recovery.ladder.selectors import debts_at_each_step

    debtors = _team_debtors(scope)
    if debtors is None:
        return []
    url = reverse("debt_recovery:overdue")
    query = f"&{scope.query}" if scope.query else ""
    return [WorkCount(f"At step {step.position}: {step.name}", n, f"{url}?step={step.pk}{query}")
            for step, n in debts_at_each_step(debtors)]


def _seed_demo(run) -> dict[str, int]:
    from debt_recovery.ladder.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    from debt_recovery.ladder import tasks
    from debt_recovery.ladder.letters import LADDER_LETTERS
    from documents.letters import register_letter

    for spec in LADDER_LETTERS:
        register_letter(spec)
    registry.add_jobs(tasks.SCHEDULE)
    registry.add_work_panel(WorkPanel(key="debt-holds-due", title="Holds due for review", rule="debt_recovery.work_any",
                                      counts=holds_due_mine, order=41))
    registry.add_work_panel(WorkPanel(key="debt-holds-due-team", title="Holds due for review",
                                      rule="debt_recovery.lead", counts=holds_due_for_team, order=41,
                                      place="dashboard"))
    registry.add_work_panel(WorkPanel(key="debt-ladder-steps-team", title="Debts at each recovery step",
                                      rule="debt_recovery.lead", counts=steps_for_team, order=42, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:ladder", "debt_recovery:overdue", "debt_recovery:holds"),
                                         (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:ladder-step-add", "debt_recovery:ladder-step-edit",
                                          "debt_recovery:ladder-step-history"), (HOME, LADDER)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:debtor-ladder", "debt_recovery:hold-place",
                                          "debt_recovery:hold-release", "debt_recovery:hold-review"),
                                         (HOME, OVERDUE)))
    registry.add_demo_step(DemoStep("debt-recovery-ladder", _seed_demo, "The recovery ladder, debts at different "
                                    "steps and holds with their review dates", after=("debt-recovery",)))
