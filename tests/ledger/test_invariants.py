"""PostgreSQL holds the ledger's invariants against raw SQL, not only against our services.

Each test tries to break one rule straight through ``connection.cursor()``. The balance check is a
deferred constraint trigger that fires at COMMIT; inside the test's wrapping transaction we bring it
forward with ``SET CONSTRAINTS ALL IMMEDIATE``, and the tests marked ``transaction=True`` really commit.

The tests run as the application's database role, except those marked ``db_owner``: the application
may not UPDATE or DELETE a posting at all (test_application_role.py), so the append-only triggers are
shown holding for the owner role, which may.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from ledger.choices import AccountKind, Purpose
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
    assert sqlstate(error) == "23L08"
    assert "LEDGER_TRANSACTION_SEALED" in str(error)


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


@pytest.mark.db_owner
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

@pytest.mark.db_owner
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


@pytest.mark.db_owner
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
def test_foreign_keys_protect_accounts_and_users(pooled_bank, peggy_funds, post, north_team):
    from django.contrib.auth import get_user_model
    from django.db.models import ProtectedError

    from tests.factories import TeamMembershipFactory, UserFactory

    poster = UserFactory(username="poster")
    TeamMembershipFactory(team=north_team, user=poster)  # client money is posted by client affairs (23L11)
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
    poster.memberships.all().delete()  # so the transactions are what keeps the user
    assert "ledger_transaction" in str(delete(get_user_model()._meta.db_table, poster.pk))
    assert Transaction.objects.filter(pk=txn.pk, acting_user=poster).exists()


# --- a transaction's postings are written with it (23L08) ------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_a_balancing_pair_cannot_join_a_committed_transaction(officer, pooled_bank, peggy_funds):
    """The hole: two postings that sum to zero pass the balance check, so without 23L08 anyone with the
    database's credentials could add them to a transaction committed long ago."""
    with transaction.atomic(), connection.cursor() as cursor:
        txn = insert_transaction(cursor, officer)
        insert_posting(cursor, txn, pooled_bank, "10.00")
        insert_posting(cursor, txn, peggy_funds, "-10.00")

    with pytest.raises(IntegrityError) as caught:
        with transaction.atomic(), connection.cursor() as cursor:
            insert_posting(cursor, txn, peggy_funds, "5.00")
            insert_posting(cursor, txn, pooled_bank, "-5.00")
    assert sqlstate(caught.value) == "23L08"
    assert f"transaction {txn}" in str(caught.value)
    assert sorted(Posting.objects.filter(transaction_id=txn).values_list("amount", flat=True)) == [
        Decimal("-10.00"), Decimal("10.00")]


@pytest.mark.django_db
def test_postings_join_their_transaction_only_in_the_savepoint_that_wrote_it(officer, pooled_bank, peggy_funds):
    with pytest.raises(IntegrityError) as caught:
        with transaction.atomic(), connection.cursor() as cursor:
            txn = insert_transaction(cursor, officer)
            with transaction.atomic():  # a savepoint of its own
                insert_posting(cursor, txn, pooled_bank, "10.00")
    assert sqlstate(caught.value) == "23L08"
    assert not Transaction.objects.exists()


# --- what an account is cannot change once it has postings (23L09) --------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize(("assignment", "value"), [
    ("client_id = %s", "other_client"),
    ("purpose = %s", "CLIENT_INCOME"),
    ("kind = %s", "asset"),
    ("owner_kind = 'debtor', client_id = NULL, owner_reference = %s", "DEBTOR-1"),
])
def test_an_account_with_postings_keeps_its_owner_kind_and_purpose(assignment, value, pooled_bank, peggy_funds,
                                                                  charging_client, post):
    post(pooled_bank, peggy_funds, "25.00")
    value = charging_client.pk if value == "other_client" else value
    error = refused(lambda cursor: cursor.execute(
        f"UPDATE ledger_account SET {assignment} WHERE id = %s", [value, peggy_funds.pk]), immediate=False)
    assert sqlstate(error) == "23L09", str(error)
    assert "LEDGER_ACCOUNT_FIXED" in str(error)
    peggy_funds.refresh_from_db()
    assert (peggy_funds.client_id, peggy_funds.purpose, peggy_funds.kind) == (
        peggy_funds.client_id, "CLIENT_FUNDS", "liability")


