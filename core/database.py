"""What the application's database role may do, table by table, and the append-only triggers on the
change history and the record-access log. Applied by ``manage.py migrate`` (core's override), as the
owner role, after every migration run (core/database_roles.py explains the two roles).

- Ordinary tables: SELECT, INSERT, UPDATE, DELETE.
- Append-only tables, SELECT and INSERT only: the ledger's transactions and postings (corrections
  are reversals), every change-history table (django-simple-history's ``Historical*`` models) and the
  record-access log. PostgreSQL's own triggers refuse UPDATE and DELETE on them too, whoever asks:
  the ledger's since ledger migration 0002 (23L03); history and the access log by
  ``history_append_only`` (23H01, core migration 0002), installed here on every history table,
  including any added later.
- ``django_migrations``: SELECT only (the application reads which migrations ran, never records one).
- Sequences: USAGE and SELECT (nextval for new rows; never setval).

Nothing else: no TRUNCATE, REFERENCES or TRIGGER on any table; the role owns nothing, so it cannot
ALTER, DROP, disable a trigger or change ownership.
"""

from __future__ import annotations

from django.apps import apps

ALL = ("SELECT", "INSERT", "UPDATE", "DELETE")
APPEND_ONLY = ("SELECT", "INSERT")

# Tables whose privileges differ from ALL, other than the history tables (found from the models).
TABLE_PRIVILEGES: dict[str, tuple[str, ...]] = {
    "ledger_transaction": APPEND_ONLY,
    "ledger_posting": APPEND_ONLY,
    "audit_recordaccess": APPEND_ONLY,
    "django_migrations": ("SELECT",),
}

# Tables that refuse UPDATE and DELETE by trigger, besides the history tables. (The ledger's tables have
# their own row triggers, with their own SQLSTATE, from ledger migration 0002.)
APPEND_ONLY_BY_TRIGGER = ("audit_recordaccess",)
APPEND_ONLY_TRIGGER = "history_append_only"


def history_tables() -> list[str]:
    """Every change-history table of an installed model, current or added later."""
    from simple_history.models import HistoricalChanges

    return sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)
                   if issubclass(model, HistoricalChanges) and not model._meta.proxy})


def append_only_tables() -> list[str]:
    """The tables that refuse UPDATE and DELETE with ``history_append_only``."""
    return sorted({*history_tables(), *APPEND_ONLY_BY_TRIGGER})


def privileges_for(table: str, history: set[str]) -> tuple[str, ...]:
    if table in history:
        return APPEND_ONLY
    return TABLE_PRIVILEGES.get(table, ALL)


def install_append_only_triggers(connection) -> list[str]:
    """Create ``history_append_only`` on every append-only table that lacks it; return their names.
    Statement-level: it refuses an UPDATE or DELETE even when no row matches, and costs nothing per row.
    (TRUNCATE is a different event: the test suite's flushing, done as the owner, needs it.)"""
    from psycopg import sql

    added = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                       "WHERE t.tgname = %s AND c.relnamespace = 'public'::regnamespace", [APPEND_ONLY_TRIGGER])
        present = {name for (name,) in cursor.fetchall()}
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        existing = {name for (name,) in cursor.fetchall()}
        for table in append_only_tables():
            if table in present or table not in existing:
                continue
            cursor.execute(sql.SQL(
                "CREATE TRIGGER {} BEFORE UPDATE OR DELETE ON {} "
                "FOR EACH STATEMENT EXECUTE FUNCTION history_append_only_trigger()"
            ).format(sql.Identifier(APPEND_ONLY_TRIGGER), sql.Identifier(table)).as_string(cursor.connection))
            added.append(table)
    return added


def grant_application_privileges(connection, app_role: str) -> None:
    """Give ``app_role`` exactly the privileges listed above on every table and sequence in the schema
    (revoking anything else first, so a table that became append-only loses UPDATE and DELETE)."""
    from psycopg import sql

    history = set(history_tables())
    role = sql.Identifier(app_role)
    with connection.cursor() as cursor:
        render = lambda statement: statement.as_string(cursor.connection)  # noqa: E731
        cursor.execute(render(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role)))
        cursor.execute(render(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(role)))
        cursor.execute(render(sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {}").format(role)))
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        for (table,) in cursor.fetchall():
            cursor.execute(render(sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                sql.SQL(", ").join(map(sql.SQL, privileges_for(table, history))), sql.Identifier(table), role)))
        cursor.execute(render(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(role)))
