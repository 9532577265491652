"""Deferred payment interest, the equity limit and the week the limit is reached: pure calculations.

No database, no I/O, no clock. Every function returns a result that carries its own working, so the
ledger posting, the statement, the page and the what-if API show the same numbers. The conventions
are defined precisely in ``docs/deferred-payment-interest.md``; in short:

Days
    Interest runs for every day from ``start`` to ``end``, **both included** (1 January to 30 June
    2024 is 182 days). A movement dated ``d`` is in the balance for the whole of day ``d``: money
    deferred on a day bears interest from that day.

Day basis
    ``365``: each day's interest is the annual rate / 365, every year (a leap year's 366 days give
    366/365 of a year's interest). ``actual``: the annual rate / 366 for a day in a leap year,
    / 365 otherwise.

Compounding
    ``simple``: each day's interest is on the deferred amounts and fees (less payments) only, never
    on interest. ``daily``: each day's interest is added to the balance at the end of that day.
    ``monthly``: interest accrued in a month is added to the balance at the end of its last day.
    ``six_monthly``: interest is added to the balance at 30 June and 31 December.

Pieces and rounding
    The calculation is split into pieces at every change of rate and at every 30 June and
    31 December (the national rates' six-month periods). Within a piece interest accrues at full
    precision (40 significant digits); at the end of each piece (and at ``end``) the piece's interest
    is rounded half up to the penny (:func:`ledger.money.round_money`) and posted: the rounded
    amount, not the unrounded one, is what the balance carries on with. So a what-if across several
    periods gives exactly what posting each period in turn gives. The total interest is the sum of
    the pieces' rounded interest.

A day with no rate raises :class:`MissingRate` (``.day``): the calculator never guesses a rate.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ledger.money import PENNY, round_money

PRECISION = 40
HUNDRED = Decimal(100)
ZERO = Decimal("0.00")

COMPOUNDINGS = ("simple", "daily", "monthly", "six_monthly")
DAY_BASES = ("365", "actual")
MOVEMENT_KINDS = ("deferral", "fee", "payment", "interest")


@dataclass(frozen=True)
class RatePeriod:
    """An annual rate (per cent, e.g. ``Decimal("4.25")``) in force from ``starts_on`` to ``ends_on`` inclusive."""

    starts_on: dt.date
    ends_on: dt.date
    annual_rate: Decimal


@dataclass(frozen=True)
class Convention:
    """The council's interest convention: ``compounding`` (simple, daily, monthly, six_monthly) and
    ``day_basis`` ("365" or "actual"), the values of ``agreements.choices.Compounding`` / ``DayBasis``."""

    compounding: str
    day_basis: str

    def __post_init__(self):
        if self.compounding not in COMPOUNDINGS:
            raise ValueError(f"Unknown compounding {self.compounding!r}: one of {', '.join(COMPOUNDINGS)}.")
        if self.day_basis not in DAY_BASES:
            raise ValueError(f"Unknown day basis {self.day_basis!r}: one of {', '.join(DAY_BASES)}.")

    def describe(self) -> str:
        how = {"simple": "simple interest", "daily": "compounded daily", "monthly": "compounded monthly",
               "six_monthly": "compounded at 30 June and 31 December"}[self.compounding]
        basis = "days/365" if self.day_basis == "365" else "days/365 or 366 by calendar year"
        return f"{how}, {basis}"


@dataclass(frozen=True)
class Movement:
    """Money into or out of the debt on a day: a deferral, a fee, a payment (negative) or posted interest."""

    on: dt.date
    amount: Decimal
    kind: str

    def __post_init__(self):
        if self.kind not in MOVEMENT_KINDS:
            raise ValueError(f"Unknown movement kind {self.kind!r}: one of {', '.join(MOVEMENT_KINDS)}.")
        if self.kind == "payment" and self.amount > 0:
            raise ValueError("A payment reduces the debt: give it as a negative amount.")


class MissingRate(Exception):
    """No rate covers ``day``: interest cannot be worked out from that day until a rate is entered."""

    def __init__(self, day: dt.date):
        self.day = day
        super().__init__(f"There is no interest rate for {day:%-d %B %Y}.")


@dataclass(frozen=True)
class PeriodInterest:
    """The interest of one piece: one rate, within one six-month period."""

    starts_on: dt.date
    ends_on: dt.date
    annual_rate: Decimal
    days: int
    interest: Decimal
    working: str


@dataclass(frozen=True)
class Accrual:
    opening: Decimal
    closing: Decimal
    interest: Decimal
    periods: list[PeriodInterest]
    lines: list[str]
    deferred: Decimal = ZERO
    fees: Decimal = ZERO
    payments: Decimal = ZERO
    interest_posted_in: Decimal = ZERO  # "interest" movements given in (already posted), not this calculation's


def _fmt(day: dt.date) -> str:
    return f"{day:%-d %b %Y}"


def _money(value: Decimal) -> str:
    return f"£{value:,.2f}"


def _is_half_year_end(day: dt.date) -> bool:
    return (day.month, day.day) in ((6, 30), (12, 31))


def _is_month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _rate_for(day: dt.date, rates: Sequence[RatePeriod]) -> RatePeriod:
    for period in rates:
        if period.starts_on <= day <= period.ends_on:
            return period
    raise MissingRate(day)


def _pieces(start: dt.date, end: dt.date, rates: Sequence[RatePeriod]) -> list[tuple[dt.date, dt.date, RatePeriod]]:
    """[start, end] split at each change of rate and after each 30 June / 31 December."""
    pieces = []
    day = start
    while day <= end:
        period = _rate_for(day, rates)
        half_end = dt.date(day.year, 6, 30) if day.month <= 6 else dt.date(day.year, 12, 31)
        piece_end = min(end, period.ends_on, half_end)
        pieces.append((day, piece_end, period))
        day = piece_end + dt.timedelta(days=1)
    return pieces


class _Balance:
    """The debt day by day, in its parts: what bears interest under the convention, and what does not yet."""

    def __init__(self, *, opening: Decimal, opening_interest: Decimal, convention: Convention):
        self.convention = convention
        self.total = Decimal(opening)  # the debt as posted (pennies)
        # Simple interest never bears interest on interest; every other convention starts with the whole
        # opening balance bearing interest (the opening is a posting point).
        self.base = Decimal(opening) - (Decimal(opening_interest) if convention.compounding == "simple" else 0)
        self.pending = Decimal(0)  # accrued, not yet compounded into the base (full precision)
        self.piece_accrued = Decimal(0)  # accrued in the current piece (full precision)

    def move(self, movement: Movement) -> None:
        self.total += movement.amount
        if movement.kind != "interest" or self.convention.compounding != "simple":
            self.base += movement.amount

    def day(self, day: dt.date, annual_rate: Decimal) -> Decimal:
        basis = 366 if self.convention.day_basis == "actual" and calendar.isleap(day.year) else 365
        interest = max(self.base + (self.pending if self.convention.compounding == "daily" else 0), Decimal(0))
        interest = interest * annual_rate / HUNDRED / basis
        self.piece_accrued += interest
        self.pending += interest
        if self.convention.compounding == "daily":
            self.base += self.pending
            self.pending = Decimal(0)
        elif self.convention.compounding == "monthly" and _is_month_end(day):
            self.base += self.pending
            self.pending = Decimal(0)
        return interest

    def days(self, first: dt.date, last: dt.date, annual_rate: Decimal) -> None:
        """:meth:`day` for each day from ``first`` to ``last`` (one calendar year, no movement between them
        and, under monthly compounding, no month end before ``last``), for every convention but daily: the
        balance bearing interest does not move, so each day's interest is worked once and added day by day,
        exactly as :meth:`day` adds it."""
        basis = 366 if self.convention.day_basis == "actual" and calendar.isleap(first.year) else 365
        interest = max(self.base + 0, Decimal(0)) * annual_rate / HUNDRED / basis
        accrued, pending = self.piece_accrued, self.pending
        for _ in range((last - first).days + 1):
            accrued += interest
            pending += interest
        self.piece_accrued, self.pending = accrued, pending
        if self.convention.compounding == "monthly" and _is_month_end(last):
            self.base += self.pending
            self.pending = Decimal(0)

    def post_piece(self) -> Decimal:
        """Round the piece's interest to the penny and post it; the rounded amount is what carries on."""
        posted = round_money(self.piece_accrued)
        self.total += posted
        compounding = self.convention.compounding
        if compounding == "daily":
            self.base += posted - self.piece_accrued
        elif compounding == "monthly":
            # Whatever of the piece was already compounded is replaced by its share of the rounded figure.
            compounded = self.piece_accrued - self.pending
            self.base += posted - compounded
        elif compounding == "six_monthly":
            self.base += posted
        self.pending = Decimal(0)
        self.piece_accrued = Decimal(0)
        return posted

    def counted(self, *, interest: bool, fees: bool, parts: dict) -> Decimal:
        return parts["deferral"] + parts["payment"] + (parts["fee"] if fees else 0) + (parts["interest"] if interest else 0)


