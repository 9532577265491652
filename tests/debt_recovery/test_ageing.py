"""The balance from the ledger, aged by band with payments set against the oldest charges first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from debt_recovery.accounts.selectors import BAND_KEYS, aged_balances
from debt_recovery.services import debtor_account_open

AS_AT = dt.date(2026, 11, 30)


def ago(days: int) -> dt.date:
    return AS_AT - dt.timedelta(days=days)


@pytest.fixture
def debtor(debtor_client, debt_officer):
    return debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person",
                               reason="Care charges invoiced")


def aged(debtor, as_at=AS_AT):
    return aged_balances(ledger_account_ids=[debtor.ledger_account_id], as_at=as_at)[debtor.ledger_account_id]


@pytest.mark.django_db
def test_each_charge_falls_in_its_band_by_age(debtor, ledger):
    account = debtor.ledger_account
    ages = {"d0_28": (0, 28), "d29_56": (29, 56), "d57_90": (57, 90), "d91_180": (91, 180),
            "d181_365": (181, 365), "over_365": (366, 800)}
    amounts = {}
    for n, (key, (first, last)) in enumerate(ages.items()):
        half = Decimal(f"{10 * (n + 1)}.{n}1")
        amounts[key] = 2 * half
        # the edges of each band: half the amount on its first day, half on its last
        ledger.charge(account, str(half), ago(first))
        ledger.charge(account, str(half), ago(last))
    result = aged(debtor)
    assert result.bands == amounts
    assert result.balance == sum(amounts.values())
    assert result.oldest_band == "over_365"


@pytest.mark.django_db
def test_payments_pay_off_the_oldest_charges_first(debtor, ledger):
    account = debtor.ledger_account
    ledger.charge(account, "100.00", ago(200))
    ledger.charge(account, "100.00", ago(100))
    ledger.charge(account, "100.00", ago(10))
    ledger.pay(account, "150.00", ago(5))  # all of the oldest, half the next
    result = aged(debtor)
    assert result.bands["d181_365"] == 0
    assert result.bands["d91_180"] == Decimal("50.00")
    assert result.bands["d0_28"] == Decimal("100.00")
    assert result.balance == Decimal("150.00") == sum(result.bands.values())
    assert result.oldest_band == "d91_180"


@pytest.mark.django_db
def test_as_at_an_earlier_date_ignores_later_postings_and_ages_from_that_date(debtor, ledger):
    account = debtor.ledger_account
    ledger.charge(account, "80.00", ago(60))
    ledger.pay(account, "80.00", ago(1))
    earlier = aged(debtor, as_at=ago(30))
    assert earlier.balance == Decimal("80.00")
    assert earlier.bands["d29_56"] == Decimal("80.00")
    assert aged(debtor).balance == 0
    assert all(v == 0 for v in aged(debtor).bands.values())


@pytest.mark.django_db
def test_a_debtor_in_credit_owes_nothing_in_any_band(debtor, ledger):
    account = debtor.ledger_account
    ledger.charge(account, "40.00", ago(40))
    ledger.pay(account, "65.50", ago(3))
    result = aged(debtor)
    assert result.balance == Decimal("-25.50")
    assert result.credit == Decimal("25.50") and result.owed == 0
    assert set(result.bands.values()) == {Decimal("0")}
    assert result.oldest_band is None


@pytest.mark.django_db
def test_a_reversed_charge_reduces_the_oldest_debt(debtor, ledger, debt_officer):
    from ledger.services import transaction_reverse

    account = debtor.ledger_account
    wrong = ledger.charge(account, "30.00", ago(100))
    ledger.charge(account, "30.00", ago(20))
    transaction_reverse(acting_user=debt_officer, transaction=wrong, effective_date=ago(2), memo="Charged in error",
                        idempotency_key="reverse-wrong")
    result = aged(debtor)
    assert result.balance == Decimal("30.00")
    assert result.bands["d0_28"] == Decimal("30.00") and result.bands["d91_180"] == 0


@pytest.mark.django_db
def test_many_accounts_are_aged_in_one_query(debt_team, debt_officer, ledger):
    from tests.factories import ClientFactory

    debtors = []
    for n in range(6):
        client = ClientFactory(last_name=f"Ageing{n}", team=debt_team, team__officer=debt_officer)
        debtor = debtor_account_open(acting_user=debt_officer, client=client, kind="person", reason="Invoiced")
        ledger.charge(debtor.ledger_account, f"{n + 1}0.00", ago(30 * n))
        debtors.append(debtor)
    with CaptureQueriesContext(connection) as queries:
        found = aged_balances(ledger_account_ids=[d.ledger_account_id for d in debtors], as_at=AS_AT)
    assert len(queries) == 1
    assert [found[d.ledger_account_id].balance for d in debtors] == [Decimal(f"{n + 1}0.00") for n in range(6)]
    assert set(BAND_KEYS) == set(found[debtors[0].ledger_account_id].bands)


@pytest.mark.django_db
def test_an_account_with_no_postings_owes_nothing(debtor):
    result = aged(debtor)
    assert result.balance == 0 and result.oldest_band is None
