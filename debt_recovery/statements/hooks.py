"""What the statement run adds to the shared screens: its letter, its morning job, the breadcrumbs of its
pages and its part of the demo. Called from :func:`debt_recovery.hooks.register`."""

from __future__ import annotations

from core.registry import Breadcrumbs, Crumb, DemoStep, registry
from people.hooks import HOME

RUNS = Crumb("Statements", "debt_recovery:statement-runs")
AGED_DEBT = Crumb("Debts", "debt_recovery:aged-debt")


def _seed_demo(run) -> dict[str, int]:
    from debt_recovery.statements.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    from debt_recovery.statements import tasks
    from debt_recovery.statements.letters import DEBT_STATEMENT
    from documents.letters import register_letter

    register_letter(DEBT_STATEMENT)
    registry.add_jobs(tasks.SCHEDULE)
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:statement-runs",), (HOME, AGED_DEBT)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:statement-run",), (HOME, AGED_DEBT, RUNS)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:statement",), (HOME, AGED_DEBT, RUNS)))
    registry.add_demo_step(DemoStep("debt-statements", _seed_demo, "A completed statement run for the last "
                                    "four-weekly period", after=("debt-recovery",)))
