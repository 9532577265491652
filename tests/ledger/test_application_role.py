"""Someone holding the application's own database credentials cannot switch the ledger's rules off.

Every test here runs connected as the application role (tests/conftest.py), as the web server and the
worker do, and tries one attack in raw SQL: each is refused by PostgreSQL and changes nothing. The
owner role's side (the triggers hold for it too) is in test_invariants.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from tests.ledger.test_invariants import close_month, insert_posting, insert_transaction

pytestmark = pytest.mark.django_db

INSUFFICIENT_PRIVILEGE = "42501"


def attempt(statement: str, params=None) -> DatabaseError:
    with pytest.raises(DatabaseError) as caught, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)
    return caught.value


def sqlstate(error: BaseException) -> str:
    return error.__cause__.sqlstate


def ledger_state():
    with connection.cursor() as cursor:
        cursor.execute("SELECT t.id, t.memo, p.account_id, p.amount FROM ledger_transaction t "
                       "JOIN ledger_posting p ON p.transaction_id = t.id ORDER BY p.id")
        postings = cursor.fetchall()
        cursor.execute("SELECT id, client_id, kind, purpose, owner_kind FROM ledger_account ORDER BY id")
        return postings, cursor.fetchall()


def test_the_tests_run_as_the_application_role():
    roles = connection.settings_dict["ROLES"]
    assert roles["app"]["USER"] != roles["owner"]["USER"], (
        "The application connects as the owner of its tables: set up the two roles (docs/setup.md)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (roles["app"]["USER"], False)


@pytest.mark.parametrize("statement", [
    "SET session_replication_role = replica",
    "ALTER TABLE ledger_posting DISABLE TRIGGER ALL",
    "ALTER TABLE ledger_posting DISABLE TRIGGER ledger_posting_append_only",
    "ALTER TABLE ledger_posting DISABLE TRIGGER ledger_posting_balanced",
    "ALTER TABLE ledger_account DISABLE TRIGGER ledger_account_fixed",
    "DROP TRIGGER ledger_posting_append_only ON ledger_posting",
    "DROP TRIGGER ledger_posting_checks ON ledger_posting",
    "DROP TRIGGER ledger_transaction_append_only ON ledger_transaction",
    "TRUNCATE ledger_posting, ledger_transaction",
    "TRUNCATE ledger_posting CASCADE",
    "DROP TABLE ledger_posting CASCADE",
    "ALTER TABLE ledger_posting DROP CONSTRAINT ledger_posting_amount_not_zero",
    "CREATE OR REPLACE FUNCTION ledger_append_only_trigger() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RETURN NEW; END; $$",
    "UPDATE ledger_posting SET amount = amount * 2",
    "DELETE FROM ledger_posting",
    "UPDATE ledger_transaction SET memo = 'changed'",
    "DELETE FROM ledger_transaction",
    "CREATE TABLE ledger_shadow (id integer)",
])
def test_each_attack_is_refused_and_changes_nothing(statement, pooled_bank, peggy_funds, post):
    post(pooled_bank, peggy_funds, "25.00", memo="Pension")
    before = ledger_state()
    error = attempt(statement)
    assert sqlstate(error) == INSUFFICIENT_PRIVILEGE, error
    assert ledger_state() == before
    assert len(before[0]) == 2


def test_the_role_cannot_become_the_owner_or_a_superuser():
    owner = connection.settings_dict["ROLES"]["owner"]["USER"]
    assert sqlstate(attempt(f'SET ROLE "{owner}"')) == INSUFFICIENT_PRIVILEGE
    assert sqlstate(attempt("SET ROLE postgres")) == INSUFFICIENT_PRIVILEGE
    assert sqlstate(attempt("ALTER ROLE CURRENT_USER SUPERUSER")) == INSUFFICIENT_PRIVILEGE


def test_the_application_role_owns_nothing_and_belongs_to_no_role():
    me = "(SELECT oid FROM pg_roles WHERE rolname = current_user)"
    with connection.cursor() as cursor:
        for owned in (f"pg_class WHERE relowner = {me}", f"pg_proc WHERE proowner = {me}",
                      f"pg_database WHERE datdba = {me}", f"pg_auth_members WHERE member = {me}"):
            cursor.execute(f"SELECT count(*) FROM {owned}")
            assert cursor.fetchone()[0] == 0, owned
        cursor.execute("SELECT rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles "
                       "WHERE rolname = current_user")
        assert cursor.fetchone() == (False, False, False, False)
        cursor.execute("SELECT has_schema_privilege('public', 'CREATE')")
        assert cursor.fetchone()[0] is False


# --- the ledger's own rules, as the application role (3 of the issue) --------------------------------

def test_no_posting_joins_a_committed_transaction(officer, pooled_bank, peggy_funds, post):
    """The transaction was written by an earlier database transaction (the fixture's post); a balancing
    pair added now passes the balance check but not 23L08."""
    txn = post(pooled_bank, peggy_funds, "25.00")

    def steps():
        with transaction.atomic(), connection.cursor() as cursor:
            insert_posting(cursor, txn.pk, peggy_funds, "10.00")
            insert_posting(cursor, txn.pk, pooled_bank, "-10.00")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    with pytest.raises(DatabaseError) as caught:
        steps()
    assert sqlstate(caught.value) == "23L08"
    assert txn.postings.count() == 2


@pytest.mark.parametrize("assignment", [
    "client_id = %(other)s", "kind = 'asset'", "purpose = 'CARE_CHARGE_RECEIVABLE'",
    "owner_kind = 'council', client_id = NULL",
])
def test_an_account_with_postings_keeps_what_it_is(assignment, pooled_bank, peggy_funds, charging_client, post):
    post(pooled_bank, peggy_funds, "25.00")
    before = ledger_state()
    error = attempt(f"UPDATE ledger_account SET {assignment} WHERE id = %(account)s",
                    {"other": charging_client.pk, "account": peggy_funds.pk})
    assert sqlstate(error) == "23L09"
    assert ledger_state() == before


def test_a_client_liability_with_another_label_is_still_never_overdrawn(officer, pooled_bank, north_client):
    """The overdraft check asks what the account is (a liability a client owns), not its purpose."""
    from ledger.choices import AccountKind, Purpose
    from tests.ledger.conftest import make_account

    relabelled = make_account("Peggy: held for her", AccountKind.LIABILITY, Purpose.CLIENT_INCOME,
                              client=north_client)

    def steps():
        with transaction.atomic(), connection.cursor() as cursor:
            txn = insert_transaction(cursor, officer, kind="payment")
            insert_posting(cursor, txn, relabelled, "5.00")
            insert_posting(cursor, txn, pooled_bank, "-5.00")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    with pytest.raises(DatabaseError) as caught:
        steps()
    assert sqlstate(caught.value) == "23L05"


def test_a_payment_dated_in_a_signed_off_month_is_refused(officer, team_leader, pooled_bank, peggy_funds, post):
    post(pooled_bank, peggy_funds, "100.00", on=dt.date(2026, 10, 1))
    close_month(dt.date(2026, 11, 1), preparer=officer, signer=team_leader, bank=pooled_bank)
    before = ledger_state()

    def steps():
        with transaction.atomic(), connection.cursor() as cursor:
            txn = insert_transaction(cursor, officer, on=dt.date(2026, 11, 20), kind="payment")
            insert_posting(cursor, txn, peggy_funds, "40.00", on=dt.date(2026, 11, 20))
            insert_posting(cursor, txn, pooled_bank, "-40.00", on=dt.date(2026, 11, 20))
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    with pytest.raises(DatabaseError) as caught:
        steps()
    assert sqlstate(caught.value) == "23L07"
    assert ledger_state() == before
    assert sum(amount for *_, amount in before[0]) == Decimal("0.00")
