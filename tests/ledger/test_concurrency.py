"""Two sessions posting under the same idempotency key at the same moment: one transaction results."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction

from ledger import services
from ledger.models import Posting, Transaction

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_race_on_the_same_key_leaves_one_transaction(officer, pooled_bank, peggy_funds):
    lines = [(pooled_bank, Decimal("50.00")), (peggy_funds, Decimal("-50.00"))]
    kwargs = dict(effective_date=dt.date(2026, 4, 1), kind="receipt", memo="Pension", postings=lines,
                  idempotency_key="bank-line-77")
    inserted, release, results = threading.Event(), threading.Event(), {}

    def winner():
        try:
            with transaction.atomic():
                results["winner"] = services.transaction_post(client_money=True, acting_user=officer, **kwargs)
                inserted.set()
                release.wait(10)  # hold the row uncommitted while the other session tries
        finally:
            connection.close()

    thread = threading.Thread(target=winner)
    thread.start()
    assert inserted.wait(10)
    # Our look-up cannot see the uncommitted row, so we INSERT, wait on the unique key, and once the
    # winner commits we get its transaction rather than an error or a second copy.
    threading.Timer(0.5, release.set).start()
    loser = services.transaction_post(client_money=True, acting_user=officer, **kwargs)
    thread.join(10)
    assert loser.pk == results["winner"].pk
    assert Transaction.objects.count() == 1
    assert Posting.objects.count() == 2


def test_a_race_to_reverse_leaves_one_reversal(officer, pooled_bank, peggy_funds):
    original = services.transaction_post(client_money=True, acting_user=officer, effective_date=dt.date(2026, 4, 1), kind="receipt", memo="",
        postings=[(pooled_bank, Decimal("5.00")), (peggy_funds, Decimal("-5.00"))], idempotency_key="k")
    outcomes = []
    barrier = threading.Barrier(4)

    def reverse(n):
        try:
            barrier.wait(10)
            outcomes.append(services.transaction_reverse(acting_user=officer, transaction=original,
                                                         idempotency_key=f"undo-{n}").pk)
        except services.LedgerError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=reverse, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert sorted(map(str, outcomes)).count("already_reversed") == 3
    assert Transaction.objects.filter(reverses=original).count() == 1
