"""transaction_post and transaction_reverse: the only way in, idempotent, reversals once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.exceptions import ConflictError, PermissionDeniedError
from ledger import services
from ledger.choices import TransactionKind
from ledger.models import Posting, Transaction
from ledger.selectors import account_balance
from ledger.services import LedgerError, PostingLine

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 4, 1)


def post(user, lines, *, key="pension-2026-04", memo="State Pension", on=DAY, kind=TransactionKind.RECEIPT,
         **kwargs):
    kwargs.setdefault("client_money", True)
    return services.transaction_post(acting_user=user, effective_date=on, kind=kind, memo=memo, postings=lines,
                                     idempotency_key=key, **kwargs)


def test_post_records_the_transaction_and_its_postings(officer, pooled_bank, peggy_funds):
    txn = post(officer, [PostingLine(pooled_bank, Decimal("203.85")), PostingLine(peggy_funds, Decimal("-203.85"))])
    assert txn.acting_user == officer
    assert txn.kind == "receipt"
    assert txn.posted_at is not None
    assert sorted(txn.postings.values_list("account_id", "amount", "effective_date")) == sorted([
        (pooled_bank.pk, Decimal("203.85"), DAY), (peggy_funds.pk, Decimal("-203.85"), DAY)])
    assert account_balance(account=pooled_bank) == Decimal("203.85")
    assert account_balance(account=peggy_funds) == Decimal("203.85")


def test_same_key_twice_returns_the_first_transaction_and_writes_nothing(officer, team_leader, pooled_bank,
                                                                         peggy_funds, django_assert_max_num_queries):
    lines = [(pooled_bank, Decimal("50.00")), (peggy_funds, Decimal("-50.00"))]
    first = post(officer, lines)
    before = (Transaction.objects.count(), Posting.objects.count())
    with django_assert_max_num_queries(3) as queries:
        again = post(team_leader, list(reversed(lines)), memo="  State Pension ")
    assert again == first
    assert not any(q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for q in queries)
    assert (Transaction.objects.count(), Posting.objects.count()) == before


@pytest.mark.parametrize("change", [
    {"lines": [(0, Decimal("50.01")), (1, Decimal("-50.01"))]},
    {"on": DAY + dt.timedelta(days=1)},
    {"memo": "Attendance Allowance"},
    {"kind": TransactionKind.TRANSFER},
])
def test_same_key_with_different_content_is_a_conflict(officer, pooled_bank, peggy_funds, change):
    accounts = [pooled_bank, peggy_funds]
    first = post(officer, [(pooled_bank, Decimal("50.00")), (peggy_funds, Decimal("-50.00"))])
    kwargs = {k: v for k, v in change.items() if k != "lines"}
    lines = [(accounts[i], amount) for i, amount in change.get("lines", [(0, Decimal("50.00")),
                                                                        (1, Decimal("-50.00"))])]
    with pytest.raises(ConflictError) as caught:
        post(officer, lines, **kwargs)
    assert caught.value.code == "idempotency_conflict"
    assert caught.value.extra == {"transaction": first.pk}
    assert Transaction.objects.count() == 1


def test_floats_are_refused(officer, pooled_bank, peggy_funds):
    with pytest.raises(LedgerError) as caught:
        post(officer, [(pooled_bank, 0.1), (peggy_funds, Decimal("-0.10"))])
    assert caught.value.code == "float_amount"
    assert "never a float" in caught.value.message
    assert not Transaction.objects.exists()


@pytest.mark.parametrize(("lines", "code", "words"), [
    ([("bank", "10.00"), ("funds", "-9.99")], "ledger_unbalanced", "add up to £0.01, not £0.00"),
    ([("bank", "10.00")], "ledger_too_few_postings", "at least two postings"),
    ([], "ledger_too_few_postings", "at least two postings"),
    ([("bank", "10.005"), ("funds", "-10.005")], "sub_penny", "more than two decimal places"),
    ([("bank", "0"), ("funds", "0")], "zero_amount", "moves nothing"),
    ([("bank", "ten"), ("funds", "-10")], "not_money", "not an amount of money"),
])
def test_bad_transactions_are_refused_with_a_sentence(officer, pooled_bank, peggy_funds, lines, code, words):
    accounts = {"bank": pooled_bank, "funds": peggy_funds}
    postings = [(accounts[name], amount if amount == "ten" else Decimal(amount)) for name, amount in lines]
    with pytest.raises(LedgerError) as caught:
        post(officer, postings)
    assert caught.value.code == code
    assert words in caught.value.message
    assert not Transaction.objects.exists()


def test_closed_accounts_take_no_new_postings(officer, pooled_bank, peggy_funds):
    peggy_funds.is_active = False
    peggy_funds.save()
    with pytest.raises(LedgerError, match="Closed accounts cannot take new postings: Peggy Thornton"):
        post(officer, [(pooled_bank, Decimal("1.00")), (peggy_funds, Decimal("-1.00"))])


def test_auditors_cannot_post(auditor, pooled_bank, peggy_funds):
    with pytest.raises(PermissionDeniedError):
        post(auditor, [(pooled_bank, Decimal("1.00")), (peggy_funds, Decimal("-1.00"))])
    assert not Transaction.objects.exists()


def test_reversal_is_not_a_kind_for_ordinary_posts(officer, pooled_bank, peggy_funds):
    with pytest.raises(LedgerError, match="only to reverse"):
        post(officer, [(pooled_bank, Decimal("1.00")), (peggy_funds, Decimal("-1.00"))], kind="reversal")


def test_database_refusals_become_ledger_errors_at_the_service(officer, pooled_bank, peggy_funds):
    """The trigger's refusal reaches the caller as a LedgerError with a sentence, at the service, not at
    some later commit: here an unbalanced raw insert made earlier in the same database transaction is
    caught by the next post's balance check."""
    from django.db import connection, transaction

    from tests.ledger.test_invariants import insert_posting, insert_transaction

    with pytest.raises(LedgerError) as caught, transaction.atomic():
        with connection.cursor() as cursor:
            raw = insert_transaction(cursor, officer)
            insert_posting(cursor, raw, pooled_bank, "10.00")
            insert_posting(cursor, raw, peggy_funds, "-9.00")
        post(officer, [(pooled_bank, Decimal("10.00")), (peggy_funds, Decimal("-10.00"))])
    assert caught.value.code == "ledger_unbalanced"
    assert caught.value.message == "The amounts in and out do not balance: the postings must add up to zero."
    assert "LEDGER_UNBALANCED" in caught.value.extra["database"]
    assert not Transaction.objects.exists()
    # The connection is still usable and the next post is checked as normal.
    post(officer, [(pooled_bank, Decimal("10.00")), (peggy_funds, Decimal("-10.00"))], key="next")
    assert account_balance(account=pooled_bank) == Decimal("10.00")


