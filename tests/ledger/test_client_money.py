"""Client money: receipts in, payments out, never overdrawn, never across clients, duplicates held.

Peggy Thornton (Margaret Thornton, North team) is the client; Harold Pemberton (charging team) is a
second client whose money must never pay for hers. The overdraft and cross-client rules are tried
three ways: through the client-money services (a sentence, nothing written), through
``ledger.services.transaction_post`` (the database's refusal as a LedgerError) and through raw SQL
(the database alone).
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from core.exceptions import ConflictError, NotFoundError, PermissionDeniedError
from ledger import services
from ledger.choices import AccountKind, MoneyInCategory, MoneyOutCategory, OwnerKind, PaymentStatus, Purpose
from ledger.client_money import (
    DUPLICATE_WINDOW_DAYS,
    client_money_accounts_open,
    client_payment_make,
    client_receipt_record,
    payment_hold_cancel,
    payment_hold_release,
)
from ledger.models import Account, Payment, Posting, Transaction
from ledger.selectors import account_balance, available_funds
from tests.ledger.test_invariants import insert_posting, insert_transaction, refused, sqlstate
from tests.money import confirmed

NOV = dt.date(2026, 11, 3)


@pytest.fixture
def accounts(officer, north_client):
    return client_money_accounts_open(acting_user=officer, client=north_client)


@pytest.fixture
def receive(officer, north_client):
    def do(amount, *, key=None, category=MoneyInCategory.STATE_PENSION, on=NOV, client=None, user=None,
           confirm=True):
        receipt = client_receipt_record(
            acting_user=user or officer, client=client or north_client, amount=Decimal(amount), effective_date=on,
            category=category, idempotency_key=key or f"receipt-{uuid.uuid4()}",
        )
        return confirmed(receipt) if confirm else receipt

    return do


@pytest.fixture
def pay(officer, north_client):
    def do(amount, *, payee="British Gas", reference="BG-1001", key=None, category=MoneyOutCategory.ELECTRICITY_AND_GAS,
           on=NOV, user=None, client=None):
        return client_payment_make(
            acting_user=user or officer, client=client or north_client, amount=Decimal(amount), effective_date=on,
            category=category, payee=payee, reference=reference, idempotency_key=key or f"payment-{uuid.uuid4()}",
        )

    return do


def lines_of(txn: Transaction) -> set[tuple[int, Decimal]]:
    return set(txn.postings.values_list("account_id", "amount"))


# --- accounts -------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_opening_the_accounts_is_idempotent(officer, team_leader, north_client):
    bank, funds = client_money_accounts_open(acting_user=officer, client=north_client)
    again = client_money_accounts_open(acting_user=team_leader, client=north_client)
    assert again == (bank, funds)
    assert (bank.kind, bank.owner_kind, bank.purpose) == (AccountKind.ASSET, OwnerKind.COUNCIL, Purpose.POOLED_BANK)
    assert (funds.kind, funds.client, funds.purpose) == (AccountKind.LIABILITY, north_client, Purpose.CLIENT_FUNDS)
    assert Account.objects.count() == 2
    assert funds.history.get().history_user == officer


@pytest.mark.django_db
def test_there_is_only_one_pooled_bank_account(accounts):
    with pytest.raises(DatabaseError), transaction.atomic():
        Account.objects.create(name="Another pool", kind=AccountKind.ASSET, owner_kind=OwnerKind.COUNCIL,
                               purpose=Purpose.POOLED_BANK)


@pytest.mark.django_db
def test_only_people_who_may_see_the_client_can_move_their_money(other_officer, auditor, north_client, receive):
    with pytest.raises(NotFoundError):
        receive("10.00", user=other_officer)
    with pytest.raises(PermissionDeniedError):
        receive("10.00", user=auditor)
    assert not Transaction.objects.exists() and not Account.objects.exists()


# --- receipts and payments ------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_receipt_is_debit_pooled_bank_credit_client_funds_with_its_category(accounts, receive, north_client):
    bank, funds = accounts
    txn = receive("203.85", category=MoneyInCategory.STATE_PENSION, key="dwp-1")
    assert txn.kind == "receipt" and txn.category == "state_pension" and txn.memo == "State Pension"
    assert lines_of(txn) == {(bank.pk, Decimal("203.85")), (funds.pk, Decimal("-203.85"))}
    assert available_funds(client=north_client) == Decimal("203.85")
    assert account_balance(account=bank) == Decimal("203.85")
    assert receive("203.85", key="dwp-1").pk == txn.pk  # same key: the same receipt, nothing new
    assert Transaction.objects.count() == 1


@pytest.mark.django_db
def test_a_payment_is_debit_client_funds_credit_pooled_bank_with_its_category(accounts, receive, pay, north_client):
    bank, funds = accounts
    receive("100.00")
    payment = pay("40.00", key="pay-1")
    assert payment.status == PaymentStatus.POSTED and payment.hold_reason == ""
    txn = payment.transaction
    assert txn.kind == "payment" and txn.category == "electricity_and_gas"
    assert txn.memo == "British Gas (BG-1001)"
    assert lines_of(txn) == {(funds.pk, Decimal("40.00")), (bank.pk, Decimal("-40.00"))}
    assert available_funds(client=north_client) == Decimal("60.00")
    assert pay("40.00", key="pay-1").pk == payment.pk  # the same request again changes nothing
    assert Payment.objects.count() == 1 and Transaction.objects.count() == 2


@pytest.mark.django_db
def test_categories_go_the_right_way(accounts, receive, pay, officer, north_client):
    with pytest.raises(services.LedgerError) as caught:
        receive("10.00", category=MoneyOutCategory.CARE_FEES)
    assert caught.value.code == "invalid_category"
    receive("10.00")
    with pytest.raises(services.LedgerError):
        pay("5.00", category=MoneyInCategory.STATE_PENSION)
    # The database refuses a payment carrying a money-in category, however it is posted.
    bank, funds = accounts
    with pytest.raises(services.LedgerError):
        services.transaction_post(client_money=True, acting_user=officer, effective_date=NOV, kind="payment",
                                  category=MoneyInCategory.STATE_PENSION,
                                  postings=[(funds, Decimal("5.00")), (bank, Decimal("-5.00"))], idempotency_key="x")


@pytest.mark.django_db
def test_a_payment_beyond_the_funds_is_refused_with_a_sentence_and_writes_nothing(accounts, receive, pay):
    receive("12.50")
    before = (Transaction.objects.count(), Posting.objects.count(), Payment.objects.count())
    with pytest.raises(services.LedgerError) as caught:
        pay("40.00")
    assert caught.value.code == "insufficient_funds"
    assert caught.value.message == ("Margaret Thornton has £12.50 available; this payment of £40.00 would "
                                    "overdraw their account.")
    assert (Transaction.objects.count(), Posting.objects.count(), Payment.objects.count()) == before


@pytest.mark.django_db
def test_paying_out_exactly_everything_is_allowed(accounts, receive, pay, north_client):
    receive("12.50")
    pay("12.50")
    assert available_funds(client=north_client) == Decimal("0.00")


@pytest.mark.django_db
def test_bad_payments_are_refused(accounts, receive, pay):
    receive("100.00")
    for amount, code in [("0.00", "amount_not_positive"), ("-5.00", "amount_not_positive"), ("1.001", "not_money")]:
        with pytest.raises(services.LedgerError) as caught:
            pay(amount)
        assert caught.value.code == code
    with pytest.raises(services.LedgerError, match="payee"):
        pay("1.00", payee="   ")
    assert not Payment.objects.exists()


# --- the database's guarantee: overdraft -----------------------------------------------------------

@pytest.mark.django_db
def test_transaction_post_cannot_overdraw_a_client(accounts, receive, officer):
    bank, funds = accounts
    receive("12.50")
    with pytest.raises(services.LedgerError) as caught:
        services.transaction_post(client_money=True, acting_user=officer, effective_date=NOV, kind="payment",
                                  postings=[(funds, Decimal("40.00")), (bank, Decimal("-40.00"))],
                                  idempotency_key="direct")
    assert caught.value.code == "ledger_overdrawn"
    assert "overdraw" in caught.value.message
    assert account_balance(account=funds) == Decimal("12.50")


@pytest.mark.django_db
def test_raw_sql_cannot_overdraw_a_client(accounts, receive, officer):
    bank, funds = accounts
    receive("12.50")

    def overdraw(cursor):
        txn = insert_transaction(cursor, officer, on=NOV, kind="payment")
        insert_posting(cursor, txn, funds, "12.51", on=NOV)
        insert_posting(cursor, txn, bank, "-12.51", on=NOV)

    exc = refused(overdraw)
    assert sqlstate(exc) == "23L05" and "LEDGER_OVERDRAWN" in str(exc)
    assert account_balance(account=funds) == Decimal("12.50")


@pytest.mark.django_db
def test_raw_sql_cannot_reverse_a_receipt_already_spent(accounts, receive, pay, officer):
    receipt = receive("50.00")
    pay("30.00")
    with pytest.raises(services.LedgerError) as caught:
        services.transaction_reverse(acting_user=officer, transaction=receipt)
    assert caught.value.code == "ledger_overdrawn"


# --- the database's guarantee: one client only ----------------------------------------------------

@pytest.fixture
def harold(arthur, officer):
    """Arthur's funds: a second client of the same team (the rule is about two clients, whoever holds them)."""
    return client_money_accounts_open(acting_user=officer, client=arthur)[1]