@pytest.mark.django_db
def test_moving_a_balance_to_another_client_by_update_is_refused(pooled_bank, peggy_funds, charging_client, post):
    from ledger.selectors import account_balance

    post(pooled_bank, peggy_funds, "25.00")
    error = refused(lambda cursor: cursor.execute(
        "UPDATE ledger_account SET client_id = %s, name = 'Harold' WHERE id = %s",
        [charging_client.pk, peggy_funds.pk]), immediate=False)
    assert sqlstate(error) == "23L09"
    assert account_balance(account=peggy_funds) == Decimal("25.00")
    assert not charging_client.ledger_accounts.exists()


@pytest.mark.django_db
def test_an_account_without_postings_can_still_be_set_up_and_any_account_renamed_or_closed(
        pooled_bank, peggy_funds, charging_income, post):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_account SET purpose = 'FEE_INCOME' WHERE id = %s", [charging_income.pk])
    post(pooled_bank, peggy_funds, "25.00")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_account SET name = 'Peggy: funds', is_active = false WHERE id = %s",
                       [peggy_funds.pk])
    peggy_funds.refresh_from_db()
    charging_income.refresh_from_db()
    assert (peggy_funds.name, peggy_funds.is_active, charging_income.purpose) == ("Peggy: funds", False, "FEE_INCOME")


@pytest.mark.django_db
def test_the_overdraft_check_follows_what_the_account_is_not_its_purpose(officer, pooled_bank, north_client):
    """A liability opened for a client under another purpose is still money held for that client: it can
    never pay out more than it holds (and, having postings, can never be relabelled)."""
    from tests.ledger.conftest import make_account

    held = make_account("Peggy: other money held", AccountKind.LIABILITY, Purpose.CLIENT_INCOME, client=north_client)

    def steps(cursor):
        txn = insert_transaction(cursor, officer, kind="payment")
        insert_posting(cursor, txn, held, "40.00")
        insert_posting(cursor, txn, pooled_bank, "-40.00")

    error = refused(steps)
    assert sqlstate(error) == "23L05"


# --- closed months (23L07) and their records (23L10) -----------------------------------------------

NOVEMBER = dt.date(2026, 11, 1)


def close_month(month, *, preparer, signer, bank):
    """A signed-off reconciliation and the month it closed, written directly (the services are tested in
    test_closed_months.py)."""
    from ledger.models import ClosedMonth, Reconciliation

    record = Reconciliation.objects.create(
        month=month, bank_closing_balance=Decimal("0.00"), bank_balance_source="entered",
        ledger_balance=Decimal("0.00"), difference=Decimal("0.00"), status="signed_off", prepared_by=preparer,
        signed_off_by=signer, signed_off_at=timezone.now(), pdf="reconciliations/x.pdf", pdf_sha256="0" * 64)
    return ClosedMonth.objects.create(account=bank, month=month, reconciliation=record, closed_by=signer)


@pytest.fixture
def november_closed(officer, team_leader, pooled_bank):
    return close_month(NOVEMBER, preparer=officer, signer=team_leader, bank=pooled_bank)


@pytest.mark.django_db
@pytest.mark.parametrize("day", [dt.date(2026, 11, 30), dt.date(2026, 11, 1), dt.date(2026, 10, 15)])
@pytest.mark.parametrize("other", ["peggy_funds", "suspense"])
def test_nothing_is_posted_to_client_money_dated_in_or_before_a_closed_month(
        request, officer, pooled_bank, november_closed, day, other):
    account = request.getfixturevalue(other)

    def steps(cursor):
        txn = insert_transaction(cursor, officer, on=day)
        insert_posting(cursor, txn, account, "-12.00", on=day)
        insert_posting(cursor, txn, pooled_bank, "12.00", on=day)

    error = refused(steps, immediate=False)
    assert sqlstate(error) == "23L07"
    assert "LEDGER_MONTH_CLOSED" in str(error) and "2026-11-30" in str(error)
    assert not Posting.objects.exists()