def accrue(*, opening: Decimal, start: dt.date, end: dt.date, movements: Sequence[Movement],
           rates: Sequence[RatePeriod], convention: Convention, opening_interest: Decimal = ZERO) -> Accrual:
    """The interest on a deferred payment debt from ``start`` to ``end`` (both included), the closing balance,
    and its working, piece by piece.

    ``opening`` is the debt at the start of ``start`` (before that day's movements); ``opening_interest``
    is the part of it that is interest already posted, which only simple interest needs (simple interest
    is never charged on interest). ``movements`` must fall within [start, end]."""
    if end < start:
        raise ValueError(f"The end date {_fmt(end)} is before the start date {_fmt(start)}.")
    for movement in movements:
        if not start <= movement.on <= end:
            raise ValueError(f"A {movement.kind} on {_fmt(movement.on)} is outside {_fmt(start)} to {_fmt(end)}.")
    ordered = sorted(movements, key=lambda m: m.on)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.rounding = ROUND_HALF_UP
        pieces = _pieces(start, end, rates)
        balance = _Balance(opening=opening, opening_interest=opening_interest, convention=convention)
        sums = {kind: Decimal(0) for kind in MOVEMENT_KINDS}
        lines = [f"Opening balance on {_fmt(start)}: {_money(Decimal(opening))}",
                 f"Convention: {convention.describe()}; days from the start date to the end date, both included; "
                 "interest rounded half up to the penny at the end of each period."]
        periods: list[PeriodInterest] = []
        index = 0
        for piece_start, piece_end, period in pieces:
            day = piece_start
            rate = Decimal(period.annual_rate)
            while day <= piece_end:
                while index < len(ordered) and ordered[index].on == day:
                    balance.move(ordered[index])
                    sums[ordered[index].kind] += ordered[index].amount
                    index += 1
                if convention.compounding == "daily":
                    balance.day(day, rate)
                    day += dt.timedelta(days=1)
                    continue
                # A run of days on which the interest-bearing balance stands still: up to the day before the
                # next movement, the piece's end, the year's end (the day basis) and, compounding monthly,
                # the month's end.
                last = min(piece_end, dt.date(day.year, 12, 31))
                if index < len(ordered):
                    last = min(last, ordered[index].on - dt.timedelta(days=1))
                if convention.compounding == "monthly":
                    last = min(last, dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1]))
                balance.days(day, last, rate)
                day = last + dt.timedelta(days=1)
            unrounded = balance.piece_accrued
            posted = balance.post_piece()
            days = (piece_end - piece_start).days + 1
            working = (f"{_fmt(piece_start)} to {_fmt(piece_end)}: {days} days at {period.annual_rate}% a year, "
                       f"{convention.describe()}: {unrounded.quantize(Decimal('0.000001'))} rounded to {_money(posted)}")
            periods.append(PeriodInterest(piece_start, piece_end, Decimal(period.annual_rate), days, posted, working))
            lines.append(working)
        interest = sum((p.interest for p in periods), ZERO)
        closing = round_money(balance.total)
        for kind, label in (("deferral", "Deferred"), ("fee", "Fees"), ("payment", "Payments"),
                            ("interest", "Interest posted before")):
            if sums[kind]:
                lines.append(f"{label}: {_money(sums[kind])}")
        lines.append(f"Interest: {_money(interest)}")
        lines.append(f"Closing balance on {_fmt(end)}: {_money(closing)}")
    return Accrual(opening=round_money(opening), closing=closing, interest=interest, periods=periods, lines=lines,
                   deferred=round_money(sums["deferral"]), fees=round_money(sums["fee"]),
                   payments=round_money(sums["payment"]), interest_posted_in=round_money(sums["interest"]))


