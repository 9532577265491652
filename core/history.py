"""Change history for every model, attributed to a user, a reason and a request or job id.

Use :func:`audited` instead of ``HistoricalRecords()`` on a model. Each historical row then carries:

- ``history_user``: the signed-in user, or the system user for jobs and commands;
- ``history_user_name``: that user's name frozen as text, so it survives the account's removal;
- ``history_change_reason``: the reason the service gave; a job's rows also name the job;
- ``request_id``: the request's id (also sent back as ``X-Request-ID``) or the job's correlation id.
"""

from __future__ import annotations

from django.db import models
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from core.context import current_actor


class HistoryContext(models.Model):
    request_id = models.CharField(max_length=80, blank=True, default="")
    history_user_name = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        abstract = True


def _history_user(instance=None, request=None, **kwargs):
    explicit = getattr(instance, "_history_user", None)
    if explicit is not None:
        return explicit
    actor = current_actor()
    if actor is not None and actor.user is not None and getattr(actor.user, "is_authenticated", False):
        return actor.user
    if request is not None and getattr(request, "user", None) is not None and request.user.is_authenticated:
        return request.user
    return None


def audited(**kwargs) -> HistoricalRecords:
    """``HistoricalRecords`` with our attribution columns."""
    return HistoricalRecords(bases=[HistoryContext], get_user=_history_user, **kwargs)


@receiver(pre_create_historical_record)
def _attribute_history(sender, instance, history_instance, **kwargs):
    actor = current_actor()
    if actor is not None:
        history_instance.request_id = actor.correlation_id
        if actor.job_name:
            # A job's rows always name the job, with the service's own reason where it gave one.
            reason = history_instance.history_change_reason
            if not reason:
                history_instance.history_change_reason = f"Scheduled job: {actor.job_name}"
            elif f"(job: {actor.job_name})" not in reason:
                history_instance.history_change_reason = f"{reason} (job: {actor.job_name})"
    user = history_instance.history_user
    if user is not None:
        history_instance.history_user_name = user.get_full_name() or user.get_username()


def set_reason(instance, reason: str):
    """Give the next history row written for ``instance`` its reason."""
    instance._change_reason = reason
    return instance
