"""The calculator works a run of days on which the balance stands still at once (every convention but daily
compounding): its figures must be exactly those of working every day in turn."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest

from deferred_payments.interest.calculator import (
    PRECISION,
    Convention,
    Movement,
    RatePeriod,
    _Balance,
    _pieces,
    accrue,
)

RATES = [RatePeriod(dt.date(2023, 7, 1), dt.date(2023, 12, 31), Decimal("3.43")),
         RatePeriod(dt.date(2024, 1, 1), dt.date(2024, 3, 14), Decimal("4.65")),
         RatePeriod(dt.date(2024, 3, 15), dt.date(2024, 12, 31), Decimal("4.05")),
         RatePeriod(dt.date(2025, 1, 1), dt.date(2025, 6, 30), Decimal("4.25"))]
MOVEMENTS = [Movement(dt.date(2023, 11, 30), Decimal("612.40"), "deferral"),
             Movement(dt.date(2024, 1, 31), Decimal("743.10"), "fee"),
             Movement(dt.date(2024, 2, 29), Decimal("612.40"), "deferral"),
             Movement(dt.date(2024, 3, 15), Decimal("-250.00"), "payment"),
             Movement(dt.date(2024, 6, 30), Decimal("57.31"), "interest"),
             Movement(dt.date(2025, 1, 1), Decimal("281.90"), "fee")]


def day_by_day(*, opening, opening_interest, start, end, movements, rates, convention):
    """Every day in turn, through the balance's own one-day step: the pieces' rounded interest."""
    with localcontext() as ctx:
        ctx.prec, ctx.rounding = PRECISION, ROUND_HALF_UP
        balance = _Balance(opening=opening, opening_interest=opening_interest, convention=convention)
        posted = []
        for piece_start, piece_end, period in _pieces(start, end, rates):
            day = piece_start
            while day <= piece_end:
                for movement in movements:
                    if movement.on == day:
                        balance.move(movement)
                balance.day(day, Decimal(period.annual_rate))
                day += dt.timedelta(days=1)
            posted.append(balance.post_piece())
        return posted, balance.total


@pytest.mark.parametrize("compounding", ["simple", "daily", "monthly", "six_monthly"])
@pytest.mark.parametrize("day_basis", ["365", "actual"])
@pytest.mark.parametrize("opening", [Decimal("0.00"), Decimal("48213.77")])
def test_runs_of_days_give_exactly_the_day_by_day_figures(compounding, day_basis, opening):
    convention = Convention(compounding, day_basis)
    start, end = dt.date(2023, 9, 14), dt.date(2025, 5, 3)
    result = accrue(opening=opening, opening_interest=Decimal("1210.55") if opening else Decimal("0.00"),
                    start=start, end=end, movements=MOVEMENTS, rates=RATES, convention=convention)
    expected, total = day_by_day(opening=opening, opening_interest=Decimal("1210.55") if opening else Decimal("0"),
                                 start=start, end=end, movements=MOVEMENTS, rates=RATES, convention=convention)
    assert [p.interest for p in result.periods] == expected
    assert len(expected) == 5  # split at each rate change and half-year end
    assert result.interest == sum(expected)
    assert result.closing == total.quantize(Decimal("0.01"))