# --- reversals ----------------------------------------------------------------------------------

def test_reversal_negates_every_posting_and_balances_to_zero(officer, pooled_bank, peggy_funds, charging_income):
    original = post(officer, [(pooled_bank, Decimal("100.00")), (peggy_funds, Decimal("-80.00")),
                              (charging_income, Decimal("-20.00"))])
    reversal = services.transaction_reverse(acting_user=officer, transaction=original,
                                            effective_date=DAY + dt.timedelta(days=3))
    assert reversal.reverses == original
    assert reversal.kind == "reversal"
    assert reversal.effective_date == DAY + dt.timedelta(days=3)
    assert reversal.memo == "Reversal of transaction %d: State Pension" % original.pk
    assert sorted(reversal.postings.values_list("account_id", "amount")) == sorted(
        (a, -amount) for a, amount in original.postings.values_list("account_id", "amount"))
    for account in (pooled_bank, peggy_funds, charging_income):
        assert account_balance(account=account) == 0
        assert account_balance(account=account, as_at=DAY) != 0


def test_a_transaction_is_reversed_only_once(officer, team_leader, pooled_bank, peggy_funds):
    original = post(officer, [(pooled_bank, Decimal("100.00")), (peggy_funds, Decimal("-100.00"))])
    first = services.transaction_reverse(acting_user=officer, transaction=original, idempotency_key="undo-1")
    # The same request again is idempotent...
    assert services.transaction_reverse(acting_user=officer, transaction=original, idempotency_key="undo-1") == first
    # ...but any other attempt is refused.
    for kwargs in ({}, {"idempotency_key": "undo-2"}):
        with pytest.raises(LedgerError) as caught:
            services.transaction_reverse(acting_user=team_leader, transaction=original, **kwargs)
        assert caught.value.code == "already_reversed"
        assert "already been reversed" in caught.value.message
    assert Transaction.objects.filter(reverses=original).count() == 1


