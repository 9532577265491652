"""Set-based writes with their history rows, for the charging run and the uplift.

:func:`core.history.insert_with_history` inserts many rows with their first history rows; these two
do the same for an INSERT with the ids already chosen and for an UPDATE, attributed alike
(:func:`core.history.bulk_attribution`): one statement each, the history rows written from the
statement's RETURNING in a CTE.
"""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from core.history import bulk_attribution


def _history_parts(model, *, user, reason: str):
    attribution = bulk_attribution(user=user, reason=reason)
    history = model.history.model
    tracked = [f.attname for f in history.tracked_fields]
    extra = attribution["custom_historical_attrs"]
    q = connection.ops.quote_name
    columns = ", ".join(q(n) for n in [*tracked, "history_date", "history_change_reason", "history_type",
                                       "history_user_id", *extra])
    u = attribution["default_user"]
    params = [timezone.now(), attribution["default_change_reason"], u.pk if u else None, *extra.values()]
    return q(history._meta.db_table), columns, tracked, len(extra), params


def insert_rows_with_history(model, objs: list, *, user, reason: str) -> None:
    """INSERT ``objs`` (every column, the id included, so set it) and their "+" history rows."""
    if not objs:
        return
    table, columns, tracked, n_extra, hparams = _history_parts(model, user=user, reason=reason)
    q = connection.ops.quote_name
    fields = list(model._meta.concrete_fields)
    sql = (
        f"WITH created AS (INSERT INTO {q(model._meta.db_table)} ({', '.join(q(f.column) for f in fields)}) "
        f"SELECT * FROM unnest({', '.join(f'%s::{f.db_type(connection)}[]' for f in fields)}) RETURNING *) "
        f"INSERT INTO {table} ({columns}) "
        f"SELECT {', '.join('created.' + q(n) for n in tracked)}, %s, %s, '+', %s{', %s' * n_extra} FROM created"
    )
    values = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for obj in objs] for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, *hparams])


def update_with_history(model, *, set_sql: str, params: list, from_sql: str, from_params: list, user,
                        reason: str) -> int:
    """``UPDATE <model's table> t SET <set_sql> FROM <from_sql> WHERE t.id = v.id`` (``from_sql`` names
    its rows ``v``), writing a "~" history row for each row changed. Returns how many changed."""
    table, columns, tracked, n_extra, hparams = _history_parts(model, user=user, reason=reason)
    q = connection.ops.quote_name
    sql = (
        f"WITH changed AS (UPDATE {q(model._meta.db_table)} t SET {set_sql} FROM {from_sql} "
        f"WHERE t.id = v.id RETURNING t.*) "
        f"INSERT INTO {table} ({columns}) "
        f"SELECT {', '.join('changed.' + q(n) for n in tracked)}, %s, %s, '~', %s{', %s' * n_extra} FROM changed"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *from_params, *hparams])
        return cursor.rowcount


def next_ids(model, count: int) -> list[int]:
    """``count`` new ids from the model's sequence, for rows inserted with their ids chosen first."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [model._meta.db_table, count])
        return [row[0] for row in cursor.fetchall()]