@pytest.mark.django_db
def test_transaction_post_cannot_pay_one_clients_bill_from_anothers_money(accounts, receive, officer, harold,
                                                                         arthur):
    bank, funds = accounts
    receive("100.00")
    receive("5.00", client=arthur)
    # Peggy's money moved to Arthur's funds (to pay his bill): refused, though it balances and overdraws no one.
    with pytest.raises(services.LedgerError) as caught:
        services.transaction_post(client_money=True, acting_user=officer, effective_date=NOV, kind="transfer",
                                  postings=[(funds, Decimal("40.00")), (harold, Decimal("-40.00"))],
                                  idempotency_key="cross")
    assert caught.value.code == "ledger_cross_client"
    assert account_balance(account=funds) == Decimal("100.00")
    assert account_balance(account=harold) == Decimal("5.00")


@pytest.mark.django_db
def test_raw_sql_cannot_touch_two_clients_in_one_transaction(accounts, receive, officer, harold, arthur):
    bank, funds = accounts
    receive("100.00")

    def cross(cursor):
        txn = insert_transaction(cursor, officer, on=NOV, kind="payment")
        insert_posting(cursor, txn, funds, "40.00", on=NOV)
        insert_posting(cursor, txn, harold, "-40.00", on=NOV)

    exc = refused(cross)
    assert sqlstate(exc) == "23L06" and "LEDGER_CROSS_CLIENT" in str(exc)

    # Even three-way, through the pooled bank, with nobody overdrawn: still refused.
    def three_way(cursor):
        txn = insert_transaction(cursor, officer, on=NOV, kind="payment")
        insert_posting(cursor, txn, funds, "40.00", on=NOV)
        insert_posting(cursor, txn, bank, "-30.00", on=NOV)
        insert_posting(cursor, txn, harold, "-10.00", on=NOV)

    assert sqlstate(refused(three_way)) == "23L06"


