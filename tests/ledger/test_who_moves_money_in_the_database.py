"""Who may move client money and sign a month off is enforced by PostgreSQL too, so that a view, script
or shell session that forgets the rule (ledger/rules.py) is still refused: raw SQL, as in
test_invariants.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection, transaction

from core.context import system_user
from ledger.models import BankBalanceSource, Posting, Reconciliation
from tests.ledger.test_invariants import insert_posting, insert_transaction, refused, sqlstate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["other_officer", "charging_leader", "auditor", "administrator"])
def test_only_client_affairs_posts_to_client_money(request, persona, pooled_bank, peggy_funds, suspense):
    user = request.getfixturevalue(persona)
    for account in (peggy_funds, suspense):
        def steps(cursor, account=account):
            txn = insert_transaction(cursor, user)
            insert_posting(cursor, txn, pooled_bank, "10.00")
            insert_posting(cursor, txn, account, "-10.00")

        exc = refused(steps)
        assert sqlstate(exc) == "23L11" and "LEDGER_CLIENT_MONEY_ACTOR" in str(exc)
    assert not Posting.objects.exists()


def test_client_affairs_officers_and_the_system_user_may(officer, team_leader, pooled_bank, peggy_funds):
    with transaction.atomic(), connection.cursor() as cursor:
        for user in (officer, team_leader, system_user()):
            txn = insert_transaction(cursor, user)
            insert_posting(cursor, txn, pooled_bank, "10.00")
            insert_posting(cursor, txn, peggy_funds, "-10.00")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert Posting.objects.count() == 6


def test_a_deactivated_officer_may_not(officer, pooled_bank, peggy_funds):
    officer.is_active = False
    officer.save()

    def steps(cursor):
        txn = insert_transaction(cursor, officer)
        insert_posting(cursor, txn, pooled_bank, "10.00")
        insert_posting(cursor, txn, peggy_funds, "-10.00")

    assert sqlstate(refused(steps)) == "23L11"


def test_council_accounts_are_not_client_money(other_officer, charging_income):
    """The check is about client money only: other postings are the services' and the rules' to judge."""
    from ledger.models import Account

    receivable = Account.objects.create(name="Receivable", kind="asset", owner_kind="debtor", owner_reference="D-1",
                                        purpose="CARE_CHARGE_RECEIVABLE")
    with transaction.atomic(), connection.cursor() as cursor:
        txn = insert_transaction(cursor, other_officer, kind="charge")
        insert_posting(cursor, txn, receivable, "25.00")
        insert_posting(cursor, txn, charging_income, "-25.00")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert Posting.objects.count() == 2


@pytest.mark.parametrize("persona", ["officer", "charging_leader", "administrator"])
def test_only_a_client_affairs_team_leader_signs_off_in_the_database(request, persona, team_leader):
    signer = request.getfixturevalue(persona)
    zero = Decimal("0.00")
    record = Reconciliation.objects.create(month=dt.date(2026, 10, 1), prepared_by=team_leader,
                                           bank_closing_balance=zero, bank_balance_source=BankBalanceSource.ENTERED,
                                           ledger_balance=zero, difference=zero)

    def steps(cursor):
        cursor.execute("UPDATE ledger_reconciliation SET status = 'signed_off', signed_off_by_id = %s, "
                       "signed_off_at = now(), pdf = 'x.pdf', pdf_sha256 = %s WHERE id = %s",
                       [signer.pk, "0" * 64, record.pk])

    exc = refused(steps)
    assert sqlstate(exc) == "23L12" and "LEDGER_SIGN_OFF_ACTOR" in str(exc)
    record.refresh_from_db()
    assert record.signed_off_by_id is None
