"""The charging calculator alone: assessments a second in one process (target: 5,000 or more).

Run: ``.venv/bin/python bench/bench_calculator.py [--people 2000] [--repeats 5]``. No database and no
Django: the calculator is pure, so this times exactly the sum an April re-run does for each person.
It builds a varied caseload (residential and non-residential, capital either side of the limits,
joint savings, homes under the 12-week disregard, several income types, housing costs, DRE,
premiums, couples compared jointly) with the 2024/25 figures, then prints one table: the median of
``--repeats`` runs of the whole caseload, as assessments a second, with and without serialising each
result to JSON (``to_dict`` + ``json.dumps``), as the service will when it stores a result.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time
from decimal import Decimal

import _common  # noqa: F401  (puts the project on sys.path)

from charging.assessments.calculator import (
    AssessmentInput,
    CapitalItem,
    CapitalKind,
    CoupleInfo,
    Expense,
    IncomeItem,
    IncomeKind,
    Premiums,
    PropertyDisregardFacts,
    Rates,
    Setting,
    assess,
)

TARGET = 5_000
ON = dt.date(2024, 6, 3)
RATES = Rates.from_amounts(ON, {
    "UCL": "23250.00", "LCL": "14250.00", "TARIFF_STEP": "250.00", "PEA": "30.15",
    "SAVINGS_CREDIT_DISREGARD_SINGLE": "6.95", "SAVINGS_CREDIT_DISREGARD_COUPLE": "10.40",
    "MIG_SINGLE_18_24": "87.65", "MIG_SINGLE_25_TO_PCA": "110.60", "MIG_SINGLE_PCA": "228.70",
    "MIG_COUPLE_PCA": "174.60", "MIG_COUPLE_18_PLUS": "86.90", "MIG_CARER_PREMIUM": "52.35",
    "MIG_DEPENDENT_CHILD": "101.25", "MIG_DISABILITY_PREMIUM_SINGLE": "48.80",
    "MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE": "23.85", "MIG_DISABILITY_PREMIUM_COUPLE": "34.65",
    "MIG_ENHANCED_DISABILITY_PREMIUM_COUPLE": "17.10", "WAR_WIDOW_DISREGARD": "10.00",
    "AA_HIGHER": "108.55", "AA_LOWER": "72.65", "DRE_FLAT": "10.85", "MIN_CHARGE": "1.25",
}, source="charging.md 2024/25 (benchmark)")


def money(rng: random.Random, high: int) -> Decimal:
    return Decimal(rng.randint(0, high * 100)) / 100


def caseload(people: int, seed: int = 20240603) -> list[AssessmentInput]:
    rng = random.Random(seed)
    kinds = list(IncomeKind)
    kinds.remove(IncomeKind.OTHER_DISREGARDED)
    result = []
    for _ in range(people):
        residential = rng.random() < 0.4
        pca = rng.random() < 0.6
        born = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 70))
        if ON.year - born.year < 19:
            born = dt.date(1990, 1, 1)
        capital = [CapitalItem("Current account", money(rng, 3000)),
                   CapitalItem("Savings", money(rng, 30000), joint_owners=rng.choice((1, 1, 2)))]
        facts = PropertyDisregardFacts()
        if rng.random() < 0.3:
            capital.append(CapitalItem("Home", money(rng, 300000), kind=CapitalKind.MAIN_HOME))
            facts = PropertyDisregardFacts(admission_date=ON - dt.timedelta(days=rng.randint(0, 150)))
        income = tuple(IncomeItem(rng.choice(kinds), money(rng, 250)) for _ in range(rng.randint(1, 5)))
        couple = None
        if not residential and rng.random() < 0.2:
            couple = CoupleInfo(partner_pension_credit_age=pca, partner_income=(
                IncomeItem(IncomeKind.STATE_PENSION, money(rng, 250)),), compare_joint=True)
        result.append(AssessmentInput(
            setting=Setting.RESIDENTIAL if residential else Setting.NON_RESIDENTIAL,
            assessment_date=ON, date_of_birth=born, pension_credit_age=pca,
            weekly_cost_of_care=money(rng, 1500), capital=tuple(capital), property_disregard=facts,
            income=income, night_care_provided=rng.random() < 0.3,
            housing_costs=() if residential else (Expense("Rent (net)", money(rng, 40)),
                                                  Expense("Council tax", money(rng, 15))),
            dre_items=() if residential else (Expense("Laundry", money(rng, 10)),),
            dre_flat_rate=rng.random() < 0.3,
            premiums=Premiums(disability=not pca and rng.random() < 0.3, carer=rng.random() < 0.1,
                              dependent_children=rng.choice((0, 0, 0, 1, 2))),
            couple=couple,
        ))
    return result


def rate(inputs, *, serialise: bool, repeats: int) -> tuple[float, float]:
    """Median and best assessments a second over ``repeats`` runs of the whole caseload."""
    speeds = []
    for _ in range(repeats):
        start = time.perf_counter()
        for inp in inputs:
            result = assess(inp, RATES)
            if serialise:
                json.dumps(result.to_dict())
        speeds.append(len(inputs) / (time.perf_counter() - start))
    return statistics.median(speeds), max(speeds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    everyone = caseload(args.people)
    groups = {
        "all": everyone,
        "residential": [i for i in everyone if i.setting == Setting.RESIDENTIAL],
        "non-residential": [i for i in everyone if i.setting == Setting.NON_RESIDENTIAL and i.couple is None],
        "couples (joint)": [i for i in everyone if i.couple is not None],
    }
    for inp in everyone[:50]:  # warm up
        assess(inp, RATES)
    print(f"Charging calculator, one process, {args.people:,} people, median of {args.repeats} runs "
          f"(target {TARGET:,}/s)")
    print(f"{'caseload':<18} {'people':>7} {'assess/s':>10} {'best/s':>10} {'+JSON/s':>10} {'ok':>4}")
    for label, inputs in groups.items():
        median, best = rate(inputs, serialise=False, repeats=args.repeats)
        with_json, _ = rate(inputs, serialise=True, repeats=args.repeats)
        ok = "yes" if median >= TARGET else "NO"
        print(f"{label:<18} {len(inputs):>7,} {median:>10,.0f} {best:>10,.0f} {with_json:>10,.0f} {ok:>4}")


if __name__ == "__main__":
    main()
