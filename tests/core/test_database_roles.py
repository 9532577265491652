"""The application's database role has only the privileges core/database.py lists, and change history
and the record-access log cannot be rewritten: not by the application (no UPDATE or DELETE granted), and
not by the owner either (the history_append_only trigger, 23H01, on every history table)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from audit.models import RecordAccess
from core import database
from people.models import Client

pytestmark = pytest.mark.django_db

PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")


def attempt(statement: str, params=None) -> DatabaseError:
    with pytest.raises(DatabaseError) as caught, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)
    return caught.value


def sqlstate(error: BaseException) -> str:
    return error.__cause__.sqlstate


def current_user() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        return cursor.fetchone()[0]


def tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        return [name for (name,) in cursor.fetchall()]


@pytest.fixture
def history_row(north_client):
    return Client.history.filter(id=north_client.pk).latest("history_date")


@pytest.fixture
def access_row(north_client, officer):
    return RecordAccess.objects.create(user=officer, user_name="Olivia Officer", client=north_client,
                                       request_id="req-1", path=f"/clients/{north_client.pk}/")


def test_the_application_has_exactly_the_listed_privileges_on_every_table():
    app = connection.settings_dict["ROLES"]["app"]["USER"]
    history = set(database.history_tables())
    wrong = {}
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute("SELECT " + ", ".join(f"has_table_privilege(%s, %s, '{p}')" for p in PRIVILEGES),
                           [app, table] * len(PRIVILEGES))
            held = tuple(p for p, has in zip(PRIVILEGES, cursor.fetchone()) if has)
            if held != database.privileges_for(table, history):
                wrong[table] = held
    assert not wrong
    assert database.privileges_for("ledger_posting", history) == ("SELECT", "INSERT")
    assert database.privileges_for("people_historicalclient", history) == ("SELECT", "INSERT")
    assert database.privileges_for("people_client", history) == ("SELECT", "INSERT", "UPDATE", "DELETE")


def test_every_history_table_and_the_access_log_has_the_append_only_trigger():
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                       "WHERE t.tgname = 'history_append_only'")
        guarded = {name for (name,) in cursor.fetchall()}
    by_name = {name for name in tables() if "_historical" in name}
    assert len(by_name) > 20
    assert by_name <= set(database.history_tables())
    assert set(database.history_tables()) | {"audit_recordaccess"} <= guarded


@pytest.mark.parametrize("statement", [
    "UPDATE people_historicalclient SET history_user_name = 'Someone else', request_id = 'req-forged'",
    "UPDATE people_historicalclient SET history_date = history_date - interval '1 year' WHERE id = %(client)s",
    "DELETE FROM people_historicalclient WHERE id = %(client)s",
    "UPDATE audit_recordaccess SET user_name = 'Someone else'",
    "DELETE FROM audit_recordaccess",
    "TRUNCATE people_historicalclient",
    "TRUNCATE audit_recordaccess",
    "DROP TRIGGER history_append_only ON people_historicalclient",
    "ALTER TABLE audit_recordaccess DISABLE TRIGGER history_append_only",
])
def test_history_and_the_access_log_cannot_be_rewritten_by_the_application(statement, history_row, access_row):
    before = (list(Client.history.values_list("history_id", "history_user_name", "history_date", "request_id")),
              list(RecordAccess.objects.values_list("id", "user_name", "viewed_at")))
    error = attempt(statement, {"client": history_row.id})
    assert sqlstate(error) == "42501", error
    after = (list(Client.history.values_list("history_id", "history_user_name", "history_date", "request_id")),
             list(RecordAccess.objects.values_list("id", "user_name", "viewed_at")))
    assert after == before and before[0] and before[1]


@pytest.mark.db_owner
@pytest.mark.parametrize("statement", [
    "UPDATE people_historicalclient SET history_user_name = 'Someone else' WHERE id = %(client)s",
    "DELETE FROM people_historicalclient WHERE id = %(client)s",
    "UPDATE audit_recordaccess SET user_name = 'Someone else'",
    "DELETE FROM audit_recordaccess",
])
def test_the_trigger_refuses_even_the_owner(statement, history_row, access_row):
    assert current_user() == connection.settings_dict["ROLES"]["owner"]["USER"]
    error = attempt(statement, {"client": history_row.id})
    assert sqlstate(error) == "23H01"
    assert "HISTORY_APPEND_ONLY" in str(error)
    history_row.refresh_from_db()
    assert history_row.history_user_name != "Someone else"


def test_the_orm_cannot_change_history_either(history_row):
    with pytest.raises(DatabaseError), transaction.atomic():
        Client.history.filter(pk=history_row.pk).update(history_change_reason="Rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        Client.history.filter(pk=history_row.pk).delete()


def test_writing_history_and_the_access_log_still_works(history_row, access_row):
    """What the application does do, as the application role: add rows."""
    assert current_user() == connection.settings_dict["ROLES"]["app"]["USER"]
    assert Client.history.filter(history_id=history_row.history_id).exists()
    assert RecordAccess.objects.filter(pk=access_row.pk).exists()


@pytest.mark.db_owner
def test_migrate_puts_the_trigger_on_a_history_table_that_lacks_it():
    """A history table added by a later migration has no trigger until migrate's own step adds it; the
    same step is seen here on a table whose trigger has gone."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER history_append_only ON people_historicalclient")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'history_append_only' "
                       "AND tgrelid = 'people_historicalclient'::regclass")
        assert cursor.fetchone()[0] == 1


@pytest.mark.parametrize("command", ["clean_old_history", "clean_duplicate_history"])
def test_the_history_cleaning_commands_are_not_available(command, history_row):
    with pytest.raises(CommandError, match="change history is kept for good"):
        call_command(command, "--auto")
    assert Client.history.filter(history_id=history_row.history_id).exists()


def test_the_application_cannot_flush_the_database(settings, history_row):
    """Only the test suite's flushing runs as the owner (DATABASE_FLUSH_AS_OWNER)."""
    settings.DATABASE_FLUSH_AS_OWNER = False
    with pytest.raises(CommandError) as caught, transaction.atomic():
        call_command("flush", interactive=False, verbosity=0)
    assert isinstance(caught.value.__cause__, DatabaseError)
    assert sqlstate(caught.value.__cause__) == "42501"
    assert Client.history.filter(history_id=history_row.history_id).exists()


def test_deploy_checks_warn_when_the_application_owns_its_tables(monkeypatch):
    from django.conf import settings as django_settings

    from core.apps import _check_database_roles

    assert _check_database_roles() == []
    one = {"USER": "ascfinance", "PASSWORD": "", "HOST": "", "PORT": "", "OPTIONS": {}}
    monkeypatch.setitem(django_settings.DATABASES["default"], "ROLES", {"app": one, "owner": one, "admin": None})
    assert [warning.id for warning in _check_database_roles()] == ["core.W001"]
