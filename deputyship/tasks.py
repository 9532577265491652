"""Client affairs casework's Celery tasks, for Celery (``app.autodiscover_tasks()``); each lives with its part."""

from deputyship.referrals import tasks as referrals_tasks  # noqa: F401
from deputyship.authority import tasks as authority_tasks  # noqa: F401
from deputyship.appointment import tasks as appointment_tasks  # noqa: F401
from deputyship.safeguarding import tasks as safeguarding_tasks  # noqa: F401
from deputyship.schedule import tasks as schedule_tasks  # noqa: F401
from deputyship.payruns import tasks as payruns_tasks  # noqa: F401
from deputyship.cards import tasks as cards_tasks  # noqa: F401
from deputyship.lifeevents import tasks as lifeevents_tasks  # noqa: F401
from deputyship.death import tasks as death_tasks  # noqa: F401
from deputyship.fees import tasks as fees_tasks  # noqa: F401
from deputyship.returns import tasks as returns_tasks  # noqa: F401
