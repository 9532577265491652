"""Many client payments at once (ledger.client_money.client_payments_make): the same ledger transactions,
payments and history as making each with client_payment_make (and releasing each held one), one client's
over-spend within the batch refused with a sentence and nothing written, and a batch made again posts nothing
twice.

Peggy Thornton (north_client) and Arthur Bell are both held by the North team; the officer asks for the
payments and the team leader is the second officer who releases held ones.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from core.exceptions import ConflictError, NotFoundError, PermissionDeniedError
from ledger.choices import MoneyInCategory, MoneyOutCategory, PaymentStatus, TransactionKind
from ledger.client_money import (
    ClientPayment,
    client_payment_make,
    client_payments_make,
    client_receipt_record,
    payment_hold_release,
)
from ledger.models import Payment, Posting, Transaction
from ledger.selectors import available_funds
from ledger.services import LedgerError
from tests.money import confirmed

pytestmark = pytest.mark.django_db

NOV = dt.date(2026, 11, 3)
GAS, WATER, CARE = MoneyOutCategory.ELECTRICITY_AND_GAS, MoneyOutCategory.WATER, MoneyOutCategory.CARE_FEES


@pytest.fixture
def funded(officer, north_client, arthur):
    def fund(client, amount, key):
        confirmed(client_receipt_record(acting_user=officer, client=client, amount=Decimal(amount),
                                        effective_date=NOV - dt.timedelta(days=10),
                                        category=MoneyInCategory.STATE_PENSION, idempotency_key=key))
    fund(north_client, "2000.00", "fund-peggy")
    fund(arthur, "200.00", "fund-arthur")
    return north_client, arthur


def _batch(peggy, arthur) -> list[ClientPayment]:
    """Posted, a duplicate of an earlier line (payee and reference in other case), large, a duplicate of a
    payment made before the batch, a payment far enough from the first not to be one, and a blank reference."""
    return [
        ClientPayment(client=peggy, amount=Decimal("100.00"), effective_date=NOV, category=GAS, payee="British Gas",
                      reference="BG-1001", idempotency_key="batch-1"),
        ClientPayment(client=arthur, amount=Decimal("50.00"), effective_date=NOV, category=WATER,
                      payee="Anglian  Water", reference="W 77", memo="Water, November", idempotency_key="batch-2"),
        ClientPayment(client=peggy, amount=Decimal("100.00"), effective_date=NOV + dt.timedelta(days=2),
                      category=GAS, payee="british gas", reference="bg-1001", idempotency_key="batch-3"),
        ClientPayment(client=peggy, amount=Decimal("1500.00"), effective_date=NOV, category=CARE,
                      payee="Oak Lodge Care Home", reference="NOV FEES", idempotency_key="batch-4"),
        ClientPayment(client=peggy, amount=Decimal("100.00"), effective_date=NOV + dt.timedelta(days=20),
                      category=GAS, payee="British Gas", reference="BG-1001", idempotency_key="batch-5"),
        ClientPayment(client=arthur, amount=Decimal("20.00"), effective_date=NOV, category=CARE,
                      payee="Hairdresser", idempotency_key="batch-6"),
    ]


def _made_before(officer, arthur):
    """A payment the batch's second line looks like (made a week earlier)."""
    return client_payment_make(acting_user=officer, client=arthur, amount=Decimal("50.00"),
                               effective_date=NOV - dt.timedelta(days=7), category=WATER, payee="Anglian Water",
                               reference="W 77", idempotency_key="before-1")


def _one_by_one(*, officer, releaser, payments):
    made = []
    for item in payments:
        payment = client_payment_make(
            acting_user=officer, client=item.client, amount=item.amount, effective_date=item.effective_date,
            category=item.category, payee=item.payee, reference=item.reference, memo=item.memo,
            idempotency_key=item.idempotency_key)
        if releaser is not None and payment.status == PaymentStatus.HELD:
            payment = payment_hold_release(acting_user=releaser, hold=payment)
        made.append(payment)
    return made


def _snapshot() -> dict:
    """Every payment with its transaction, postings and history, by idempotency key (ids differ)."""
    keys = dict(Payment.objects.values_list("id", "idempotency_key"))
    shot = {}
    for payment in Payment.objects.select_related("transaction"):
        txn = payment.transaction
        shot[payment.idempotency_key] = {
            "payment": (payment.client_id, payment.payee, payment.reference, payment.amount, payment.category,
                        payment.effective_date, payment.memo, payment.status, payment.requested_by_id,
                        keys.get(payment.duplicate_of_id), payment.hold_reason, payment.released_by_id),
            "transaction": None if txn is None else (
                txn.effective_date, txn.kind, txn.memo, txn.category, txn.relates_to_date, txn.acting_user_id,
                txn.reverses_id, sorted(Posting.objects.filter(transaction=txn).values_list(
                    "account_id", "amount", "effective_date"))),
            "history": [(h.history_type, h.status, h.history_change_reason, h.history_user_id, h.history_user_name,
                         keys.get(h.duplicate_of_id), h.transaction_id is not None)
                        for h in payment.history.order_by("history_date", "history_id")],
        }
    shot["*ledger*"] = (Transaction.objects.count(), Posting.objects.count())
    return shot


