"""Change history for every model, attributed to a user, a reason and a request or job id.

Use :func:`audited` instead of ``HistoricalRecords()`` on a model. Each historical row then carries:

- ``history_user``: the signed-in user, or the system user for jobs and commands;
- ``history_user_name``: that user's name frozen as text, so it survives the account's removal;
- ``history_change_reason``: the reason the service gave; a job's rows also name the job;
- ``request_id``: the request's id (also sent back as ``X-Request-ID``) or the job's correlation id.
"""

from __future__ import annotations

from django.db import connection, models
from django.utils import timezone
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from core.context import current_actor


class HistoryContext(models.Model):
    request_id = models.CharField(max_length=80, blank=True, default="")
    history_user_name = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        abstract = True


def _job_user():
    """Inside a named job (a Celery task, ``seed_demo``) every history row is the job's system user's,
    even where a service names the officer on whose behalf it acts: that officer stays in the row's
    own columns (a transaction's ``acting_user``, a note's ``author``)."""
    actor = current_actor()
    return actor.user if actor is not None and actor.job_name and actor.user is not None else None


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


def current_history_user():
    """The user a history row written now is attributed to (the signed-in user, or a job's), for set-based
    writers that pass the user themselves (:func:`update_with_history`)."""
    return _history_user()


def audited(**kwargs) -> HistoricalRecords:
    """``HistoricalRecords`` with our attribution columns."""
    return HistoricalRecords(bases=[HistoryContext], get_user=_history_user, **kwargs)


@receiver(pre_create_historical_record)
def _attribute_history(sender, instance, history_instance, **kwargs):
    actor = current_actor()
    job_user = _job_user()
    if job_user is not None:
        history_instance.history_user = job_user
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


def save_attributed(instance, *, user, reason: str, **kwargs) -> None:
    """Save ``instance`` with its history row attributed to ``user`` (the service's acting user)
    and given ``reason``; ``kwargs`` go to ``save()``."""
    instance._history_user = user
    set_reason(instance, reason)
    instance.save(**kwargs)


def bulk_attribution(*, user, reason: str) -> dict:
    """Keyword arguments for simple-history's ``bulk_create_with_history`` that attribute its rows as
    :func:`_attribute_history` attributes a saved row's (``bulk_history_create`` sends no signal):
    the user and their name, the reason (naming the job, for a job), the request or job id."""
    actor = current_actor()
    user = _job_user() or user
    if actor is not None and actor.job_name:
        reason = f"{reason} (job: {actor.job_name})" if reason else f"Scheduled job: {actor.job_name}"
    attrs = {"request_id": actor.correlation_id if actor is not None else "",
             "history_user_name": (user.get_full_name() or user.get_username()) if user is not None else ""}
    return {"default_user": user, "default_change_reason": reason, "custom_historical_attrs": attrs}


def _history_from(model, *, source: str, action: str, user, reason: str) -> tuple[str, list]:
    """The INSERT of ``model``'s history rows from the rows a statement's RETURNING named ``source``
    gave (``action`` "+" or "~"), attributed as :func:`bulk_attribution` does, and its parameters."""
    attribution = bulk_attribution(user=user, reason=reason)
    history = model.history.model
    tracked = [f.attname for f in history.tracked_fields]
    extra = attribution["custom_historical_attrs"]
    q = connection.ops.quote_name
    columns = ", ".join(q(name) for name in [
        *tracked, "history_date", "history_change_reason", "history_type", "history_user_id", *extra])
    sql = (f"INSERT INTO {q(history._meta.db_table)} ({columns}) "
           f"SELECT {', '.join(f'{source}.' + q(name) for name in tracked)}, %s, %s, '{action}', %s"
           f"{', %s' * len(extra)} FROM {source}")
    user = attribution["default_user"]
    return sql, [timezone.now(), attribution["default_change_reason"], user.pk if user is not None else None,
                 *extra.values()]


def _insert_rows(model, objs: list, *, fields: list, user, reason: str, batch_size: int) -> None:
    if not objs:
        return
    q = connection.ops.quote_name
    history_sql, history_params = _history_from(model, source="created", action="+", user=user, reason=reason)
    sql = (f"WITH created AS (INSERT INTO {q(model._meta.db_table)} ({', '.join(q(f.column) for f in fields)}) "
           f"SELECT * FROM unnest({', '.join(f'%s::{f.db_type(connection)}[]' for f in fields)}) RETURNING *) "
           f"{history_sql}")
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start:start + batch_size]
            columns = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for obj in batch] for f in fields]
            cursor.execute(sql, [*columns, *history_params])


def insert_with_history(model, objs: list, *, user, reason: str, batch_size: int = 10_000) -> None:
    """Insert many new rows and the first row of each one's history, set-based, for bulk work (a bank
    statement's lines): per batch one statement, an INSERT ... SELECT from one array per column whose
    RETURNING feeds the INSERT of the historical rows, attributed as :func:`bulk_attribution` does.

    What simple-history's ``bulk_create_with_history`` writes, without building a model instance per
    historical row or sending the rows from Python twice. ``objs`` are unsaved instances of ``model``
    (an :func:`audited` model with an automatic primary key); their ids are not set.
    """
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    _insert_rows(model, objs, fields=fields, user=user, reason=reason, batch_size=batch_size)


def insert_rows_with_history(model, objs: list, *, user, reason: str, batch_size: int = 10_000) -> None:
    """:func:`insert_with_history` for rows whose ids are already chosen (:func:`next_ids`), so other
    rows written in the same step can point at them."""
    _insert_rows(model, objs, fields=list(model._meta.concrete_fields), user=user, reason=reason,
                 batch_size=batch_size)


def update_with_history(model, *, set_sql: str, params: list, from_sql: str, from_params: list, user,
                        reason: str) -> int:
    """``UPDATE <model's table> t SET <set_sql> FROM <from_sql> WHERE t.id = v.id`` (``from_sql`` names
    its rows ``v``), writing a "~" history row for each row changed. Returns how many changed."""
    q = connection.ops.quote_name
    history_sql, history_params = _history_from(model, source="changed", action="~", user=user, reason=reason)
    sql = (f"WITH changed AS (UPDATE {q(model._meta.db_table)} t SET {set_sql} FROM {from_sql} "
           f"WHERE t.id = v.id RETURNING t.*) {history_sql}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *from_params, *history_params])
        return cursor.rowcount


def next_ids(model, count: int) -> list[int]:
    """``count`` new ids from the model's sequence, for rows inserted with their ids chosen first."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [model._meta.db_table, count])
        return [row[0] for row in cursor.fetchall()]
