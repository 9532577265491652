"""Invariants of the calculator, for any inputs hypothesis can think of."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from charging.assessments.calculator import CapitalItem, Expense, IncomeItem, IncomeKind, Premiums, assess
from tests.charging.helpers import D, person, rates, resident

RATES = rates()
pence = st.integers(min_value=0, max_value=100_000_00).map(lambda p: Decimal(p) / 100)
weekly = st.integers(min_value=0, max_value=600_00).map(lambda p: Decimal(p) / 100)
counted_kinds = st.sampled_from([IncomeKind.STATE_PENSION, IncomeKind.ESA, IncomeKind.OCCUPATIONAL_PENSION,
                                 IncomeKind.AA_HIGHER, IncomeKind.WAR_WIDOWS_PENSION, IncomeKind.OTHER,
                                 IncomeKind.PIP_DAILY_LIVING_ENHANCED, IncomeKind.SAVINGS_CREDIT])
incomes = st.lists(st.builds(IncomeItem, counted_kinds, weekly), max_size=4).map(tuple)
expenses = st.lists(st.builds(Expense, st.just("cost"), st.integers(0, 50_00).map(lambda p: Decimal(p) / 100)),
                    max_size=3).map(tuple)


@st.composite
def inputs(draw, capital=None):
    make = draw(st.sampled_from([person, resident]))
    fields = dict(
        capital=(CapitalItem("Savings", draw(pence) if capital is None else capital),),
        income=draw(incomes),
        weekly_cost_of_care=draw(st.integers(0, 2000_00).map(lambda p: Decimal(p) / 100)),
        night_care_provided=draw(st.booleans()),
    )
    if make is person:
        fields.update(housing_costs=draw(expenses), dre_items=draw(expenses),
                      premiums=Premiums(carer=draw(st.booleans()), dependent_children=draw(st.integers(0, 2))))
    return make(**fields)


@settings(max_examples=300, deadline=None)
@given(inp=inputs(), more=pence)
def test_more_capital_never_lowers_the_charge(inp, more):
    item = inp.capital[0]
    richer = inp.__class__(**{**{f: getattr(inp, f) for f in inp.__dataclass_fields__},
                              "capital": (CapitalItem(item.description, item.value + more),)})
    assert assess(richer, RATES).weekly_charge >= assess(inp, RATES).weekly_charge


@settings(max_examples=300, deadline=None)
@given(inp=inputs())
def test_charge_never_negative_nor_above_the_cost_of_care(inp):
    result = assess(inp, RATES)
    assert D("0.00") <= result.weekly_charge <= inp.weekly_cost_of_care
    assert result.weekly_charge + result.council_share == inp.weekly_cost_of_care
    assert result.weekly_charge == result.weekly_charge.quantize(D("0.01"))


@settings(max_examples=200, deadline=None)
@given(slices=st.integers(min_value=0, max_value=35), into=st.integers(min_value=1, max_value=25000))
def test_tariff_steps_exactly_at_each_250_boundary(slices, into):
    boundary = D("14250.00") + 250 * slices
    at = assess(resident(capital=(CapitalItem("Savings", boundary),)), RATES).tariff_income
    assert at == D(slices)
    past = boundary + Decimal(into) / 100  # a penny to £250 past the boundary: one more slice
    assert assess(resident(capital=(CapitalItem("Savings", past),)), RATES).tariff_income == D(slices + 1)


@settings(max_examples=300, deadline=None)
@given(inp=inputs(), amount=weekly, kind=st.sampled_from([
    IncomeKind.EARNINGS, IncomeKind.PIP_MOBILITY_STANDARD, IncomeKind.PIP_MOBILITY_ENHANCED,
    IncomeKind.DLA_MOBILITY_LOW, IncomeKind.DLA_MOBILITY_HIGH, IncomeKind.HOUSING_BENEFIT,
    IncomeKind.COUNCIL_TAX_REDUCTION, IncomeKind.CHILD_BENEFIT,
]))
def test_a_disregarded_income_never_changes_the_result(inp, amount, kind):
    fields = {f: getattr(inp, f) for f in inp.__dataclass_fields__}
    fields["income"] = inp.income + (IncomeItem(kind, amount),)
    with_it = assess(inp.__class__(**fields), RATES)
    without = assess(inp, RATES)
    assert with_it.weekly_charge == without.weekly_charge
    assert with_it.assessed_income == without.assessed_income