# --- possible duplicates --------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_possible_duplicate_is_held_not_paid(accounts, receive, pay, north_client):
    receive("100.00")
    first = pay("40.00", payee="British Gas", reference="BG-1001", on=NOV)
    second = pay("40.00", payee="  british   GAS ", reference="bg-1001", on=NOV + dt.timedelta(days=5))
    assert second.status == PaymentStatus.HELD and second.transaction is None
    assert second.duplicate_of == first
    assert second.hold_reason == ("Held as a possible duplicate of the payment of £40.00 to British Gas on "
                                  "3 November 2026; another officer must release it.")
    assert available_funds(client=north_client) == Decimal("60.00")  # nothing paid, nothing reserved
    assert Transaction.objects.filter(kind="payment").count() == 1
    assert second.history.get().history_change_reason == "Payment held as a possible duplicate"


@pytest.mark.django_db
def test_payments_that_differ_or_are_far_apart_are_not_held(accounts, receive, pay):
    receive("500.00")
    pay("40.00", on=NOV)
    assert pay("40.01", on=NOV).status == PaymentStatus.POSTED
    assert pay("40.00", reference="BG-1002", on=NOV).status == PaymentStatus.POSTED
    assert pay("40.00", payee="EDF Energy", on=NOV).status == PaymentStatus.POSTED
    assert pay("40.00", on=NOV + dt.timedelta(days=DUPLICATE_WINDOW_DAYS + 1)).status == PaymentStatus.POSTED
    assert pay("40.00", on=NOV + dt.timedelta(days=DUPLICATE_WINDOW_DAYS)).status == PaymentStatus.HELD


@pytest.mark.django_db
def test_a_reversed_payment_is_not_a_duplicate(accounts, receive, pay, officer):
    receive("100.00")
    first = pay("40.00")
    services.transaction_reverse(acting_user=officer, transaction=first.transaction, effective_date=NOV)
    assert pay("40.00").status == PaymentStatus.POSTED


