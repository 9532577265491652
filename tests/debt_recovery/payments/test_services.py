"""Payments: posted to the ledger, set against charges by the rule in force, reversed when they bounce,
reallocated by an officer; unidentified receipts in suspense; refunds with a second person."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from core.exceptions import ConflictError, PermissionDeniedError
from core.roles import Role
from debt_recovery.accounts.selectors import aged_balances, open_charges
from debt_recovery.payments.choices import AllocationRule, Method, RefundStatus, SuspenseStatus
from debt_recovery.payments.models import Allocation, Payment
from debt_recovery.payments.services import (
    PaymentError,
    allocation_policy_set,
    payment_reallocate,
    payment_record,
    payment_reverse,
    payments_suspense_account,
    refund_decide,
    refund_pay,
    refund_request,
    suspense_allocate,
    suspense_receipt_record,
)
from debt_recovery.services import debtor_account_open
from ledger.models import Posting
from ledger.receivables import council_bank_account
from tests.factories import TeamMembershipFactory, UserFactory

JAN, FEB, MAR = dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)


@pytest.fixture
def debtor(debtor_client, debt_officer):
    return debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Charges due")


@pytest.fixture
def charged(debtor, ledger):
    """Three four-weekly charges of £100, £120 and £140."""
    account = debtor.ledger_account
    return [ledger.charge(account, "100.00", JAN), ledger.charge(account, "120.00", FEB),
            ledger.charge(account, "140.00", MAR)]


def _live(payment):
    return {a.charge_id: a.amount for a in Allocation.objects.filter(payment=payment, cancels__isnull=True,
                                                                       cancelled_by__isnull=True)}


def _balance(account):
    return sum(Posting.objects.filter(account=account).values_list("amount", flat=True), Decimal("0"))


def test_a_payment_credits_the_receivable_and_debits_the_council_bank(debtor, debt_officer, charged):
    bank = council_bank_account(acting_user=debt_officer)
    before = _balance(bank)
    payment = payment_record(acting_user=debt_officer, debtor=debtor, amount="150.00", method=Method.CARD,
                             received_on=dt.date(2026, 4, 2), reference="CARD-991")
    postings = {p.account_id: p.amount for p in payment.transaction.postings.all()}
    assert postings == {bank.pk: Decimal("150.00"), debtor.ledger_account_id: Decimal("-150.00")}
    assert _balance(bank) - before == Decimal("150.00")
    assert _balance(debtor.ledger_account) == Decimal("210.00")
    assert payment.history.first().history_change_reason.startswith("Payment recorded")


def test_oldest_first_pays_the_january_charge_then_february(debtor, debt_officer, charged):
    payment = payment_record(acting_user=debt_officer, debtor=debtor, amount="150.00", method=Method.CHEQUE,
                             received_on=dt.date(2026, 4, 2), reference="CHQ 100231")
    assert _live(payment) == {charged[0].pk: Decimal("100.00"), charged[1].pk: Decimal("50.00")}


def test_current_first_pays_the_latest_charge_first(debtor, debt_officer, debt_leader, charged):
    allocation_policy_set(acting_user=debt_leader, rule=AllocationRule.CURRENT_FIRST,
                          reason="Oldest first was sending reminders on current invoices")
    payment = payment_record(acting_user=debt_officer, debtor=debtor, amount="150.00", method=Method.BANK_TRANSFER,
                             received_on=dt.date(2026, 4, 2), reference="HAWORTH N")
    assert _live(payment) == {charged[2].pk: Decimal("140.00"), charged[0].pk: Decimal("10.00")}
    # The ageing follows what was paid: March is clear, January has £90 left, February all of it.
    left = {c.transaction_id: c.outstanding for c in open_charges(ledger_account_id=debtor.ledger_account_id,
                                                                  as_at=dt.date(2026, 4, 2))}
    assert left == {charged[0].pk: Decimal("90.00"), charged[1].pk: Decimal("120.00")}
    aged = aged_balances(ledger_account_ids=[debtor.ledger_account_id], as_at=dt.date(2026, 4, 2))[
        debtor.ledger_account_id]
    assert sum(aged.bands.values()) == aged.balance == Decimal("210.00")
    assert aged.bands["d57_90"] == Decimal("90.00")  # January, 61 days old


def test_only_a_team_leader_chooses_the_rule(debt_officer):
    with pytest.raises(PermissionDeniedError):
        allocation_policy_set(acting_user=debt_officer, rule=AllocationRule.CURRENT_FIRST, reason="Try")


def test_an_overpayment_is_held_as_credit(debtor, debt_officer, charged):
    payment = payment_record(acting_user=debt_officer, debtor=debtor, amount="400.00", method=Method.CASH,
                             received_on=dt.date(2026, 4, 2), reference="R-77")
    assert sum(_live(payment).values()) == Decimal("360.00")
    aged = aged_balances(ledger_account_ids=[debtor.ledger_account_id], as_at=dt.date(2026, 4, 2))[
        debtor.ledger_account_id]
    assert aged.credit == Decimal("40.00") and sum(aged.bands.values()) == 0


def test_the_same_payment_twice_records_it_once(debtor, debt_officer, charged):
    kwargs = dict(acting_user=debt_officer, debtor=debtor, amount="50.00", method=Method.DIRECT_DEBIT,
                  received_on=dt.date(2026, 4, 1), reference="DD", idempotency_key="collection-17")
    first = payment_record(**kwargs)
    assert payment_record(**kwargs).pk == first.pk
    assert Payment.objects.count() == 1 and _balance(debtor.ledger_account) == Decimal("310.00")
    with pytest.raises(ConflictError):
        payment_record(**{**kwargs, "amount": "51.00"})


@pytest.mark.parametrize("bad", [dict(amount="0"), dict(amount="-5"), dict(amount="1.234"), dict(amount="ten"),
                                 dict(method="bitcoin"), dict(received_on=dt.date(2099, 1, 1))])
def test_bad_payments_are_refused_and_nothing_is_posted(debtor, debt_officer, charged, bad):
    kwargs = dict(acting_user=debt_officer, debtor=debtor, amount="50.00", method=Method.CARD,
                  received_on=dt.date(2026, 4, 1), reference="X") | bad
    with pytest.raises(PaymentError):
        payment_record(**kwargs)
    assert Payment.objects.count() == 0 and _balance(debtor.ledger_account) == Decimal("360.00")


def test_someone_outside_the_team_cannot_record_a_payment(debtor, charged):
    stranger = UserFactory(roles=[Role.OFFICER])
    with pytest.raises(PermissionDeniedError):
        payment_record(acting_user=stranger, debtor=debtor, amount="5.00", method=Method.CASH,
                       received_on=dt.date(2026, 4, 1), reference="")


def test_a_bounced_payment_is_reversed_and_reopens_what_it_paid(debtor, debt_officer, charged):
    payment = payment_record(acting_user=debt_officer, debtor=debtor, amount="220.00", method=Method.CHEQUE,
                             received_on=dt.date(2026, 4, 2), reference="CHQ 1")
    payment = payment_reverse(acting_user=debt_officer, payment=payment, reason="Cheque returned unpaid",
                              on=dt.date(2026, 4, 9))
    assert payment.reversal.reverses_id == payment.transaction_id
    assert _balance(debtor.ledger_account) == Decimal("360.00")
    assert _live(payment) == {}
    assert Allocation.objects.filter(payment=payment).count() == 4  # two made, two cancelling
    left = {c.transaction_id: c.outstanding for c in open_charges(ledger_account_id=debtor.ledger_account_id,
                                                                  as_at=dt.date(2026, 4, 9))}
    assert left == {charged[0].pk: Decimal("100.00"), charged[1].pk: Decimal("120.00"),
                    charged[2].pk: Decimal("140.00")}
    # As it stood before the reversal, the payment still counted.
    before = aged_balances(ledger_account_ids=[debtor.ledger_account_id], as_at=dt.date(2026, 4, 5))
    assert before[debtor.ledger_account_id].balance == Decimal("140.00")
    # Reversing again changes nothing.
    assert payment_reverse(acting_user=debt_officer, payment=payment, reason="again").reversal_id == payment.reversal_id


def test_allocations_cannot_be_changed(debtor, debt_officer, charged):
    payment = payment_record(acting_user=debt_officer, debtor=debtor, amount="20.00", method=Method.CASH,
                             received_on=dt.date(2026, 4, 2), reference="")
    allocation = payment.allocations.get()
    allocation.amount = Decimal("-20.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(payment=payment, debtor=debtor, charge_id=allocation.charge_id,
                                  amount=Decimal("-20.00"), effective_date=allocation.effective_date,
                                  made_by=debt_officer)  # a negative allocation must cancel another
    with pytest.raises(DatabaseError), transaction.atomic():
        Allocation.objects.filter(pk=allocation.pk).update(amount=Decimal("5.00"))
    with pytest.raises(DatabaseError), transaction.atomic():
        Allocation.objects.filter(pk=allocation.pk).delete()
    assert payment.allocations.get().amount == Decimal("20.00")


def test_an_officer_reallocates_by_cancelling_and_recording_again(debtor, debt_officer, charged):
    payment = payment_record(acting_user=debt_officer, debtor=debtor, amount="150.00", method=Method.CARD,
                             received_on=dt.date(2026, 4, 2), reference="")
    payment_reallocate(acting_user=debt_officer, payment=payment, amounts={charged[2].pk: "140.00"},
                       reason="The payer said it was for March")
    assert _live(payment) == {charged[2].pk: Decimal("140.00")}
    with pytest.raises(PaymentError):
        payment_reallocate(acting_user=debt_officer, payment=payment, amounts={charged[0].pk: "101.00"},
                           reason="Too much")
    assert _live(payment) == {charged[2].pk: Decimal("140.00")}


def test_unidentified_money_waits_in_suspense_then_pays_the_debtor(debtor, debt_officer, charged):
    receipt = suspense_receipt_record(acting_user=debt_officer, amount="60.00", method=Method.BANK_TRANSFER,
                                      received_on=dt.date(2026, 4, 3), reference="MUM CARE", payer="A HAWORTH")
    suspense = payments_suspense_account(acting_user=debt_officer)
    assert _balance(suspense) == Decimal("-60.00")
    payment = suspense_allocate(acting_user=debt_officer, receipt=receipt, debtor=debtor,
                                reason="Daughter phoned to say it was for her mother")
    receipt.refresh_from_db()
    assert receipt.status == SuspenseStatus.ALLOCATED and payment.received_on == dt.date(2026, 4, 3)
    assert _balance(suspense) == 0 and _balance(debtor.ledger_account) == Decimal("300.00")
    with pytest.raises(PaymentError):
        suspense_allocate(acting_user=debt_officer, receipt=receipt, debtor=debtor, reason="twice")
    # Allocated to the wrong debtor: reversing puts it back in suspense.
    payment_reverse(acting_user=debt_officer, payment=payment, reason="Wrong debtor")
    receipt.refresh_from_db()
    assert receipt.status == SuspenseStatus.UNALLOCATED and _balance(suspense) == Decimal("-60.00")


def test_a_refund_needs_someone_else_to_approve_it(debtor, debt_officer, debt_leader, debt_team, charged):
    payment_record(acting_user=debt_officer, debtor=debtor, amount="400.00", method=Method.CARD,
                   received_on=dt.date(2026, 4, 2), reference="")
    with pytest.raises(PaymentError):
        refund_request(acting_user=debt_officer, debtor=debtor, amount="40.01", reason="Overpaid")
    refund = refund_request(acting_user=debt_leader, debtor=debtor, amount="40.00", reason="Overpaid")
    with pytest.raises(PaymentError):  # the credit is spoken for
        refund_request(acting_user=debt_officer, debtor=debtor, amount="0.01", reason="Overpaid")
    with pytest.raises(PermissionDeniedError):
        refund_decide(acting_user=debt_leader, refund=refund, approve=True)
    with pytest.raises(PermissionDeniedError):
        refund_decide(acting_user=debt_officer, refund=refund, approve=True)  # not a leader
    with pytest.raises(PaymentError):
        refund_pay(acting_user=debt_officer, refund=refund)
    other = UserFactory(roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=debt_team, user=other, is_leader=True)
    refund = refund_decide(acting_user=other, refund=refund, approve=True)
    refund = refund_pay(acting_user=debt_officer, refund=refund, paid_on=dt.date(2026, 4, 10))
    assert refund.status == RefundStatus.PAID and _balance(debtor.ledger_account) == 0
    assert refund_pay(acting_user=debt_officer, refund=refund).transaction_id == refund.transaction_id


def test_a_scheduled_job_records_and_reverses_a_collected_payment(debtor, charged):
    from core.context import acting_as_job

    with acting_as_job("debt-direct-debit-collections") as actor:
        payment = payment_record(acting_user=actor.user, debtor=debtor, amount="50.00", method=Method.DIRECT_DEBIT,
                                 received_on=dt.date(2026, 4, 1), reference="DD", idempotency_key="collection-9")
        payment_reverse(acting_user=actor.user, payment=payment, reason="ARUDD 0: refer to payer",
                        on=dt.date(2026, 4, 6))
    payment.refresh_from_db()
    assert payment.recorded_by == actor.user and payment.is_reversed
    # Outside a job the system user is no one's officer.
    with pytest.raises(PermissionDeniedError):
        payment_record(acting_user=actor.user, debtor=debtor, amount="5.00", method=Method.CASH,
                       received_on=dt.date(2026, 4, 1), reference="")
