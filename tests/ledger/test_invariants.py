"""PostgreSQL holds the ledger's invariants against raw SQL, not only against our services.

Each test tries to break one rule straight through ``connection.cursor()``. The balance check is a
deferred constraint trigger that fires at COMMIT; inside the test's wrapping transaction we bring it
forward with ``SET CONSTRAINTS ALL IMMEDIATE``, and the tests marked ``transaction=True`` really commit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from ledger.models import Posting, Transaction

DAY = dt.date(2026, 4, 1)


def insert_transaction(cursor, user, *, on=DAY, kind="receipt") -> int:
    cursor.execute(
        "INSERT INTO ledger_transaction (effective_date, posted_at, kind, memo, acting_user_id, idempotency_key)"
        " VALUES (%s, now(), %s, 'raw', %s, %s) RETURNING id",
        [on, kind, user.pk, f"raw-{uuid.uuid4()}"],
    )
    return cursor.fetchone()[0]


def insert_posting(cursor, txn_id: int, account, amount: str, *, on=DAY) -> None:
    cursor.execute(
        "INSERT INTO ledger_posting (transaction_id, account_id, amount, effective_date) VALUES (%s, %s, %s, %s)",
        [txn_id, account.pk, Decimal(amount), on],
    )


def refused(sql_steps, *, immediate=True) -> DatabaseError:
    """Run ``sql_steps(cursor)`` in a savepoint with the deferred checks forced; return the refusal."""
    with pytest.raises(DatabaseError) as caught:
        with transaction.atomic(), connection.cursor() as cursor:
            sql_steps(cursor)
            if immediate:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return caught.value


def sqlstate(exc: BaseException) -> str:
    return exc.__cause__.sqlstate


# --- the balance check ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_balanced_raw_insert_is_accepted(officer, pooled_bank, peggy_funds):
    with transaction.atomic(), connection.cursor() as cursor:
        txn = insert_transaction(cursor, officer)
        insert_posting(cursor, txn, pooled_bank, "10.00")
        insert_posting(cursor, txn, peggy_funds, "-10.00")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert Posting.objects.filter(transaction_id=txn).count() == 2


@pytest.mark.django_db
def test_unbalanced_transaction_is_refused(officer, pooled_bank, peggy_funds):
    def steps(cursor):
        txn = insert_transaction(cursor, officer)
        insert_posting(cursor, txn, pooled_bank, "10.00")
        insert_posting(cursor, txn, peggy_funds, "-9.99")

    error = refused(steps)
    assert sqlstate(error) == "23L01"
    assert "LEDGER_UNBALANCED" in str(error)
    assert "sum to 0.01" in str(error)


@pytest.mark.django_db
def test_single_posting_is_refused(officer, pooled_bank):
    def steps(cursor):
        txn = insert_transaction(cursor, officer)
        insert_posting(cursor, txn, pooled_bank, "10.00")

    error = refused(steps)
    assert sqlstate(error) == "23L02"
    assert "LEDGER_TOO_FEW_POSTINGS" in str(error)


@pytest.mark.django_db
def test_transaction_without_postings_is_refused(officer):
    error = refused(lambda cursor: insert_transaction(cursor, officer))
    assert sqlstate(error) == "23L02"


@pytest.mark.django_db
def test_adding_a_posting_to_a_balanced_transaction_later_is_refused(officer, pooled_bank, peggy_funds, post):
    txn = post(pooled_bank, peggy_funds, "25.00")
    error = refused(lambda cursor: insert_posting(cursor, txn.pk, pooled_bank, "1.00"))
    assert sqlstate(error) == "23L01"


@pytest.mark.django_db(transaction=True)
def test_unbalanced_transaction_is_refused_at_a_real_commit(officer, pooled_bank, peggy_funds):
    """No SET CONSTRAINTS here: the deferred trigger fires when the transaction commits."""
    with pytest.raises(IntegrityError) as caught:
        with transaction.atomic(), connection.cursor() as cursor:
            txn = insert_transaction(cursor, officer)
            insert_posting(cursor, txn, pooled_bank, "10.00")
            insert_posting(cursor, txn, peggy_funds, "-10.01")
            # Accepted so far: the check waits for COMMIT.
            cursor.execute("SELECT count(*) FROM ledger_posting WHERE transaction_id = %s", [txn])
            assert cursor.fetchone()[0] == 2
    assert sqlstate(caught.value) == "23L01"
    assert not Transaction.objects.exists()
    assert not Posting.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_balanced_transaction_commits_and_then_cannot_be_deleted(officer, pooled_bank, peggy_funds):
    with transaction.atomic(), connection.cursor() as cursor:
        txn = insert_transaction(cursor, officer)
        insert_posting(cursor, txn, pooled_bank, "10.00")
        insert_posting(cursor, txn, peggy_funds, "-10.00")
    assert Posting.objects.filter(transaction_id=txn).count() == 2
    with pytest.raises(IntegrityError) as caught, connection.cursor() as cursor:
        cursor.execute("DELETE FROM ledger_posting WHERE transaction_id = %s", [txn])
    assert sqlstate(caught.value) == "23L03"
    assert Posting.objects.filter(transaction_id=txn).count() == 2


# --- append-only --------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("statement", [
    "UPDATE ledger_posting SET amount = amount * 2 WHERE transaction_id = %s",
    "UPDATE ledger_posting SET account_id = account_id WHERE transaction_id = %s",
    "DELETE FROM ledger_posting WHERE transaction_id = %s",
    "UPDATE ledger_transaction SET memo = 'changed' WHERE id = %s",
    "UPDATE ledger_transaction SET effective_date = effective_date + 1 WHERE id = %s",
    "DELETE FROM ledger_transaction WHERE id = %s",
])
def test_posted_rows_cannot_be_changed_or_deleted(statement, pooled_bank, peggy_funds, post):
    txn = post(pooled_bank, peggy_funds, "25.00", memo="Pension")
    error = refused(lambda cursor: cursor.execute(statement, [txn.pk]), immediate=False)
    assert sqlstate(error) == "23L03"
    assert "LEDGER_APPEND_ONLY" in str(error)
    txn.refresh_from_db()
    assert txn.memo == "Pension"
    assert sorted(txn.postings.values_list("amount", flat=True)) == [Decimal("-25.00"), Decimal("25.00")]


@pytest.mark.django_db
def test_the_orm_cannot_edit_a_posting_either(pooled_bank, peggy_funds, post):
    posting = post(pooled_bank, peggy_funds, "25.00").postings.first()
    posting.amount = Decimal("1.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        posting.save()


# --- column rules -------------------------------------------------------------------------------

@pytest.mark.django_db
def test_zero_posting_is_refused(officer, pooled_bank, peggy_funds):
    def steps(cursor):
        txn = insert_transaction(cursor, officer)
        insert_posting(cursor, txn, pooled_bank, "0.00")

    error = refused(steps, immediate=False)
    assert sqlstate(error) == "23514"
    assert "ledger_posting_amount_not_zero" in str(error)


@pytest.mark.django_db
def test_amounts_are_stored_to_the_penny(officer, pooled_bank, peggy_funds):
    """numeric(14,2): a fraction of a penny is rounded by PostgreSQL, and the balance check sees the
    stored value."""
    with transaction.atomic(), connection.cursor() as cursor:
        txn = insert_transaction(cursor, officer)
        insert_posting(cursor, txn, pooled_bank, "10.004")
        insert_posting(cursor, txn, peggy_funds, "-10.00")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert set(Posting.objects.filter(transaction_id=txn).values_list("amount", flat=True)) == {
        Decimal("10.00"), Decimal("-10.00")}


@pytest.mark.django_db
def test_too_large_an_amount_is_refused(officer, pooled_bank):
    def steps(cursor):
        txn = insert_transaction(cursor, officer)
        insert_posting(cursor, txn, pooled_bank, "1000000000000.00")

    error = refused(steps, immediate=False)
    assert sqlstate(error) == "22003"  # numeric field overflow


@pytest.mark.django_db
def test_posting_dated_differently_from_its_transaction_is_refused(officer, pooled_bank, peggy_funds):
    def steps(cursor):
        txn = insert_transaction(cursor, officer, on=DAY)
        insert_posting(cursor, txn, pooled_bank, "10.00", on=DAY)
        insert_posting(cursor, txn, peggy_funds, "-10.00", on=DAY + dt.timedelta(days=1))

    error = refused(steps, immediate=False)
    assert sqlstate(error) == "23L04"
    assert "LEDGER_EFFECTIVE_DATE" in str(error)


@pytest.mark.django_db
def test_a_transaction_is_reversed_at_most_once_even_in_raw_sql(officer, pooled_bank, peggy_funds, post):
    from ledger import services

    original = post(pooled_bank, peggy_funds, "25.00")
    services.transaction_reverse(acting_user=officer, transaction=original)

    def steps(cursor):
        cursor.execute(
            "INSERT INTO ledger_transaction (effective_date, posted_at, kind, memo, acting_user_id,"
            " idempotency_key, reverses_id) VALUES (%s, now(), 'reversal', '', %s, 'again', %s)",
            [DAY, officer.pk, original.pk],
        )

    error = refused(steps, immediate=False)
    assert sqlstate(error) == "23505"
    assert "ledger_transaction_reversed_once" in str(error)


@pytest.mark.django_db
@pytest.mark.parametrize(("column", "value", "constraint"), [
    ("currency", "EUR", "ledger_account_currency_gbp"),
    ("kind", "equity", "ledger_account_kind_valid"),
    ("client_id", None, "ledger_account_owner_consistent"),
])
def test_account_rules_hold_in_raw_sql(peggy_funds, column, value, constraint):
    # Accounts are not append-only (they can be closed), but their CHECK constraints hold.
    error = refused(lambda cursor: cursor.execute(
        f"UPDATE ledger_account SET {column} = %s WHERE id = %s", [value, peggy_funds.pk]), immediate=False)
    assert constraint in str(error)


@pytest.mark.django_db
def test_foreign_keys_protect_accounts_and_users(pooled_bank, peggy_funds, post):
    from django.contrib.auth import get_user_model
    from django.db.models import ProtectedError

    from tests.factories import UserFactory

    poster = UserFactory(username="poster")
    txn = post(pooled_bank, peggy_funds, "25.00", user=poster)
    with pytest.raises(ProtectedError):
        pooled_bank.delete()
    with pytest.raises(ProtectedError):
        poster.delete()

    def delete(table, pk):
        def steps(cursor):
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])
        return refused(steps)

    assert "ledger_posting" in str(delete("ledger_account", pooled_bank.pk))
    assert "ledger_transaction" in str(delete(get_user_model()._meta.db_table, poster.pk))
    assert Transaction.objects.filter(pk=txn.pk, acting_user=poster).exists()