class _Undo(Exception):
    pass


def _as_made_one_by_one(*, officer, releaser, payments) -> dict:
    """The snapshot after making ``payments`` one by one, then undone."""
    try:
        with transaction.atomic():
            _one_by_one(officer=officer, releaser=releaser, payments=payments)
            shot = _snapshot()
            raise _Undo
    except _Undo:
        pass
    return shot


@pytest.mark.parametrize("released", [False, True], ids=["held-stay-held", "held-released-by-a-second-officer"])
def test_a_batch_gives_exactly_the_rows_made_one_by_one_gives(officer, team_leader, funded, released):
    peggy, arthur = funded
    _made_before(officer, arthur)
    payments = _batch(peggy, arthur)
    payments.append(payments[0])  # the same payment twice in one batch is made once
    releaser = team_leader if released else None
    expected = _as_made_one_by_one(officer=officer, releaser=releaser, payments=payments)
    assert Payment.objects.count() == 1  # undone

    made = client_payments_make(acting_user=officer, payments=payments, release_held_by=releaser)

    assert _snapshot() == expected
    statuses = [payment.status for payment in made]
    held = PaymentStatus.RELEASED if released else PaymentStatus.HELD
    assert statuses == [PaymentStatus.POSTED, held, held, held, PaymentStatus.POSTED, PaymentStatus.POSTED,
                        PaymentStatus.POSTED]
    assert made[-1] is made[0]
    assert [payment.pk for payment in made] == [
        Payment.objects.get(idempotency_key=item.idempotency_key).pk for item in payments]
    assert made[2].duplicate_of == made[0] and made[1].duplicate_of.idempotency_key == "before-1"
    spent = Decimal("1800.00") if released else Decimal("200.00")
    assert available_funds(client=peggy) == Decimal("2000.00") - spent
    assert available_funds(client=arthur) == Decimal("200.00") - Decimal("50.00") - (
        Decimal("70.00") if released else Decimal("20.00"))


def test_an_over_spend_within_the_batch_is_refused_and_nothing_is_written(officer, funded):
    peggy, arthur = funded
    before = (Payment.objects.count(), Transaction.objects.count(), Posting.objects.count(),
              Payment.history.count())
    payments = [
        ClientPayment(client=arthur, amount=Decimal("160.00"), effective_date=NOV, category=CARE, payee="Oak Lodge",
                      idempotency_key="over-1"),
        ClientPayment(client=peggy, amount=Decimal("10.00"), effective_date=NOV, category=GAS, payee="British Gas",
                      idempotency_key="over-2"),
        ClientPayment(client=arthur, amount=Decimal("50.00"), effective_date=NOV, category=WATER,
                      payee="Anglian Water", idempotency_key="over-3"),
    ]
    with pytest.raises(LedgerError) as refused:
        client_payments_make(acting_user=officer, payments=payments)
    assert refused.value.code == "insufficient_funds"
    assert refused.value.message == (
        "Payment 3: Arthur Bell has £40.00 available after the batch's earlier payments for them; this payment of "
        "£50.00 to Anglian Water would overdraw their account. Nothing has been recorded.")
    assert refused.value.extra["line"] == 3
    assert (Payment.objects.count(), Transaction.objects.count(), Posting.objects.count(),
            Payment.history.count()) == before
    # Paying exactly everything is allowed, as one by one.
    payments[2] = ClientPayment(client=arthur, amount=Decimal("40.00"), effective_date=NOV, category=WATER,
                                payee="Anglian Water", idempotency_key="over-3")
    client_payments_make(acting_user=officer, payments=payments)
    assert available_funds(client=arthur) == Decimal("0.00")


def test_a_held_payment_is_released_only_within_the_funds(officer, team_leader, funded):
    """Released as it is made: the funds are checked again, with the batch's earlier payments."""
    peggy, _arthur = funded
    payments = [
        ClientPayment(client=peggy, amount=Decimal("1500.00"), effective_date=NOV, category=CARE,
                      payee="Oak Lodge Care Home", idempotency_key="large-1"),
        ClientPayment(client=peggy, amount=Decimal("600.00"), effective_date=NOV, category=CARE,
                      payee="Dentist", idempotency_key="large-2"),
    ]
    with pytest.raises(LedgerError, match="Payment 2: Margaret Thornton has £500.00 available"):
        client_payments_make(acting_user=officer, payments=payments, release_held_by=team_leader)
    assert not Payment.objects.exists() and available_funds(client=peggy) == Decimal("2000.00")
    # Without a second officer the large one is only held, so the second is within the funds.
    made = client_payments_make(acting_user=officer, payments=payments)
    assert [payment.status for payment in made] == [PaymentStatus.HELD, PaymentStatus.POSTED]