def test_a_reversal_cannot_be_reversed(officer, pooled_bank, peggy_funds):
    original = post(officer, [(pooled_bank, Decimal("100.00")), (peggy_funds, Decimal("-100.00"))])
    reversal = services.transaction_reverse(acting_user=officer, transaction=original)
    with pytest.raises(LedgerError) as caught:
        services.transaction_reverse(acting_user=officer, transaction=reversal)
    assert caught.value.code == "reversal_of_reversal"
    assert Transaction.objects.count() == 2


def test_reversal_through_post_must_be_full(officer, pooled_bank, peggy_funds):
    original = post(officer, [(pooled_bank, Decimal("100.00")), (peggy_funds, Decimal("-100.00"))])
    with pytest.raises(LedgerError) as caught:
        post(officer, [(pooled_bank, Decimal("-50.00")), (peggy_funds, Decimal("50.00"))], key="half",
             kind=TransactionKind.REVERSAL, reverses=original)
    assert caught.value.code == "partial_reversal"


def test_a_closed_account_can_still_be_corrected(officer, pooled_bank, peggy_funds):
    original = post(officer, [(pooled_bank, Decimal("100.00")), (peggy_funds, Decimal("-100.00"))])
    peggy_funds.is_active = False
    peggy_funds.save()
    services.transaction_reverse(acting_user=officer, transaction=original)
    assert account_balance(account=peggy_funds) == 0


# --- many at once (transactions_post) ---------------------------------------------------------------

def receipt(bank, funds, amount, key, *, on=DAY):
    amount = Decimal(amount)
    return services.NewTransaction(effective_date=on, kind=TransactionKind.RECEIPT, memo="Bank line",
                                   idempotency_key=key, postings=[PostingLine(bank, amount), PostingLine(funds, -amount)])


def test_many_posts_in_one_call_come_back_in_order_and_once(officer, pooled_bank, peggy_funds, monkeypatch):
    monkeypatch.setattr(services, "POST_MANY_BATCH", 2)  # three round trips for five transactions
    items = [receipt(pooled_bank, peggy_funds, f"{n}.00", f"line-{n}") for n in range(1, 6)]
    posted = services.transactions_post(client_money=True, acting_user=officer, transactions=items)

    assert [txn.idempotency_key for txn in posted] == [f"line-{n}" for n in range(1, 6)]
    assert all(txn.acting_user == officer and txn.pk for txn in posted)
    assert {txn.pk: txn.postings.count() for txn in posted} == {txn.pk: 2 for txn in posted}
    assert Posting.objects.filter(transaction__in=posted).filter(effective_date=DAY).count() == 10
    assert account_balance(account=peggy_funds) == Decimal("15.00")

    # Again, with one more: the five already posted come back as they were, and only the new one is posted.
    again = services.transactions_post(client_money=True, acting_user=officer, transactions=[*items, receipt(pooled_bank, peggy_funds, "6.00", "line-6")])
    assert [txn.pk for txn in again[:5]] == [txn.pk for txn in posted]
    assert Transaction.objects.count() == 6
    assert account_balance(account=peggy_funds) == Decimal("21.00")


def test_many_posts_refuse_a_key_taken_by_a_different_transaction(officer, pooled_bank, peggy_funds):
    services.transactions_post(client_money=True, acting_user=officer, transactions=[receipt(pooled_bank, peggy_funds, "5.00", "k")])
    with pytest.raises(ConflictError):
        services.transactions_post(client_money=True, acting_user=officer, transactions=[receipt(pooled_bank, peggy_funds, "6.00", "k")])
    with pytest.raises(ConflictError):
        services.transactions_post(client_money=True, acting_user=officer, transactions=[
            receipt(pooled_bank, peggy_funds, "1.00", "twice"), receipt(pooled_bank, peggy_funds, "2.00", "twice")])
    assert Transaction.objects.count() == 1


