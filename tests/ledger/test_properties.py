"""Whatever is posted and reversed, the ledger balances: a hypothesis property test."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import services
from ledger.choices import AccountKind, Purpose
from ledger.models import Posting, Transaction
from ledger.selectors import account_balance, account_statement, trial_balance
from tests.ledger.conftest import make_account

pytestmark = pytest.mark.django_db

pence = st.integers(min_value=-10_000_000, max_value=10_000_000).filter(bool).map(lambda p: Decimal(p) / 100)
post_step = st.tuples(
    st.just("post"),
    st.lists(st.tuples(st.integers(0, 4), pence), min_size=1, max_size=4),  # lines; a balancing line is added
    st.integers(0, 4),  # the account taking the balancing line
    st.integers(0, 60),  # days after 1 April
)
reverse_step = st.tuples(st.just("reverse"), st.integers(0, 1000), st.integers(0, 60))
steps = st.lists(st.one_of(post_step, reverse_step), min_size=1, max_size=12)


class _Undo(Exception):
    """Raised to roll back one example's savepoint, so each example starts from an empty ledger."""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_any_posts_and_reversals_keep_the_ledger_balanced(officer, steps):
    keys = itertools.count()
    start = dt.date(2026, 4, 1)
    try:
        with transaction.atomic():
            kinds = [AccountKind.ASSET, AccountKind.LIABILITY, AccountKind.INCOME, AccountKind.EXPENSE,
                     AccountKind.LIABILITY]
            accounts = [make_account(f"Account {i}", kind, Purpose.SUSPENSE) for i, kind in enumerate(kinds)]
            posted: list[Transaction] = []
            for step in steps:
                if step[0] == "post":
                    _, lines, balancing, days = step
                    postings = [(accounts[i], amount) for i, amount in lines]
                    rest = -sum(amount for _, amount in lines)
                    if rest != 0:
                        postings.append((accounts[balancing], rest))
                    if len(postings) < 2:
                        continue
                    # Lines on the same account may cancel out to nothing; that is still a valid post.
                    posted.append(services.transaction_post(client_money=True, acting_user=officer, effective_date=start + dt.timedelta(days=days), kind="adjustment",
                        memo="", postings=postings, idempotency_key=f"p-{next(keys)}"))
                elif posted:
                    _, pick, days = step
                    target = posted[pick % len(posted)]
                    try:
                        services.transaction_reverse(acting_user=officer, transaction=target,
                                                     effective_date=start + dt.timedelta(days=days))
                    except services.LedgerError as exc:
                        assert exc.code in {"already_reversed", "reversal_of_reversal"}
                        assert target.reverses_id is not None or target.reversals.exists()

            with connection.cursor() as cursor:  # what a commit would check: every transaction balances
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            tb = trial_balance()
            assert tb.total == 0
            assert tb.total_debits == tb.total_credits
            for account in accounts:
                signed = sum(Posting.objects.filter(account=account).values_list("amount", flat=True), Decimal(0))
                balance = account_balance(account=account)
                assert balance == account.natural_balance(signed)
                middle = start + dt.timedelta(days=30)
                statement = account_statement(account=account, start=middle, end=start + dt.timedelta(days=60))
                assert statement.opening_balance == account_balance(account=account, as_at=middle - dt.timedelta(1))
                assert statement.closing_balance == balance
            for txn in Transaction.objects.filter(pk__in=[t.pk for t in posted]):
                assert sum(txn.postings.values_list("amount", flat=True), Decimal(0)) == 0
                assert txn.postings.count() >= 2
            raise _Undo
    except _Undo:
        pass
