"""The annual report's figures against a hand-worked example."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from deputyship.returns.calculator import AccountInputs, Item, ReportInputs, report_figures

D = Decimal
START, END = dt.date(2025, 10, 6), dt.date(2026, 10, 5)


def example(**overrides) -> ReportInputs:
    # Hand-worked: opening £1,250.00; in: State Pension 13 × £884.80 = £11,502.40, Attendance Allowance
    # 13 × £290.00 = £3,770.00 (total £15,272.40); out: care charges 13 × £812.40 = £10,561.20, personal
    # allowance 13 × £127.20 = £1,653.60, deputy fees £944.00 + £982.00 = £1,926.00 (total £14,140.80).
    # Closing = 1,250.00 + 15,272.40 − 14,140.80 = £2,381.60.
    account = AccountInputs(
        name="Client account", opening=D("1250.00"), closing=D("2381.60"),
        money_in={"state_pension": D("11502.40"), "attendance_allowance": D("3770.00")},
        money_out={"local_authority_charges": D("10561.20"), "personal_allowance": D("1653.60"),
                   "deputy_fees": D("1926.00")})
    values = {"period_start": START, "period_end": END, "accounts": [account],
              "assets": [Item("Premium Bonds", D("18000.00"))], "debts": [Item("Council tax arrears", D("120.50"))],
              "fees": [Item("Work up to the order", D("944.00")), Item("Annual management, first year", D("982.00"))]}
    values.update(overrides)
    return ReportInputs(**values)


def test_hand_worked_example_balances_and_takes_the_full_form():
    figures = report_figures(example())
    assert (figures.total_in, figures.total_out) == (D("15272.40"), D("14140.80"))
    assert figures.accounts[0].expected_closing == D("2381.60") and figures.difference == D("0.00")
    assert figures.balances and figures.may_be_ready
    # Assets: £2,381.60 held + £18,000 bonds = £20,381.60, below £21,000: the short report.
    assert figures.total_assets == D("20381.60") and figures.form == "103"
    assert figures.total_debts == D("120.50") and figures.total_fees == D("1926.00")
    assert [line.code for line in figures.money_out] == ["local_authority_charges", "personal_allowance", "deputy_fees"]
    assert any("balance check" in line.lower() for line in figures.lines)
    data = figures.as_data()
    assert data["total_in"] == "15272.40" and data["form"] == "103"


def test_twenty_one_thousand_takes_the_full_report():
    figures = report_figures(example(assets=[Item("Premium Bonds", D("18618.40"))]))
    assert figures.total_assets == D("21000.00") and figures.form == "102"


def test_an_uncategorised_movement_is_a_difference_until_explained():
    account = AccountInputs(name="Client account", opening=D("100.00"), closing=D("75.00"),
                            money_in={"refunds": D("10.00")}, money_out={"food": D("20.00")}, uncategorised=D("-15.00"))
    figures = report_figures(example(accounts=[account], assets=[]))
    assert figures.accounts[0].expected_closing == D("90.00") and figures.difference == D("-15.00")
    assert not figures.may_be_ready and "not yet explained" in figures.lines[-2]
    explained = report_figures(example(accounts=[account], assets=[], difference_note="Bank charge, not categorised"))
    assert explained.difference_explained and explained.may_be_ready and not explained.balances
