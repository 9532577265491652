"""The legal authority: recording it, ending it, the court's permissions, and ``authority_check`` for
every action, with the authority's dates, limits and permissions at their edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.exceptions import ApplicationError, PermissionDeniedError
from deputyship.authority.choices import Action, AuthorityKind
from deputyship.authority.models import CourtPermission, LegalAuthority
from deputyship.authority.services import (
    AuthorityError, authority_check, authority_end, authority_in_force, authority_record, authority_require,
    court_permission_record,
)
from tests.deputyship.authority.conftest import TODAY

pytestmark = pytest.mark.django_db


def _permission(officer, authority, action, amount=None, days_ago=10):
    return court_permission_record(acting_user=officer, authority=authority, action=action,
                                   granted_on=TODAY - dt.timedelta(days=days_ago), reference=f"COP-{action}-{amount}",
                                   details="The court allows it.", amount=amount)


# --- no authority -------------------------------------------------------------------------------

@pytest.mark.parametrize("action", Action.values)
def test_every_action_is_refused_when_the_council_holds_no_authority(north_client, action):
    decision = authority_check(client=north_client, action=action, amount=Decimal("1.00"))
    assert decision.allowed is False
    assert decision.authority is None
    assert "no legal authority" in decision.reason


def test_an_unknown_action_is_a_programming_error(north_client, deputy_order):
    with pytest.raises(ValueError):
        authority_check(client=north_client, action="buy_a_yacht")


def test_the_check_writes_nothing(north_client, deputy_order, officer):
    _permission(officer, deputy_order, Action.SELL_PROPERTY)
    with CaptureQueriesContext(connection) as queries:
        for action in Action.values:
            authority_check(client=north_client, action=action, amount=Decimal("20000.00"))
    statements = [q["sql"].lstrip().split()[0].upper() for q in queries.captured_queries]
    assert statements and set(statements) == {"SELECT"}


# --- selling property -----------------------------------------------------------------------------

def test_an_appointee_may_never_sell(north_client, appointeeship):
    decision = authority_check(client=north_client, action=Action.SELL_PROPERTY)
    assert not decision.allowed
    assert "appointee acts on benefits only" in decision.reason
    assert decision.authority == appointeeship


def test_a_deputy_without_the_power_of_sale_is_refused(north_client, deputy_order):
    decision = authority_check(client=north_client, action=Action.SELL_PROPERTY)
    assert not decision.allowed
    assert "1234567T does not give authority to sell" in decision.reason


def test_a_deputy_with_the_power_of_sale_may_sell(officer, north_client):
    order = authority_record(acting_user=officer, client=north_client, kind=AuthorityKind.DEPUTY, reference="7654321R",
                             made_on=TODAY - dt.timedelta(days=30), starts_on=TODAY - dt.timedelta(days=30),
                             reason="Order received", may_sell_property=True)
    decision = authority_check(client=north_client, action=Action.SELL_PROPERTY)
    assert decision.allowed and decision.authority == order and decision.permission is None


def test_the_courts_permission_to_sell_allows_a_sale_the_order_does_not(officer, north_client, deputy_order):
    permission = _permission(officer, deputy_order, Action.SELL_PROPERTY)
    decision = authority_check(client=north_client, action=Action.SELL_PROPERTY, amount=Decimal("180000.00"))
    assert decision.allowed and decision.permission == permission
    assert "court gave permission" in decision.reason


def test_a_permission_for_a_different_action_does_not_count(officer, north_client, deputy_order):
    _permission(officer, deputy_order, Action.GIFT)
    assert not authority_check(client=north_client, action=Action.SELL_PROPERTY).allowed


def test_a_permission_with_an_amount_covers_up_to_that_amount_only(officer, north_client, deputy_order):
    _permission(officer, deputy_order, Action.SELL_PROPERTY, amount=Decimal("150000.00"))
    assert authority_check(client=north_client, action=Action.SELL_PROPERTY, amount=Decimal("150000.00")).allowed
    assert not authority_check(client=north_client, action=Action.SELL_PROPERTY, amount=Decimal("150000.01")).allowed


def test_a_permission_on_an_ended_authority_does_not_carry_over(officer, north_client, deputy_order):
    _permission(officer, deputy_order, Action.SELL_PROPERTY)
    authority_end(acting_user=officer, authority=deputy_order, ends_on=TODAY - dt.timedelta(days=2),
                  reason="Order replaced")
    authority_record(acting_user=officer, client=north_client, kind=AuthorityKind.DEPUTY, reference="2222222T",
                     made_on=TODAY - dt.timedelta(days=1), starts_on=TODAY - dt.timedelta(days=1), reason="New order")
    assert not authority_check(client=north_client, action=Action.SELL_PROPERTY).allowed


# --- gifts ------------------------------------------------------------------------------------------

def test_an_appointee_may_not_make_gifts(north_client, appointeeship):
    decision = authority_check(client=north_client, action=Action.GIFT, amount=Decimal("10.00"))
    assert not decision.allowed and "does not allow gifts" in decision.reason


def test_a_deputy_whose_order_allows_no_gifts_is_refused(officer, north_client):
    authority_record(acting_user=officer, client=north_client, kind=AuthorityKind.DEPUTY, reference="3333333T",
                     made_on=TODAY - dt.timedelta(days=30), starts_on=TODAY - dt.timedelta(days=30), reason="Order")
    assert not authority_check(client=north_client, action=Action.GIFT, amount=Decimal("25.00")).allowed


@pytest.mark.parametrize(("so_far", "amount", "allowed"), [
    ("0", "500.00", True),        # exactly the limit
    ("0", "500.01", False),       # a penny over
    ("450.00", "50.00", True),    # the year's gifts reach the limit
    ("450.00", "50.01", False),   # the year's gifts go over it
    ("500.00", "0.01", False),
])
def test_gifts_count_against_the_orders_yearly_limit(north_client, deputy_order, so_far, amount, allowed):
    decision = authority_check(client=north_client, action=Action.GIFT, amount=Decimal(amount),
                               gifts_this_year=Decimal(so_far))
    assert decision.allowed is allowed
    if not allowed:
        assert "£500.00" in decision.reason


def test_the_courts_permission_allows_a_gift_over_the_limit(officer, north_client, deputy_order):
    _permission(officer, deputy_order, Action.GIFT, amount=Decimal("2000.00"))
    decision = authority_check(client=north_client, action=Action.GIFT, amount=Decimal("1500.00"),
                               gifts_this_year=Decimal("400.00"))
    assert decision.allowed and decision.permission is not None


def test_gifts_without_a_limit_are_allowed_at_any_amount(officer, north_client):
    authority_record(acting_user=officer, client=north_client, kind=AuthorityKind.DEPUTY, reference="4444444T",
                     made_on=TODAY - dt.timedelta(days=30), starts_on=TODAY - dt.timedelta(days=30), reason="Order",
                     may_make_gifts=True)
    assert authority_check(client=north_client, action=Action.GIFT, amount=Decimal("9999.00")).allowed


# --- payments ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("amount", "allowed"), [
    (None, True), ("0.01", True), ("10000.00", True), ("10000.01", False)])
def test_a_payment_is_allowed_up_to_the_orders_limit(north_client, deputy_order, amount, allowed):
    decision = authority_check(client=north_client, action=Action.PAYMENT,
                               amount=Decimal(amount) if amount else None)
    assert decision.allowed is allowed
    if not allowed:
        assert "over £10,000.00" in decision.reason


def test_a_large_payment_with_the_courts_permission_is_allowed(officer, north_client, deputy_order):
    _permission(officer, deputy_order, Action.PAYMENT, amount=Decimal("25000.00"))
    assert authority_check(client=north_client, action=Action.PAYMENT, amount=Decimal("24000.00")).allowed
    assert not authority_check(client=north_client, action=Action.PAYMENT, amount=Decimal("25000.01")).allowed


def test_an_appointee_may_make_payments_without_a_limit(north_client, appointeeship):
    assert authority_check(client=north_client, action=Action.PAYMENT, amount=Decimal("50000.00")).allowed


# --- late fees --------------------------------------------------------------------------------------

def test_a_late_fee_needs_the_courts_permission(officer, north_client, deputy_order):
    assert not authority_check(client=north_client, action=Action.CHARGE_LATE_FEE).allowed
    _permission(officer, deputy_order, Action.CHARGE_LATE_FEE)
    assert authority_check(client=north_client, action=Action.CHARGE_LATE_FEE).allowed


# --- dates in and out of force ----------------------------------------------------------------------

def test_an_authority_is_in_force_from_its_start_to_its_end_inclusive(officer, north_client, deputy_order):
    start = deputy_order.starts_on
    assert not authority_check(client=north_client, action=Action.PAYMENT, on=start - dt.timedelta(days=1)).allowed
    assert authority_check(client=north_client, action=Action.PAYMENT, on=start).allowed
    end = TODAY - dt.timedelta(days=5)
    authority_end(acting_user=officer, authority=deputy_order, ends_on=end, reason="Client died")
    assert authority_check(client=north_client, action=Action.PAYMENT, on=end).allowed
    after = authority_check(client=north_client, action=Action.PAYMENT, on=end + dt.timedelta(days=1))
    assert not after.allowed and after.authority is None
    assert not authority_check(client=north_client, action=Action.PAYMENT).allowed


def test_the_authority_in_force_on_a_past_day_is_the_one_then(officer, north_client, deputy_order):
    authority_end(acting_user=officer, authority=deputy_order, ends_on=TODAY - dt.timedelta(days=50),
                  reason="Discharged")
    newer = authority_record(acting_user=officer, client=north_client, kind=AuthorityKind.APPOINTEE, reference="A-1",
                             made_on=TODAY - dt.timedelta(days=20), starts_on=TODAY - dt.timedelta(days=20),
                             reason="Appointeeship")
    assert authority_in_force(client=north_client, on=TODAY - dt.timedelta(days=60)) == deputy_order
    assert authority_in_force(client=north_client, on=TODAY - dt.timedelta(days=30)) is None
    assert authority_in_force(client=north_client) == newer


def test_authority_require_raises_the_checks_reason(north_client, deputy_order):
    with pytest.raises(AuthorityError, match="does not give authority to sell"):
        authority_require(client=north_client, action=Action.SELL_PROPERTY)
    assert authority_require(client=north_client, action=Action.PAYMENT, amount=Decimal("5.00")).allowed


# --- recording, ending, permissions -----------------------------------------------------------------

def test_recording_an_authority_is_audited_with_its_reason(officer, north_client, deputy_order):
    row = LegalAuthority.history.filter(id=deputy_order.pk).latest("history_date")
    assert row.history_change_reason == "Order received"
    assert row.history_user == officer


def test_a_second_authority_in_force_is_refused(officer, north_client, deputy_order):
    with pytest.raises(AuthorityError, match="already has an authority in force"):
        authority_record(acting_user=officer, client=north_client, kind=AuthorityKind.DEPUTY, reference="9",
                         made_on=TODAY, starts_on=TODAY, reason="Again")
    assert LegalAuthority.objects.filter(client=north_client).count() == 1


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"made_on": TODAY + dt.timedelta(days=1), "starts_on": TODAY + dt.timedelta(days=1)}, "future"),
    ({"made_on": TODAY, "starts_on": TODAY - dt.timedelta(days=1)}, "cannot start before"),
    ({"kind": AuthorityKind.APPOINTEE, "may_sell_property": True}, "benefits only"),
    ({"reason": "  "}, "Say why"),
])
def test_bad_authorities_are_refused_and_nothing_is_written(officer, north_client, kwargs, message):
    given = {"kind": AuthorityKind.DEPUTY, "reference": "1", "made_on": TODAY, "starts_on": TODAY, "reason": "Order",
             **kwargs}
    with pytest.raises(ApplicationError, match=message):
        authority_record(acting_user=officer, client=north_client, **given)
    assert not LegalAuthority.objects.exists()


def test_only_the_team_holding_the_case_may_record_an_authority(other_officer, auditor, north_client):
    for user in (other_officer, auditor):
        with pytest.raises(PermissionDeniedError):
            authority_record(acting_user=user, client=north_client, kind=AuthorityKind.DEPUTY, reference="1",
                             made_on=TODAY, starts_on=TODAY, reason="Order")


def test_ending_twice_or_before_the_start_is_refused(officer, deputy_order):
    with pytest.raises(AuthorityError, match="before it started"):
        authority_end(acting_user=officer, authority=deputy_order, ends_on=deputy_order.starts_on - dt.timedelta(days=1),
                      reason="x")
    authority_end(acting_user=officer, authority=deputy_order, ends_on=TODAY, reason="Died")
    with pytest.raises(AuthorityError, match="already ended"):
        authority_end(acting_user=officer, authority=deputy_order, ends_on=TODAY, reason="Again")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"action": "nothing"}, "Choose what"),
    ({"granted_on": TODAY + dt.timedelta(days=1)}, "future"),
    ({"reference": " "}, "court's reference"),
    ({"amount": Decimal("0")}, "more than £0"),
])
def test_bad_permissions_are_refused(officer, deputy_order, kwargs, message):
    given = {"action": Action.SELL_PROPERTY, "granted_on": TODAY, "reference": "COP1", "details": "Sale of home",
             **kwargs}
    with pytest.raises(AuthorityError, match=message):
        court_permission_record(acting_user=officer, authority=deputy_order, **given)
    assert not CourtPermission.objects.exists()
