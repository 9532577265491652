"""Who is acting, and under which correlation id, for the current request or job.

Every change written while an :class:`Actor` is current is attributed to it in the history: the
request middleware sets one per request; :func:`acting_as_job` sets one for a Celery task or a
management command, acting as the named system user with the job's name.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model


@dataclass(frozen=True)
class Actor:
    user: object | None
    correlation_id: str
    job_name: str = ""


_current: ContextVar[Actor | None] = ContextVar("current_actor", default=None)


def current_actor() -> Actor | None:
    return _current.get()


@contextmanager
def acting(actor: Actor):
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def system_user():
    """The named user that jobs act as. Created on first use; it cannot sign in."""
    from django.db import IntegrityError, transaction

    User = get_user_model()
    user = User.objects.filter(username=settings.SYSTEM_USERNAME).first()
    if user is not None:
        return user
    user = User(username=settings.SYSTEM_USERNAME, first_name="System", last_name="(scheduled jobs)", is_active=False)
    user.set_unusable_password()
    # Its own creation is the first thing in the history: attributed to itself, not to no one.
    user._history_user = user
    user._change_reason = "System user for scheduled jobs and commands"
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # another process created it at the same moment
        return User.objects.get(username=settings.SYSTEM_USERNAME)
    finally:
        del user._history_user
    return user


@contextmanager
def acting_as_job(job_name: str, *, correlation_id: str | None = None, on_behalf_of=None):
    """Run the block as the system user, recording ``job_name`` as the reason's source.

    ``on_behalf_of`` is the person whose decision the job carries out (the team leader who committed
    an uplift, say): the history is then theirs, still naming the job and its correlation id."""
    correlation_id = correlation_id or f"job:{job_name}:{uuid.uuid4().hex[:12]}"
    if on_behalf_of is not None:
        user = on_behalf_of
    else:
        with acting(Actor(user=None, correlation_id=correlation_id, job_name=job_name)):
            user = system_user()  # if it is created now, that row carries the job's id too
    actor = Actor(user=user, correlation_id=correlation_id, job_name=job_name)
    with acting(actor):
        yield actor