@pytest.mark.django_db
def test_the_officer_who_asked_cannot_release_another_can(accounts, receive, pay, officer, team_leader, north_client):
    receive("100.00")
    pay("40.00")
    held = pay("40.00")
    with pytest.raises(PermissionDeniedError) as caught:
        payment_hold_release(acting_user=officer, hold=held)
    assert caught.value.message == "You asked for this payment, so another officer must release it."
    held.refresh_from_db()
    assert held.status == PaymentStatus.HELD and held.transaction is None

    released = payment_hold_release(acting_user=team_leader, hold=held)
    assert released.status == PaymentStatus.RELEASED and released.released_by == team_leader
    assert released.transaction.kind == "payment" and released.transaction.acting_user == team_leader
    assert available_funds(client=north_client) == Decimal("20.00")
    assert payment_hold_release(acting_user=team_leader, hold=held).transaction == released.transaction
    assert Transaction.objects.filter(kind="payment").count() == 2


@pytest.mark.django_db
def test_the_database_refuses_a_release_by_the_officer_who_asked(accounts, receive, pay, officer):
    receipt = receive("100.00")
    pay("40.00")
    held = pay("40.00")
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        Payment.objects.filter(pk=held.pk).update(
            status=PaymentStatus.RELEASED, released_by=officer, released_at=held.requested_at, transaction=receipt)
    assert "ledger_payment_released_by_another" in str(caught.value)


@pytest.mark.django_db
def test_release_checks_the_funds_again(accounts, receive, pay, team_leader, north_client):
    receive("100.00")
    pay("40.00")
    held = pay("40.00")
    pay("50.00", payee="Sunrise Care Home", reference="INV-7", category=MoneyOutCategory.CARE_FEES)
    with pytest.raises(services.LedgerError) as caught:
        payment_hold_release(acting_user=team_leader, hold=held)
    assert caught.value.message == ("Margaret Thornton has £10.00 available; this payment of £40.00 would "
                                    "overdraw their account.")
    held.refresh_from_db()
    assert held.status == PaymentStatus.HELD
    assert available_funds(client=north_client) == Decimal("10.00")


@pytest.mark.django_db
def test_a_held_payment_can_be_cancelled_and_then_not_released(accounts, receive, pay, officer, team_leader):
    receive("100.00")
    pay("40.00")
    held = pay("40.00")
    cancelled = payment_hold_cancel(acting_user=officer, hold=held, reason="Already paid")
    assert cancelled.status == PaymentStatus.CANCELLED and cancelled.cancelled_by == officer
    with pytest.raises(ConflictError) as caught:
        payment_hold_release(acting_user=team_leader, hold=held)
    assert caught.value.code == "not_held"
    assert Transaction.objects.filter(kind="payment").count() == 1


# --- concurrency ----------------------------------------------------------------------------------

def _race(count: int, attempt) -> list:
    """Run ``attempt(n)`` in ``count`` threads at once, each on its own database connection."""
    barrier = threading.Barrier(count)
    outcomes: list = []

    def run(n):
        try:
            barrier.wait(10)
            outcomes.append(attempt(n))
        except services.LedgerError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_concurrent_payments_from_one_client_never_overdraw(officer, north_client, receive):
    receive("100.00")  # six payments of £30.00 are £180.00: exactly three can be paid

    def attempt(n):
        return client_payment_make(
            acting_user=officer, client=north_client, amount=Decimal("30.00"), effective_date=NOV,
            category=MoneyOutCategory.PERSONAL_ALLOWANCE, payee=f"Payee {n}", reference=f"R{n}",
            idempotency_key=f"race-{n}",
        ).status

    outcomes = _race(6, attempt)
    assert sorted(outcomes) == ["insufficient_funds"] * 3 + [PaymentStatus.POSTED] * 3
    assert available_funds(client=north_client) == Decimal("10.00")
    assert Payment.objects.filter(status=PaymentStatus.POSTED).count() == 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_direct_posts_are_serialised_by_the_database(officer, north_client, receive):
    """No lock taken in Python here: the trigger's own row lock is what keeps the balance exact."""
    receive("100.00")
    bank, funds = client_money_accounts_open(acting_user=officer, client=north_client)

    def attempt(n):
        return services.transaction_post(client_money=True, acting_user=officer, effective_date=NOV, kind="payment", idempotency_key=f"direct-{n}",
            postings=[(funds, Decimal("30.00")), (bank, Decimal("-30.00"))],
        ).kind

    outcomes = _race(6, attempt)
    assert sorted(outcomes) == ["ledger_overdrawn"] * 3 + ["payment"] * 3
    assert account_balance(account=funds) == Decimal("10.00")
    assert account_balance(account=bank) == Decimal("10.00")
