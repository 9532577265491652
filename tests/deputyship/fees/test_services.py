"""Fees charged to the client's funds: once per order, kind and year, capped for low assets, refused
more than a year late without the court's permission, and reversed by a reversing transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.exceptions import ConflictError, PermissionDeniedError
from core.models import JobRun
from deputyship.authority.choices import Action, AuthorityKind
from deputyship.authority.services import court_permission_record
from deputyship.fees.choices import FeeKind, FeeStatus
from deputyship.fees.models import FeeCharge, FeeRate
from deputyship.fees.services import (
    FeeError, fee_charge, fee_rate_add, fee_rates_seed, fee_reverse, fees_charge_run, SEED_RATES,
)
from deputyship.fees.tasks import deputyship_fees_daily
from ledger.choices import MoneyOutCategory, Purpose
from ledger.models import Posting
from ledger.selectors import account_balance, available_funds, council_account
from people.models import Address

pytestmark = pytest.mark.django_db


def income():
    account = council_account(purpose=Purpose.DEPUTYSHIP_FEE_INCOME)
    return account_balance(account=account) if account else Decimal("0.00")


def test_seeded_rates_each_cite_a_source_and_seeding_twice_adds_nothing(administrator):
    assert fee_rates_seed(acting_user=administrator) == len(SEED_RATES)
    assert fee_rates_seed(acting_user=administrator) == 0
    assert FeeRate.objects.get(kind=FeeKind.ORDER_WORK).amount == Decimal("944.00")
    assert FeeRate.objects.get(kind=FeeKind.LOW_ASSET_THRESHOLD).amount == Decimal("20300.00")
    assert all(rate.source for rate in FeeRate.objects.all())
    assert not FeeRate.objects.filter(
        kind__in=[FeeKind.ANNUAL_MANAGEMENT_LATER, FeeKind.LOW_ASSET_CAP_PERCENT]).exists()


def test_only_a_leader_or_administrator_adds_a_rate_and_a_rate_is_never_overwritten(officer, team_leader):
    with pytest.raises(PermissionDeniedError):
        fee_rate_add(acting_user=officer, kind=FeeKind.TRAVEL, amount=Decimal("40"), effective_from=dt.date(2025, 4, 1),
                     source="x")
    fee_rate_add(acting_user=team_leader, kind=FeeKind.TRAVEL, amount=Decimal("40"), effective_from=dt.date(2025, 4, 1),
                 source="Council policy")
    with pytest.raises(ConflictError):
        fee_rate_add(acting_user=team_leader, kind=FeeKind.TRAVEL, amount=Decimal("41"),
                     effective_from=dt.date(2025, 4, 1), source="Council policy")
    with pytest.raises(FeeError):
        fee_rate_add(acting_user=team_leader, kind=FeeKind.LOW_ASSET_CAP_PERCENT, amount=Decimal("101"),
                     effective_from=dt.date(2025, 4, 1), source="x")
    with pytest.raises(FeeError):
        fee_rate_add(acting_user=team_leader, kind=FeeKind.TRAVEL, amount=Decimal("1"),
                     effective_from=dt.date(2025, 5, 1), source="  ")
    assert FeeRate.objects.filter(kind=FeeKind.TRAVEL).count() == 1


def test_the_job_charges_the_order_fee_once_to_the_funds_as_a_deputy_fee(rates, make_order, receive, today, officer):
    order = make_order(200)
    receive("5000.00", order.made_on)
    summary = fees_charge_run(on=today, acting_user=officer)
    assert summary["charged"] == 1
    charge = FeeCharge.objects.get(authority=order)
    assert (charge.kind, charge.year, charge.amount, charge.due_on) == (FeeKind.ORDER_WORK, 0, Decimal("944.00"),
                                                                       order.made_on)
    assert charge.transaction.category == MoneyOutCategory.DEPUTY_FEES
    assert available_funds(client=order.client) == Decimal("4056.00")
    assert income() == Decimal("944.00")
    again = fees_charge_run(on=today, acting_user=officer)
    assert again["charged"] == 0 and again["already"] == 1
    assert FeeCharge.objects.count() == 1 and income() == Decimal("944.00")


def test_first_anniversary_annual_fee_capped_for_low_assets(rates, cap_percent, make_order, receive, today, officer):
    order = make_order(370)
    receive("10000.00", order.made_on + dt.timedelta(days=1))
    fees_charge_run(on=order.made_on + dt.timedelta(days=365), acting_user=officer)
    # Year 0 (£944) charged on the anniversary day too (within its year); year 1 on net assets that day.
    charges = {c.kind: c for c in FeeCharge.objects.filter(authority=order)}
    assert charges[FeeKind.ORDER_WORK].amount == Decimal("944.00")
    annual = charges[FeeKind.ANNUAL_MANAGEMENT_FIRST]
    # Net assets on the anniversary: £10,000 − £944 = £9,056 → 3.5% = £316.96.
    assert annual.amount == Decimal("316.96")
    assert any("capped" in line for line in annual.explanation)


def test_not_enough_money_is_counted_and_charged_later(rates, make_order, receive, today, officer):
    order = make_order(100)
    receive("100.00", order.made_on)
    assert fees_charge_run(on=today - dt.timedelta(days=1), acting_user=officer)["insufficient_funds"] == 1
    assert not FeeCharge.objects.exists()
    receive("2000.00", today)
    assert fees_charge_run(on=today, acting_user=officer)["charged"] == 1


def test_more_than_a_year_late_needs_the_courts_permission(rates, make_order, receive, today, officer):
    order = make_order(400)
    receive("5000.00", order.made_on)
    assert fees_charge_run(on=today, acting_user=officer)["too_late"] == 1
    with pytest.raises(FeeError, match="more than a year ago"):
        fee_charge(acting_user=officer, authority=order, kind=FeeKind.ORDER_WORK, year=0)
    assert not FeeCharge.objects.exists() and available_funds(client=order.client) == Decimal("5000.00")
    permission = court_permission_record(acting_user=officer, authority=order, action=Action.CHARGE_LATE_FEE,
                                         granted_on=today, reference="COP 99/1", details="Charge the order fee late")
    charge = fee_charge(acting_user=officer, authority=order, kind=FeeKind.ORDER_WORK, year=0)
    assert charge.late_permission == permission and charge.amount == Decimal("944.00")


def test_reversal_returns_the_money_and_the_fee_may_be_charged_again(rates, make_order, receive, today, officer):
    order = make_order(30)
    receive("3000.00", order.made_on)
    charge = fee_charge(acting_user=officer, authority=order, kind=FeeKind.ORDER_WORK, year=0)
    with pytest.raises(ConflictError):
        fee_charge(acting_user=officer, authority=order, kind=FeeKind.ORDER_WORK, year=0)
    with pytest.raises(FeeError):
        fee_reverse(acting_user=officer, charge=charge, reason=" ")
    reversed_ = fee_reverse(acting_user=officer, charge=charge, reason="Charged before the order was sealed")
    assert reversed_.status == FeeStatus.REVERSED and reversed_.reversal.reverses_id == charge.transaction_id
    assert available_funds(client=order.client) == Decimal("3000.00") and income() == Decimal("0.00")
    with pytest.raises(ConflictError):
        fee_reverse(acting_user=officer, charge=reversed_, reason="again")
    again = fee_charge(acting_user=officer, authority=order, kind=FeeKind.ORDER_WORK, year=0)
    assert again.transaction.idempotency_key.endswith(":1")
    assert available_funds(client=order.client) == Decimal("2056.00")


def test_manual_fee_needs_its_rate_and_takes_at_most_it(rates, make_order, receive, today, officer, team_leader):
    order = make_order(30)
    receive("3000.00", order.made_on)
    with pytest.raises(FeeError, match="No rate"):
        fee_charge(acting_user=officer, authority=order, kind=FeeKind.TAX_RETURN, year=0)
    fee_rate_add(acting_user=team_leader, kind=FeeKind.TAX_RETURN, amount=Decimal("100.00"),
                 effective_from=dt.date(2024, 4, 1), source="Test figure")
    charge = fee_charge(acting_user=officer, authority=order, kind=FeeKind.TAX_RETURN, year=0, amount=Decimal("150"))
    assert charge.amount == Decimal("100.00")


def test_appointeeship_fee_by_residence(team_leader, make_order, receive, today, officer, north_client):
    for kind, amount in ((FeeKind.APPOINTEESHIP_COMMUNITY, "210.00"), (FeeKind.APPOINTEESHIP_RESIDENTIAL, "72.00")):
        fee_rate_add(acting_user=team_leader, kind=kind, amount=Decimal(amount), effective_from=dt.date(2020, 1, 1),
                     source="Test figure")
    order = make_order(366, kind=AuthorityKind.APPOINTEE)
    receive("500.00", order.made_on)
    Address.objects.create(client=north_client, kind="care_home", line_1="Meadowbank", town="Borchester",
                           postcode="BC1 1AA",
                           start_date=order.made_on)
    fees_charge_run(on=today, acting_user=officer)
    charge = FeeCharge.objects.get(authority=order)
    assert (charge.kind, charge.amount) == (FeeKind.APPOINTEESHIP_RESIDENTIAL, Decimal("72.00"))


def test_a_colleague_in_another_team_cannot_charge_and_nothing_changes(rates, make_order, receive, other_officer):
    order = make_order(30)
    receive("3000.00", order.made_on)
    with pytest.raises(PermissionDeniedError):
        fee_charge(acting_user=other_officer, authority=order, kind=FeeKind.ORDER_WORK, year=0)
    assert not FeeCharge.objects.exists()


def test_the_daily_task_runs_once_per_day_as_the_system_user(rates, make_order, receive, today):
    order = make_order(10)
    receive("2000.00", order.made_on)
    first = deputyship_fees_daily(today.isoformat())
    second = deputyship_fees_daily(today.isoformat())
    assert first["status"] == second["status"] == JobRun.Status.SUCCEEDED
    run = JobRun.objects.get(job="deputyship-fees", period=today.isoformat())
    assert run.attempts == 1 and run.summary["charged"] == 1
    assert FeeCharge.objects.get().charged_by.username != ""
    assert Posting.objects.filter(account__purpose=Purpose.DEPUTYSHIP_FEE_INCOME).count() == 1


def test_a_crash_half_way_then_a_rerun_charges_each_fee_once(rates, make_order, receive, today, officer, north_client):
    order = make_order(10)
    receive("2000.00", order.made_on)
    fee_charge(acting_user=officer, authority=order, kind=FeeKind.ORDER_WORK, year=0)  # made before the crash
    JobRun.objects.create(job="deputyship-fees", period=today.isoformat(), status=JobRun.Status.RUNNING, attempts=1)
    deputyship_fees_daily(today.isoformat())
    assert FeeCharge.objects.filter(authority=order).count() == 1
    assert JobRun.objects.get(job="deputyship-fees", period=today.isoformat()).attempts == 2