# --- The equity limit ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EquityLimit:
    limit: Decimal
    share_value: Decimal
    counted_value: Decimal
    lines: list[str] = field(default_factory=list)


def equity_limit(*, value: Decimal, share_percent: Decimal, percent_of_value: Decimal,
                 lower_capital_limit: Decimal) -> EquityLimit:
    """The most the council will defer against the home: the person's share of its value, times
    ``percent_of_value`` (the percentage of the share the council lends against, e.g. 90 for "value less
    10%"), less the lower capital limit; never below nothing. Each step is rounded half up to the penny.

    £200,000 owned outright, 90%, lower capital limit £14,250: £180,000 - £14,250 = £165,750."""
    value, share_percent = Decimal(value), Decimal(share_percent)
    percent_of_value, lower_capital_limit = Decimal(percent_of_value), Decimal(lower_capital_limit)
    if value < 0:
        raise ValueError("The value cannot be negative.")
    if not 0 < share_percent <= 100:
        raise ValueError("The share must be more than 0% and no more than 100%.")
    if not 0 <= percent_of_value <= 100:
        raise ValueError("The percentage of the value must be between 0% and 100%.")
    if lower_capital_limit < 0:
        raise ValueError("The lower capital limit cannot be negative.")
    share_value = round_money(value * share_percent / HUNDRED)
    counted = round_money(share_value * percent_of_value / HUNDRED)
    limit = max(counted - lower_capital_limit, ZERO).quantize(PENNY)
    lines = [f"Value of the home: {_money(value)}",
             f"The person's share, {share_percent.normalize():f}%: {_money(share_value)}",
             f"{percent_of_value.normalize():f}% of the share: {_money(counted)}",
             f"Less the lower capital limit: {_money(lower_capital_limit)}",
             f"Equity limit: {_money(limit)}" + (" (nothing can be deferred)" if limit == 0 else "")]
    return EquityLimit(limit=limit, share_value=share_value, counted_value=counted, lines=lines)