@pytest.mark.django_db
def test_within_the_sub_ledger_too(officer, peggy_funds, suspense, november_closed):
    """An allocation from suspense to a client touches neither the bank nor anything but the sub-ledger."""
    def steps(cursor):
        txn = insert_transaction(cursor, officer, on=dt.date(2026, 11, 20))
        insert_posting(cursor, txn, suspense, "12.00", on=dt.date(2026, 11, 20))
        insert_posting(cursor, txn, peggy_funds, "-12.00", on=dt.date(2026, 11, 20))

    assert sqlstate(refused(steps, immediate=False)) == "23L07"


@pytest.mark.django_db
def test_the_first_open_day_and_other_accounts_take_postings(officer, pooled_bank, peggy_funds, charging_income,
                                                              november_closed):
    from tests.ledger.conftest import make_account

    receivable = make_account("Peggy: care charges", AccountKind.ASSET, Purpose.CARE_CHARGE_RECEIVABLE,
                              client=peggy_funds.client)
    with transaction.atomic(), connection.cursor() as cursor:
        december = insert_transaction(cursor, officer, on=dt.date(2026, 12, 1))
        insert_posting(cursor, december, pooled_bank, "12.00", on=dt.date(2026, 12, 1))
        insert_posting(cursor, december, peggy_funds, "-12.00", on=dt.date(2026, 12, 1))
        # Charging is not client money: its November charge is not closed by the client bank's month.
        charge = insert_transaction(cursor, officer, on=dt.date(2026, 11, 30), kind="charge")
        insert_posting(cursor, charge, receivable, "80.00", on=dt.date(2026, 11, 30))
        insert_posting(cursor, charge, charging_income, "-80.00", on=dt.date(2026, 11, 30))
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert Posting.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_closed_month_refuses_a_committed_posting_and_a_reopened_one_takes_it(
        officer, team_leader, pooled_bank, peggy_funds):
    from ledger.models import ClosedMonth

    with transaction.atomic():
        closed = close_month(NOVEMBER, preparer=officer, signer=team_leader, bank=pooled_bank)

    def post_november():
        with transaction.atomic(), connection.cursor() as cursor:
            txn = insert_transaction(cursor, officer, on=dt.date(2026, 11, 30))
            insert_posting(cursor, txn, pooled_bank, "12.00", on=dt.date(2026, 11, 30))
            insert_posting(cursor, txn, peggy_funds, "-12.00", on=dt.date(2026, 11, 30))

    with pytest.raises(IntegrityError) as caught:
        post_november()
    assert sqlstate(caught.value) == "23L07"
    assert not Posting.objects.exists()

    ClosedMonth.objects.filter(pk=closed.pk).update(reopened_at=timezone.now(), reopened_by=team_leader,
                                                    reopen_reason="Bank corrected its November statement")
    post_november()
    assert Posting.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("statement", [
    "DELETE FROM ledger_closedmonth WHERE id = %s",
    "UPDATE ledger_closedmonth SET month = '2026-10-01' WHERE id = %s",
    "UPDATE ledger_closedmonth SET closed_at = now() - interval '1 day' WHERE id = %s",
])
def test_the_record_of_a_closed_month_is_kept(statement, november_closed):
    error = refused(lambda cursor: cursor.execute(statement, [november_closed.pk]), immediate=False)
    assert sqlstate(error) == "23L10"
    assert "LEDGER_CLOSING_RECORD" in str(error)


@pytest.mark.django_db
def test_a_month_is_reopened_once_and_only_with_a_reason(team_leader, november_closed):
    no_reason = refused(lambda cursor: cursor.execute(
        "UPDATE ledger_closedmonth SET reopened_at = now(), reopened_by_id = %s WHERE id = %s",
        [team_leader.pk, november_closed.pk]), immediate=False)
    assert "ledger_closedmonth_reopened_with_reason" in str(no_reason)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_closedmonth SET reopened_at = now(), reopened_by_id = %s, "
                       "reopen_reason = 'Statement corrected' WHERE id = %s", [team_leader.pk, november_closed.pk])
    again = refused(lambda cursor: cursor.execute(
        "UPDATE ledger_closedmonth SET reopen_reason = 'Something else' WHERE id = %s", [november_closed.pk]),
        immediate=False)
    assert sqlstate(again) == "23L10"
