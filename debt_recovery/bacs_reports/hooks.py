"""What Bacs report import adds to the shared screens: its pages' breadcrumbs, its monthly job and its
part of the demonstration data."""

from core.registry import Breadcrumbs, Crumb, DemoStep, registry
from people.hooks import HOME

REPORTS = Crumb("Bacs reports", "debt_recovery:bacs-reports")


def register() -> None:
    from debt_recovery.bacs_reports import tasks

    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:bacs-reports",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:bacs-report-upload", "debt_recovery:bacs-report-confirm",
                                          "debt_recovery:bacs-report", "debt_recovery:bacs-reconciliation"),
                                         (HOME, REPORTS)))
    registry.add_jobs(tasks.SCHEDULE)
    registry.add_demo_step(DemoStep("debt-recovery-bacs-reports", _seed_demo,
                                    "An unpaid direct debit (ARUDD) and a change of bank (ADDACS) imported",
                                    after=("debt-recovery-direct-debits",)))


def _seed_demo(run) -> dict[str, int]:
    from debt_recovery.bacs_reports.demo import seed_demo_step

    return seed_demo_step(run)
