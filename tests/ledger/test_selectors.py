"""Balances, statements and the trial balance: exact, and as at any date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ledger import services
from ledger.choices import TransactionKind
from ledger.selectors import account_balance, account_statement, trial_balance

pytestmark = pytest.mark.django_db

APR = dt.date(2026, 4, 1)


@pytest.fixture
def april(officer, pooled_bank, peggy_funds, charging_income, post):
    """Peggy's April: pension in on the 1st, another on the 15th, a care charge on the 20th that is
    reversed on the 22nd, a top-up into May."""
    pension_1 = post(pooled_bank, peggy_funds, "203.85", on=APR, memo="State Pension")
    post(pooled_bank, peggy_funds, "203.85", on=APR + dt.timedelta(days=14), memo="State Pension")
    charge = post(peggy_funds, charging_income, "150.00", on=APR + dt.timedelta(days=19),
                  kind=TransactionKind.CHARGE, memo="Care charge April")
    services.transaction_reverse(acting_user=officer, transaction=charge, effective_date=APR + dt.timedelta(days=21))
    post(peggy_funds, charging_income, "120.50", on=APR + dt.timedelta(days=21), kind=TransactionKind.CHARGE,
         memo="Care charge April (corrected)")
    post(pooled_bank, peggy_funds, "10.01", on=dt.date(2026, 5, 2), memo="Interest")
    return pension_1, charge


def test_balance_now_and_as_at_a_date(april, pooled_bank, peggy_funds, charging_income):
    assert account_balance(account=peggy_funds) == Decimal("297.21")  # 203.85 * 2 - 120.50 + 10.01
    assert account_balance(account=pooled_bank) == Decimal("417.71")
    assert account_balance(account=charging_income) == Decimal("120.50")
    assert account_balance(account=peggy_funds, as_at=APR - dt.timedelta(days=1)) == Decimal("0.00")
    assert account_balance(account=peggy_funds, as_at=APR) == Decimal("203.85")
    assert account_balance(account=peggy_funds, as_at=dt.date(2026, 4, 20)) == Decimal("257.70")
    assert account_balance(account=peggy_funds, as_at=dt.date(2026, 4, 22)) == Decimal("287.20")
    assert account_balance(account=peggy_funds, as_at=dt.date(2026, 4, 30)) == Decimal("287.20")


def test_balance_is_one_query(peggy_funds, april, django_assert_num_queries):
    with django_assert_num_queries(1) as queries:
        account_balance(account=peggy_funds, as_at=dt.date(2026, 4, 30))
    assert "SUM" in queries[0]["sql"].upper()


def test_balance_of_an_account_with_no_postings_is_zero(suspense):
    assert account_balance(account=suspense) == Decimal("0.00")


def test_statement_for_a_range(april, peggy_funds, django_assert_max_num_queries):
    _, charge = april
    with django_assert_max_num_queries(2):
        statement = account_statement(account=peggy_funds, start=dt.date(2026, 4, 10), end=dt.date(2026, 4, 30))
    assert statement.opening_balance == Decimal("203.85")
    assert [(line.date.day, line.kind, line.memo, line.amount, line.running_balance) for line in statement.lines] == [
        (15, "receipt", "State Pension", Decimal("203.85"), Decimal("407.70")),
        (20, "charge", "Care charge April", Decimal("-150.00"), Decimal("257.70")),
        (22, "reversal", f"Reversal of transaction {charge.pk}: Care charge April", Decimal("150.00"),
         Decimal("407.70")),
        (22, "charge", "Care charge April (corrected)", Decimal("-120.50"), Decimal("287.20")),
    ]
    assert statement.lines[1].transaction_id == charge.pk
    assert statement.closing_balance == Decimal("287.20")
    assert statement.closing_balance == account_balance(account=peggy_funds, as_at=dt.date(2026, 4, 30))
    assert statement.opening_balance + sum(line.amount for line in statement.lines) == statement.closing_balance


def test_statement_of_an_asset_account_shows_money_in_as_positive(april, pooled_bank):
    statement = account_statement(account=pooled_bank, start=APR, end=dt.date(2026, 5, 31))
    assert statement.opening_balance == 0
    assert [line.amount for line in statement.lines] == [Decimal("203.85"), Decimal("203.85"), Decimal("10.01")]
    assert statement.closing_balance == Decimal("417.71")


def test_statement_with_no_lines_carries_the_balance_forward(april, peggy_funds):
    statement = account_statement(account=peggy_funds, start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30))
    assert statement.lines == []
    assert statement.opening_balance == statement.closing_balance == Decimal("297.21")


def test_statement_dates_must_be_in_order(peggy_funds):
    with pytest.raises(ValueError):
        account_statement(account=peggy_funds, start=APR, end=APR - dt.timedelta(days=1))


def test_trial_balance_sums_to_zero(april, pooled_bank, peggy_funds, charging_income):
    tb = trial_balance()
    assert tb.total == 0
    assert tb.total_debits == tb.total_credits == Decimal("417.71")
    assert {row.account: row.balance for row in tb.rows} == {
        pooled_bank: Decimal("417.71"), peggy_funds: Decimal("297.21"), charging_income: Decimal("120.50")}
    as_at = trial_balance(as_at=APR)
    assert as_at.total == 0
    assert {row.account: (row.debit, row.credit) for row in as_at.rows} == {
        pooled_bank: (Decimal("203.85"), Decimal("0.00")), peggy_funds: (Decimal("0.00"), Decimal("203.85"))}
    assert trial_balance(as_at=APR - dt.timedelta(days=1)).rows == []