# --- The week the limit is reached --------------------------------------------------------------------


@dataclass(frozen=True)
class LimitWeek:
    """The week (1 = the week starting on ``start``) in which what counts towards the limit reaches it."""

    week: int | None
    week_starts_on: dt.date | None
    reached_on: dt.date | None
    counted_then: Decimal | None
    lines: list[str]


def limit_reached_week(*, opening: Decimal, start: dt.date, weekly_amount: Decimal, equity_limit: Decimal,
                       rates: Sequence[RatePeriod], convention: Convention, interest_counts: bool = True,
                       fees_count: bool = True, fees: Sequence[Movement] = (), opening_interest: Decimal = ZERO,
                       opening_fees: Decimal = ZERO, max_weeks: int = 52 * 40) -> LimitWeek:
    """Defer ``weekly_amount`` on ``start`` and every 7 days after, accruing interest under ``convention``
    (posted at each 30 June / 31 December as :func:`accrue` does), and find the first week in which the
    amount that counts towards the limit reaches ``equity_limit``: deferrals always, interest when
    ``interest_counts``, fees when ``fees_count``. The counted amount is checked at the end of each day.
    ``None`` when it is not reached within ``max_weeks`` (or a rate runs out first: the working says so)."""
    opening, weekly_amount, limit = Decimal(opening), Decimal(weekly_amount), Decimal(equity_limit)
    if weekly_amount < 0:
        raise ValueError("The weekly amount cannot be negative.")
    if limit < 0:
        raise ValueError("The equity limit cannot be negative.")
    lines = [f"Weekly deferral {_money(weekly_amount)} from {_fmt(start)}; equity limit {_money(limit)}",
             "Counts towards the limit: deferred amounts"
             + (", interest" if interest_counts else "") + (", fees" if fees_count else ""),
             f"Interest {convention.describe()}."]
    fee_by_day: dict[dt.date, Decimal] = {}
    for fee in fees:
        fee_by_day[fee.on] = fee_by_day.get(fee.on, Decimal(0)) + fee.amount
    parts = {"deferral": opening - Decimal(opening_interest) - Decimal(opening_fees), "fee": Decimal(opening_fees),
             "interest": Decimal(opening_interest), "payment": Decimal(0)}
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.rounding = ROUND_HALF_UP
        balance = _Balance(opening=opening, opening_interest=opening_interest, convention=convention)
        last = start + dt.timedelta(days=7 * max_weeks - 1)
        day = start
        piece_end = None
        while day <= last:
            try:
                period = _rate_for(day, rates)
            except MissingRate as missing:
                lines.append(f"No rate from {_fmt(missing.day)}: the limit is not reached before then.")
                return LimitWeek(None, None, None, None, lines)
            if piece_end is None:
                half_end = dt.date(day.year, 6, 30) if day.month <= 6 else dt.date(day.year, 12, 31)
                piece_end = min(period.ends_on, half_end)
            if (day - start).days % 7 == 0 and weekly_amount:
                balance.move(Movement(day, weekly_amount, "deferral"))
                parts["deferral"] += weekly_amount
            if day in fee_by_day:
                balance.move(Movement(day, fee_by_day[day], "fee"))
                parts["fee"] += fee_by_day[day]
            balance.day(day, Decimal(period.annual_rate))
            accrued = balance.piece_accrued
            if day == piece_end:
                parts["interest"] += balance.post_piece()
                accrued = Decimal(0)
                piece_end = None
            counted = balance.counted(interest=interest_counts, fees=fees_count, parts=parts)
            if interest_counts:
                counted += accrued
            if counted >= limit:
                week = (day - start).days // 7 + 1
                week_start = start + dt.timedelta(days=7 * (week - 1))
                counted_then = round_money(counted)
                lines.append(f"Reached on {_fmt(day)}, in week {week} (starting {_fmt(week_start)}): "
                             f"{_money(counted_then)} counted against {_money(limit)}; "
                             f"deferred {_money(round_money(parts['deferral']))}")
                return LimitWeek(week, week_start, day, counted_then, lines)
            day += dt.timedelta(days=1)
    lines.append(f"Not reached within {max_weeks} weeks.")
    return LimitWeek(None, None, None, None, lines)


