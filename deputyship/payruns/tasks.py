"""The payruns part's Celery tasks and beat entries (``SCHEDULE``, registered from its hooks)."""