def test_many_posts_are_all_refused_if_one_would_overdraw(officer, pooled_bank, peggy_funds):
    items = [receipt(pooled_bank, peggy_funds, "10.00", "in"),
             services.NewTransaction(effective_date=DAY, kind=TransactionKind.PAYMENT, idempotency_key="out",
                                     postings=[PostingLine(peggy_funds, Decimal("10.01")),
                                               PostingLine(pooled_bank, Decimal("-10.01"))])]
    with pytest.raises(LedgerError) as caught:
        services.transactions_post(client_money=True, acting_user=officer, transactions=items)
    assert caught.value.code == "ledger_overdrawn"
    assert Transaction.objects.count() == 0 and Posting.objects.count() == 0


def test_many_posts_cannot_pay_one_clients_bill_from_anothers_money(officer, pooled_bank, peggy_funds,
                                                                    charging_client):
    from tests.ledger.conftest import make_account

    harold = make_account("Harold: funds held", "liability", "CLIENT_FUNDS", client=charging_client)
    items = [receipt(pooled_bank, peggy_funds, "50.00", "in"),
             services.NewTransaction(effective_date=DAY, kind=TransactionKind.TRANSFER, idempotency_key="cross",
                                     postings=[PostingLine(peggy_funds, Decimal("40.00")),
                                               PostingLine(harold, Decimal("-40.00"))])]
    with pytest.raises(LedgerError) as caught:
        services.transactions_post(client_money=True, acting_user=officer, transactions=items)
    assert caught.value.code == "ledger_cross_client"
    assert Transaction.objects.count() == 0


def test_many_posts_check_each_transaction_as_one_post_does(officer, pooled_bank, peggy_funds):
    unbalanced = services.NewTransaction(effective_date=DAY, kind=TransactionKind.RECEIPT, idempotency_key="u",
                                         postings=[PostingLine(pooled_bank, Decimal("1.00")),
                                                   PostingLine(peggy_funds, Decimal("-0.99"))])
    with pytest.raises(LedgerError) as caught:
        services.transactions_post(client_money=True, acting_user=officer, transactions=[
            receipt(pooled_bank, peggy_funds, "5.00", "fine"), unbalanced])
    assert caught.value.code == "ledger_unbalanced"
    assert Transaction.objects.count() == 0


# --- one way to move client money ---------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["pooled_bank", "peggy_funds", "suspense"])
def test_a_general_post_never_touches_client_money(request, team_leader, charging_income, fixture):
    account = request.getfixturevalue(fixture)
    for lines in ([PostingLine(account, Decimal("1000.00")), PostingLine(charging_income, Decimal("-1000.00"))],
                  [PostingLine(charging_income, Decimal("1000.00")), PostingLine(account, Decimal("-1000.00"))]):
        with pytest.raises(LedgerError) as refused:
            post(team_leader, lines, key=f"general-{fixture}", kind=TransactionKind.ADJUSTMENT, client_money=False)
        assert refused.value.code == "client_money_route"
        assert "never as a general transaction" in refused.value.message
    with pytest.raises(LedgerError) as refused:
        services.transactions_post(acting_user=team_leader, transactions=[services.NewTransaction(
            effective_date=DAY, kind=TransactionKind.TRANSFER, memo="", idempotency_key="many-general",
            postings=[PostingLine(account, Decimal("5.00")), PostingLine(charging_income, Decimal("-5.00"))])])
    assert refused.value.code == "client_money_route"
    assert not Transaction.objects.exists()


def test_no_single_amount_above_the_configured_largest_is_taken(officer, settings, pooled_bank, peggy_funds):
    settings.LEDGER_MAX_AMOUNT = "5000000.00"
    with pytest.raises(LedgerError) as refused:
        post(officer, [PostingLine(pooled_bank, Decimal("606000000000.00")),
                       PostingLine(peggy_funds, Decimal("-606000000000.00"))])
    assert refused.value.code == "too_large" and "£5,000,000.00" in refused.value.message
    txn = post(officer, [PostingLine(pooled_bank, Decimal("5000000.00")), PostingLine(peggy_funds, Decimal("-5000000.00"))])
    assert account_balance(account=peggy_funds) == Decimal("5000000.00") and txn.pk
