"""Safeguarding concerns with their referrals and meetings, and recovery cases whose sums recovered go into the
client's money as receipts, once each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError, PermissionDeniedError
from deputyship.safeguarding import services
from deputyship.safeguarding.models import RecoveryReceipt, SafeguardingConcern
from ledger import selectors as ledger_selectors
from ledger.models import Transaction
from tests.deputyship.authority.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_a_concern_is_raised_referred_met_about_and_closed(officer, north_client):
    concern = services.concern_raise(acting_user=officer, client=north_client, raised_on=TODAY - dt.timedelta(days=20),
                                     raised_by="Meadowbank manager", concern="Nephew withdrawing cash weekly")
    services.concern_refer(acting_user=officer, concern=concern, referred_to="Adult safeguarding team",
                           referred_on=TODAY - dt.timedelta(days=19))
    services.concern_meeting_add(acting_user=officer, concern=concern, held_on=TODAY - dt.timedelta(days=5),
                                 attendees="Safeguarding lead, social worker, client affairs",
                                 notes="Police informed; council to seek recovery")
    services.concern_close(acting_user=officer, concern=concern, closed_on=TODAY, outcome="Substantiated")
    concern.refresh_from_db()
    assert concern.referred_to == "Adult safeguarding team" and concern.meetings.count() == 1
    assert concern.closed_on == TODAY
    with pytest.raises(ApplicationError, match="already closed"):
        services.concern_close(acting_user=officer, concern=concern, closed_on=TODAY, outcome="Again")


def test_a_concern_referred_before_it_was_raised_is_refused(officer, north_client):
    with pytest.raises(ApplicationError, match="before it was raised"):
        services.concern_raise(acting_user=officer, client=north_client, raised_on=TODAY, raised_by="x",
                               concern="y", referred_to="Police", referred_on=TODAY - dt.timedelta(days=1))
    assert not SafeguardingConcern.objects.exists()


def test_money_recovered_is_a_client_receipt_once(officer, north_client):
    case = services.recovery_open(acting_user=officer, client=north_client, against="J. Smith (nephew)",
                                  description="Cash withdrawals before the order", amount_claimed=Decimal("4800.00"),
                                  opened_on=TODAY - dt.timedelta(days=30))
    first = services.recovery_receipt_record(acting_user=officer, case=case, amount=Decimal("1200.00"),
                                             received_on=TODAY, request_key="abc123def456")
    again = services.recovery_receipt_record(acting_user=officer, case=case, amount=Decimal("1200.00"),
                                             received_on=TODAY, request_key="abc123def456")
    assert first == again and RecoveryReceipt.objects.count() == 1
    receipt = Transaction.objects.get(pk=first.transaction_id)
    assert receipt.category == "compensation" and receipt.kind == "receipt"
    funds = ledger_selectors.client_funds_account(client=north_client)
    assert ledger_selectors.account_balance(account=funds) == Decimal("1200.00")


def test_recovery_needs_the_team_holding_the_case(other_officer, north_client):
    with pytest.raises(PermissionDeniedError):
        services.recovery_open(acting_user=other_officer, client=north_client, against="x", description="y",
                               amount_claimed=Decimal("1"), opened_on=TODAY)


def test_a_closed_recovery_takes_no_more_money(officer, north_client):
    case = services.recovery_open(acting_user=officer, client=north_client, against="x", description="y",
                                  amount_claimed=Decimal("100"), opened_on=TODAY)
    services.recovery_close(acting_user=officer, case=case, closed_on=TODAY, outcome="Written off: no means")
    with pytest.raises(ApplicationError, match="closed"):
        services.recovery_receipt_record(acting_user=officer, case=case, amount=Decimal("5"), received_on=TODAY,
                                         request_key="k1234567")