def test_making_the_batch_again_posts_nothing_twice(officer, team_leader, funded):
    peggy, arthur = funded
    payments = _batch(peggy, arthur)
    first = client_payments_make(acting_user=officer, payments=payments, release_held_by=team_leader)
    counts = (Payment.objects.count(), Transaction.objects.count(), Posting.objects.count(),
              Payment.history.count())
    again = client_payments_make(acting_user=officer, payments=payments, release_held_by=team_leader)
    assert [payment.pk for payment in again] == [payment.pk for payment in first]
    assert [payment.status for payment in again] == [payment.status for payment in first]
    assert (Payment.objects.count(), Transaction.objects.count(), Posting.objects.count(),
            Payment.history.count()) == counts
    assert Transaction.objects.filter(kind=TransactionKind.PAYMENT).count() == 6

    # Part of a batch made before, part new (a retry after a crash): only the new part is posted.
    more = [*payments, ClientPayment(client=arthur, amount=Decimal("5.00"), effective_date=NOV, category=CARE,
                                     payee="Newsagent", idempotency_key="batch-7")]
    client_payments_make(acting_user=officer, payments=more, release_held_by=team_leader)
    assert Transaction.objects.filter(kind=TransactionKind.PAYMENT).count() == 7

    # A different payment under a key already used is a conflict, and nothing is written.
    changed = [*payments[:2], ClientPayment(client=peggy, amount=Decimal("99.00"), effective_date=NOV, category=GAS,
                                            payee="British Gas", idempotency_key="batch-3")]
    with pytest.raises(ConflictError, match="Payment 3: A different payment"):
        client_payments_make(acting_user=officer, payments=changed)
    assert Transaction.objects.filter(kind=TransactionKind.PAYMENT).count() == 7


def test_a_held_payment_made_earlier_is_released_by_the_batch(officer, team_leader, funded):
    peggy, _arthur = funded
    payment = ClientPayment(client=peggy, amount=Decimal("1500.00"), effective_date=NOV, category=CARE,
                            payee="Oak Lodge Care Home", idempotency_key="held-earlier")
    [held] = client_payments_make(acting_user=officer, payments=[payment])
    assert held.status == PaymentStatus.HELD
    [released] = client_payments_make(acting_user=officer, payments=[payment], release_held_by=team_leader)
    assert released.pk == held.pk and released.status == PaymentStatus.RELEASED
    held.refresh_from_db()
    assert (held.status, held.released_by, held.transaction.acting_user) == (PaymentStatus.RELEASED, team_leader,
                                                                            team_leader)
    assert [h.history_change_reason for h in held.history.order_by("history_date", "history_id")] == [
        "Payment held for a second officer (large amount)", "Held payment released by a second officer"]


def test_who_may_make_and_release_a_batch(officer, team_leader, other_officer, auditor, funded, charging_client):
    peggy, _arthur = funded
    one = [ClientPayment(client=peggy, amount=Decimal("5.00"), effective_date=NOV, category=GAS, payee="British Gas",
                         idempotency_key="who-1")]
    with pytest.raises(NotFoundError):
        client_payments_make(acting_user=other_officer, payments=one)  # not their team's client
    with pytest.raises(PermissionDeniedError):
        client_payments_make(acting_user=auditor, payments=one)
    with pytest.raises(PermissionDeniedError, match="another officer must release"):
        client_payments_make(acting_user=officer, payments=one, release_held_by=officer)
    theirs = [*one, ClientPayment(client=charging_client, amount=Decimal("5.00"), effective_date=NOV, category=GAS,
                                  payee="British Gas", idempotency_key="who-2")]
    with pytest.raises(NotFoundError):
        client_payments_make(acting_user=officer, payments=theirs)
    bad = [*one, ClientPayment(client=peggy, amount=Decimal("0.00"), effective_date=NOV, category=GAS,
                               payee="British Gas", idempotency_key="who-3")]
    with pytest.raises(LedgerError, match=r"Payment 2: Enter an amount of more than £0\.00"):
        client_payments_make(acting_user=officer, payments=bad)
    assert not Payment.objects.exists()


def test_a_payment_like_one_the_batch_releases_is_held_as_one_by_one_holds_it(officer, team_leader, funded):
    """The held payment is released by the batch before the later one is made, so that one is held as a
    duplicate of a released payment (not "itself held"), as one by one."""
    peggy, _arthur = funded
    confirmed(client_receipt_record(acting_user=officer, client=peggy, amount=Decimal("2000.00"),
                                    effective_date=NOV - dt.timedelta(days=5), category=MoneyInCategory.STATE_PENSION,
                                    idempotency_key="fund-peggy-more"))
    large = ClientPayment(client=peggy, amount=Decimal("1500.00"), effective_date=NOV, category=CARE,
                          payee="Oak Lodge Care Home", reference="NOV", idempotency_key="large")
    client_payments_make(acting_user=officer, payments=[large])
    again = ClientPayment(client=peggy, amount=Decimal("1500.00"), effective_date=NOV + dt.timedelta(days=1),
                          category=CARE, payee="Oak Lodge Care Home", reference="NOV", idempotency_key="large-again")
    expected = _as_made_one_by_one(officer=officer, releaser=team_leader, payments=[large, again])
    made = client_payments_make(acting_user=officer, payments=[large, again], release_held_by=team_leader)
    assert _snapshot() == expected
    assert made[1].status == PaymentStatus.RELEASED and "itself held" not in made[1].hold_reason
