"""The fee calculator against hand-worked figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from deputyship.fees.calculator import (
    Rate, RateTable, anniversary, appointee_fees_due, deputy_fees_due, opg_fee, opg_supervision_level,
)
from deputyship.fees.choices import FeeKind

APRIL_2024 = dt.date(2024, 4, 1)
TABLE = RateTable([
    Rate(FeeKind.ORDER_WORK, Decimal("745.00"), dt.date(2017, 4, 1), "PD 19B 2017"),
    Rate(FeeKind.ORDER_WORK, Decimal("944.00"), APRIL_2024, "PD 19B 2024"),
    Rate(FeeKind.ANNUAL_MANAGEMENT_FIRST, Decimal("982.00"), APRIL_2024, "PD 19B 2024"),
    Rate(FeeKind.LOW_ASSET_THRESHOLD, Decimal("20300.00"), APRIL_2024, "OPG guidance"),
    Rate(FeeKind.LOW_ASSET_CAP_PERCENT, Decimal("3.50"), APRIL_2024, "test"),
    Rate(FeeKind.OPG_GENERAL_SUPERVISION, Decimal("320.00"), dt.date(2016, 4, 1), "OPG"),
    Rate(FeeKind.OPG_MINIMAL_SUPERVISION, Decimal("35.00"), dt.date(2016, 4, 1), "OPG"),
    Rate(FeeKind.OPG_REMISSION_INCOME, Decimal("12000.00"), dt.date(2016, 4, 1), "OPG"),
    Rate(FeeKind.APPOINTEESHIP_COMMUNITY, Decimal("210.00"), APRIL_2024, "test"),
    Rate(FeeKind.APPOINTEESHIP_RESIDENTIAL, Decimal("72.00"), APRIL_2024, "test"),
])


def test_the_rate_in_force_on_the_day_the_fee_falls_due():
    [before] = deputy_fees_due(made_on=dt.date(2024, 3, 31), year=0, net_assets=Decimal("0"), rates=TABLE)
    [after] = deputy_fees_due(made_on=dt.date(2024, 4, 1), year=0, net_assets=Decimal("0"), rates=TABLE)
    assert (before.amount, after.amount) == (Decimal("745.00"), Decimal("944.00"))
    assert "PD 19B 2024" in after.lines[0]


def test_first_year_management_fee_on_the_anniversary_without_a_cap_above_the_threshold():
    [due] = deputy_fees_due(made_on=dt.date(2025, 2, 10), year=1, net_assets=Decimal("20300.00"), rates=TABLE)
    assert (due.kind, due.due_on, due.amount) == (FeeKind.ANNUAL_MANAGEMENT_FIRST, dt.date(2026, 2, 10),
                                                  Decimal("982.00"))
    assert "not below" in due.lines[-1]


def test_low_asset_cap_hand_worked():
    # £8,123.45 × 3.5% = £284.32075 → £284.32, less than £982: the fee is capped.
    [due] = deputy_fees_due(made_on=dt.date(2025, 2, 10), year=1, net_assets=Decimal("8123.45"), rates=TABLE)
    assert due.amount == Decimal("284.32")
    assert "capped at 3.50%" in due.lines[-1]


def test_cap_above_the_fee_leaves_the_fee():
    # £20,299 × 3.5% = £710.47 < £982 -> capped; a fee of £500 would stand: check with a cheaper year-1 rate.
    table = RateTable([*TABLE._by_kind[FeeKind.LOW_ASSET_THRESHOLD], *TABLE._by_kind[FeeKind.LOW_ASSET_CAP_PERCENT],
                       Rate(FeeKind.ANNUAL_MANAGEMENT_FIRST, Decimal("500.00"), APRIL_2024, "t")])
    [due] = deputy_fees_due(made_on=dt.date(2025, 2, 10), year=1, net_assets=Decimal("20299.00"), rates=table)
    assert due.amount == Decimal("500.00")


def test_a_missing_rate_is_never_guessed():
    [later] = deputy_fees_due(made_on=dt.date(2024, 5, 1), year=2, net_assets=Decimal("50000"), rates=TABLE)
    assert later.kind == FeeKind.ANNUAL_MANAGEMENT_LATER and later.amount is None
    no_percent = RateTable([r for rates in TABLE._by_kind.values() for r in rates
                            if r.kind != FeeKind.LOW_ASSET_CAP_PERCENT])
    [capped] = deputy_fees_due(made_on=dt.date(2025, 2, 10), year=1, net_assets=Decimal("100"), rates=no_percent)
    assert capped.amount is None and "percentage is not in the rate table" in capped.lines[-1]


def test_leap_day_anniversary_and_appointeeship_by_where_they_live():
    assert anniversary(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    [home] = appointee_fees_due(made_on=dt.date(2025, 1, 5), year=1, in_care_home=False, rates=TABLE)
    [care] = appointee_fees_due(made_on=dt.date(2025, 1, 5), year=1, in_care_home=True, rates=TABLE)
    assert (home.amount, care.amount) == (Decimal("210.00"), Decimal("72.00"))
    assert appointee_fees_due(made_on=dt.date(2025, 1, 5), year=0, in_care_home=True, rates=TABLE) == []


def test_opg_fees_exemption_remission_and_no_remission_for_minimal():
    day = dt.date(2026, 3, 31)
    assert opg_fee(kind=FeeKind.OPG_GENERAL_SUPERVISION, on=day, rates=TABLE, exempt_benefit=True,
                   yearly_income=None).amount == Decimal("0.00")
    assert opg_fee(kind=FeeKind.OPG_GENERAL_SUPERVISION, on=day, rates=TABLE, exempt_benefit=False,
                   yearly_income=Decimal("11999.99")).amount == Decimal("160.00")
    assert opg_fee(kind=FeeKind.OPG_GENERAL_SUPERVISION, on=day, rates=TABLE, exempt_benefit=False,
                   yearly_income=Decimal("12000.00")).amount == Decimal("320.00")
    assert opg_fee(kind=FeeKind.OPG_MINIMAL_SUPERVISION, on=day, rates=TABLE, exempt_benefit=False,
                   yearly_income=Decimal("5000")).amount == Decimal("35.00")
    assert opg_supervision_level(assets=Decimal("20999.99"), minimal_below=Decimal("21000")) == "minimal"
    assert opg_supervision_level(assets=Decimal("21000"), minimal_below=Decimal("21000")) == "general"
