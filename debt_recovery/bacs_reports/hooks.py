"""What Bacs report import adds to the shared screens: its jobs."""

from core import registry


def register() -> None:
    from debt_recovery.bacs_reports import tasks

    registry.add_jobs(tasks.SCHEDULE)
