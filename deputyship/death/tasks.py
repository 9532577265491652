"""The death part's Celery tasks and beat entries: none (the death part's work is done as it is recorded)."""

SCHEDULE: list = []