# --- The projected date the limit is reached (an estimate, week by week) ------------------------------


@dataclass(frozen=True)
class Projection:
    reached_on: dt.date | None
    weeks: int | None
    lines: list[str]


def projected_limit_date(*, counted: Decimal, balance: Decimal, interest_so_far: Decimal, weekly_amount: Decimal,
                         equity_limit: Decimal, start: dt.date, annual_rate: Decimal, convention: Convention,
                         interest_counts: bool, max_weeks: int = 52 * 40) -> Projection:
    """When the debt counted towards the limit is projected to reach it, deferring ``weekly_amount`` each week
    from ``start`` at ``annual_rate`` from now on (the last published rate). An estimate for planning, shown
    as such, worked a week at a time (seven days' interest at once, compounded weekly except under simple
    interest, which is on the debt less its interest): the money posted is always :func:`accrue`'s."""
    counted, limit, weekly = Decimal(counted), Decimal(equity_limit), Decimal(weekly_amount)
    lines = [f"From {_fmt(start)}: {_money(weekly)} a week at {Decimal(annual_rate).normalize():f}% a year "
             f"(the last published rate), {convention.describe()}; counted now {_money(counted)} of {_money(limit)}."]
    if counted >= limit:
        lines.append("The limit has been reached.")
        return Projection(start, 0, lines)
    with localcontext() as ctx:
        ctx.prec = 28
        week_rate = Decimal(annual_rate) / HUNDRED * 7 / 365
        bearing = Decimal(balance) - (Decimal(interest_so_far) if convention.compounding == "simple" else 0)
        for week in range(1, max_weeks + 1):
            bearing += weekly
            interest = max(bearing, Decimal(0)) * week_rate
            if convention.compounding != "simple":
                bearing += interest
            counted += weekly + (interest if interest_counts else 0)
            if counted >= limit:
                reached = start + dt.timedelta(days=7 * (week - 1))
                lines.append(f"Projected to reach the limit in the week starting {_fmt(reached)} (week {week}).")
                return Projection(reached, week, lines)
            if not weekly and not (interest_counts and interest > 0):
                break
    lines.append("Not projected to reach the limit" + (f" within {max_weeks} weeks." if weekly else "."))
    return Projection(None, None, lines)
