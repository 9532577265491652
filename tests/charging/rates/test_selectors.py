"""rates_in_force: the seeded table, and what is in force on a day."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from charging.assessments.calculator import (
    AssessmentInput,
    CapitalItem,
    IncomeItem,
    IncomeKind,
    MissingRate,
    Premiums,
    Setting,
    assess,
)
from charging.models import Rate
from charging.rates.codes import RATE_CODES
from charging.selectors import rates_in_force
from charging.services import rate_add

pytestmark = pytest.mark.django_db
D = Decimal
FIXTURE = Path(__file__).resolve().parents[3] / "charging" / "fixtures" / "rates.json"
YEARS = {2023: dt.date(2023, 4, 10), 2024: dt.date(2024, 4, 8), 2025: dt.date(2025, 4, 7), 2026: dt.date(2026, 4, 6)}


@pytest.mark.parametrize("year, pea", [(2023, "28.25"), (2024, "30.15"), (2025, "30.65"), (2026, "31.80")])
def test_each_years_pea_and_capital_limits_are_seeded(year, pea):
    rates = rates_in_force(YEARS[year] + dt.timedelta(days=30))
    assert rates.get("PEA").amount == D(pea)
    assert rates.get("UCL").amount == D("23250.00")
    assert rates.get("LCL").amount == D("14250.00")
    assert rates.get("TARIFF_STEP").amount == D("250.00")


@pytest.mark.parametrize("year, values", [
    (2023, ("82.15", "103.65", "214.35")), (2024, ("87.65", "110.60", "228.70")),
    (2025, ("89.15", "112.50", "232.60")), (2026, ("95.40", "120.40", "241.45")),
])
def test_each_years_single_mig_is_seeded(year, values):
    rates = rates_in_force(YEARS[year])
    codes = ("MIG_SINGLE_18_24", "MIG_SINGLE_25_TO_PCA", "MIG_SINGLE_PCA")
    assert tuple(str(rates.get(code).amount) for code in codes) == values


def test_the_day_before_uprating_has_last_years_figure():
    assert rates_in_force(dt.date(2024, 4, 7)).get("PEA").amount == D("28.25")
    assert rates_in_force(dt.date(2024, 4, 8)).get("PEA").amount == D("30.15")


def test_unconfirmed_figures_are_missing_not_carried_forward():
    rates = rates_in_force(dt.date(2025, 6, 1))
    assert rates.optional("SAVINGS_CREDIT_DISREGARD_SINGLE") is None
    assert rates.optional("MIG_CARER_PREMIUM") is None
    assert rates_in_force(dt.date(2024, 6, 1)).get("MIG_CARER_PREMIUM").amount == D("52.35")
    assert rates_in_force(dt.date(2026, 6, 1)).optional("MIG_COUPLE_PCA") is None
    assert rates_in_force(dt.date(2026, 6, 1)).optional("MIG_DISABILITY_PREMIUM_SINGLE") is None
    # Attendance Allowance 2026/27 is published (gov.uk), so it is there.
    assert rates_in_force(dt.date(2026, 6, 1)).get("AA_HIGHER").amount == D("114.60")


def test_every_seeded_figure_has_its_source():
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert Rate.objects.count() >= len(rows)
    for row in rows:
        rate = Rate.objects.get(code=row["code"], effective_from=row["effective_from"])
        assert rate.source == row["source"] and rate.source
        assert rate.value == D(row["value"])
        assert row["unit"] == RATE_CODES[row["code"]].unit
    assert Rate.objects.get(code="PEA", effective_from="2024-04-08").source == "council schedules quoting LAC"
    assert Rate.history.filter(history_change_reason="Seeded from charging/fixtures/rates.json").count() == len(rows)


def test_percentages_keep_their_places():
    assert rates_in_force(dt.date(2024, 8, 1)).get("DPA_MAX_INTEREST").amount == D("4.05")
    assert rates_in_force(dt.date(2025, 8, 1)).optional("DPA_MAX_INTEREST") is None


def test_deputyship_fees_2017_and_2024():
    assert rates_in_force(dt.date(2020, 1, 1)).get("DEPUTY_FEE_ORDER").amount == D("745.00")
    on_2024 = rates_in_force(dt.date(2024, 5, 1))
    assert on_2024.get("DEPUTY_FEE_ORDER").amount == D("944.00")
    assert on_2024.optional("DEPUTY_FEE_ANNUAL_YEAR_2_ON") is None  # 2024 figure not yet entered


def test_lambeth_example_from_the_seeded_rates():
    on = dt.date(2024, 6, 1)
    inp = AssessmentInput(
        setting=Setting.RESIDENTIAL, assessment_date=on, date_of_birth=dt.date(1953, 1, 1),
        pension_credit_age=True, weekly_cost_of_care=D("800.00"), capital=(CapitalItem("Savings", D("15250.00")),),
        income=(IncomeItem(IncomeKind.STATE_PENSION, D("130.00")), IncomeItem(IncomeKind.OTHER, D("40.00"))),
    )
    result = assess(inp, rates_in_force(on))
    assert result.weekly_charge == D("143.85")
    assert result.rates_used["PEA"].source == "council schedules quoting LAC"


def test_a_missing_seeded_rate_is_named(charging_leader):
    inp = AssessmentInput(
        setting=Setting.NON_RESIDENTIAL, assessment_date=dt.date(2026, 4, 6), date_of_birth=dt.date(1950, 1, 1),
        pension_credit_age=True, weekly_cost_of_care=D("100.00"), couple=None,
    )
    with pytest.raises(MissingRate, match=r"No rate in force on 6 April 2026 for: Carer premium \(MIG_CARER_PREMIUM\)"):
        assess(_with(inp, premiums=Premiums(carer=True)), rates_in_force(dt.date(2026, 4, 6)))
    rate_add(acting_user=charging_leader, code="MIG_CARER_PREMIUM", amount="55.00", effective_from=dt.date(2026, 4, 6),
             source="DHSC LAC 2026", reason="April uprating")
    assert assess(_with(inp, premiums=Premiums(carer=True)), rates_in_force(dt.date(2026, 4, 6))).allowances == \
        D("241.45") + D("55.00")


def _with(inp, **changes):
    return AssessmentInput(**{**{f: getattr(inp, f) for f in inp.__dataclass_fields__}, **changes})


def test_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        rates_in_force(dt.date(2024, 6, 1))
