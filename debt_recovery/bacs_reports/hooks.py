"""What Bacs report import adds to the shared screens: its pages' breadcrumbs and its monthly job."""

from core.registry import Breadcrumbs, Crumb, registry
from people.hooks import HOME

REPORTS = Crumb("Bacs reports", "debt_recovery:bacs-reports")


def register() -> None:
    from debt_recovery.bacs_reports import tasks

    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:bacs-reports",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:bacs-report-upload", "debt_recovery:bacs-report-confirm",
                                          "debt_recovery:bacs-report", "debt_recovery:bacs-reconciliation"),
                                         (HOME, REPORTS)))
    registry.add_jobs(tasks.SCHEDULE)
