"""Working out deputyship and appointeeship fees: pure, no database.

:func:`fees_due_for_year` says which scheduled fees fall due for an order in a year of it, how much each
is and why, line by line, from the rates in force on the day each falls due. :func:`opg_fee` works out
the Office of the Public Guardian's supervision fee after any exemption or remission.

The rules (sources in ``docs/court-returns-and-fees.md`` and the seeded rates):

- Practice Direction 19B fixed costs are charged on the anniversary of the order (the work up to the
  order, year 0, on the order's date); the first year's annual management fee differs from later years'.
- Where the client's net assets on the anniversary are below the low-asset threshold, the annual
  management fee is at most the low-asset percentage of the net assets.
- A rate that is not in the table is not guessed: the fee is reported as not worked out, and not charged.
- OPG fees: an exemption (a qualifying means-tested benefit) means no fee; a remission (yearly income
  below the remission threshold) halves it, except the minimal supervision fee, which has no remission.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from deputyship.fees.choices import FeeKind, OpgSupervision

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def pounds(value: Decimal) -> str:
    return f"£{value:,.2f}"


@dataclass(frozen=True)
class Rate:
    kind: str
    amount: Decimal
    effective_from: dt.date
    source: str


class RateTable:
    """The rates, effective-dated: :meth:`on` gives the one in force on a day, or ``None``."""

    def __init__(self, rates: list[Rate]):
        self._by_kind: dict[str, list[Rate]] = {}
        for rate in sorted(rates, key=lambda r: r.effective_from):
            self._by_kind.setdefault(rate.kind, []).append(rate)

    def on(self, kind: str, day: dt.date) -> Rate | None:
        found = None
        for rate in self._by_kind.get(kind, []):
            if rate.effective_from <= day:
                found = rate
        return found


@dataclass(frozen=True)
class FeeDue:
    """One fee for one year of an order: ``amount`` is ``None`` when it cannot be worked out (a rate is
    missing), with ``lines`` saying why."""

    kind: str
    year: int
    due_on: dt.date
    amount: Decimal | None
    lines: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return FeeKind(self.kind).label


def anniversary(made_on: dt.date, year: int) -> dt.date:
    """The order's ``year``-th anniversary (29 February falls on 28 February in other years)."""
    try:
        return made_on.replace(year=made_on.year + year)
    except ValueError:
        return made_on.replace(year=made_on.year + year, day=28)


def _cap(fee: Decimal, *, net_assets: Decimal, rates: RateTable, on: dt.date, lines: list[str]) -> Decimal | None:
    threshold = rates.on(FeeKind.LOW_ASSET_THRESHOLD, on)
    if threshold is None:
        lines.append("The low-asset threshold is not in the rate table, so whether the cap applies cannot be "
                     "worked out: a team leader must enter it.")
        return None
    if net_assets >= threshold.amount:
        lines.append(f"Net assets on the anniversary, {pounds(net_assets)}, are not below the low-asset threshold of "
                     f"{pounds(threshold.amount)}: no cap.")
        return fee
    percent = rates.on(FeeKind.LOW_ASSET_CAP_PERCENT, on)
    if percent is None:
        lines.append(f"Net assets of {pounds(net_assets)} are below the low-asset threshold of "
                     f"{pounds(threshold.amount)}, but the cap's percentage is not in the rate table: a team leader "
                     "must enter it before this fee can be charged.")
        return None
    cap = money(max(net_assets, ZERO) * percent.amount / Decimal("100"))
    if cap < fee:
        lines.append(f"Net assets of {pounds(net_assets)} are below {pounds(threshold.amount)}, so the fee is capped "
                     f"at {percent.amount}% of them: {pounds(cap)}.")
        return cap
    lines.append(f"Net assets of {pounds(net_assets)} are below {pounds(threshold.amount)}; {percent.amount}% of "
                 f"them is {pounds(cap)}, not less than the fee, so the fee stands.")
    return fee


def _rate(kind: str, year: int, due_on: dt.date, rates: RateTable) -> tuple[Rate | None, list[str]]:
    rate = rates.on(kind, due_on)
    if rate is None:
        return None, [f"No rate for “{FeeKind(kind).label}” is in force on {due_on:%d %B %Y}: a team leader must "
                      "enter it in the rate table."]
    return rate, [f"{FeeKind(kind).label}: {pounds(rate.amount)} from {rate.effective_from:%d %B %Y} "
                  f"({rate.source})."]


def deputy_fees_due(*, made_on: dt.date, year: int, net_assets: Decimal, rates: RateTable) -> list[FeeDue]:
    """The Practice Direction 19B fees due for ``year`` of a deputyship order made on ``made_on``: year 0 is
    the work up to the order, due on its date; each later year the annual management fee, due on the
    anniversary, capped by the low-asset rule on ``net_assets`` (the client's net assets that day)."""
    if year == 0:
        rate, lines = _rate(FeeKind.ORDER_WORK, 0, made_on, rates)
        return [FeeDue(FeeKind.ORDER_WORK, 0, made_on, rate.amount if rate else None, lines)]
    due_on = anniversary(made_on, year)
    kind = FeeKind.ANNUAL_MANAGEMENT_FIRST if year == 1 else FeeKind.ANNUAL_MANAGEMENT_LATER
    rate, lines = _rate(kind, year, due_on, rates)
    if rate is None:
        return [FeeDue(kind, year, due_on, None, lines)]
    amount = _cap(rate.amount, net_assets=net_assets, rates=rates, on=due_on, lines=lines)
    if amount is not None and amount <= 0:
        lines.append("Nothing to charge.")
    return [FeeDue(kind, year, due_on, amount, lines)]


def appointee_fees_due(*, made_on: dt.date, year: int, in_care_home: bool, rates: RateTable) -> list[FeeDue]:
    """The council's appointeeship fee for ``year`` (from 1), due on the appointeeship's anniversary: the
    residential rate for someone living in a care home, the community rate otherwise."""
    if year == 0:
        return []
    due_on = anniversary(made_on, year)
    kind = FeeKind.APPOINTEESHIP_RESIDENTIAL if in_care_home else FeeKind.APPOINTEESHIP_COMMUNITY
    rate, lines = _rate(kind, year, due_on, rates)
    lines.append("Lives in a care home on the anniversary." if in_care_home else "Lives in the community on the "
                                                                                  "anniversary.")
    return [FeeDue(kind, year, due_on, rate.amount if rate else None, lines)]


@dataclass(frozen=True)
class OpgFee:
    kind: str
    full: Decimal | None
    amount: Decimal | None
    lines: list[str]


def opg_fee(*, kind: str, on: dt.date, rates: RateTable, exempt_benefit: bool, yearly_income: Decimal | None) -> OpgFee:
    """The OPG fee of ``kind`` (assessment, general or minimal supervision) due on ``on``, after an exemption
    (the client receives a qualifying means-tested benefit) or a 50% remission (yearly income before tax
    below the remission threshold; never for minimal supervision)."""
    if kind not in (FeeKind.OPG_ASSESSMENT, FeeKind.OPG_GENERAL_SUPERVISION, FeeKind.OPG_MINIMAL_SUPERVISION):
        raise ValueError(f"{kind!r} is not an OPG fee")
    rate, lines = _rate(kind, 0, on, rates)
    if rate is None:
        return OpgFee(kind, None, None, lines)
    if exempt_benefit:
        lines.append("Exempt: the client receives a qualifying means-tested benefit, so no fee.")
        return OpgFee(kind, rate.amount, ZERO, lines)
    if yearly_income is not None and kind != FeeKind.OPG_MINIMAL_SUPERVISION:
        limit = rates.on(FeeKind.OPG_REMISSION_INCOME, on)
        if limit is None:
            lines.append("The remission income threshold is not in the rate table: no remission worked out.")
        elif yearly_income < limit.amount:
            half = money(rate.amount / 2)
            lines.append(f"Yearly income of {pounds(yearly_income)} is below {pounds(limit.amount)}: 50% remission, "
                         f"{pounds(half)}.")
            return OpgFee(kind, rate.amount, half, lines)
        else:
            lines.append(f"Yearly income of {pounds(yearly_income)} is not below {pounds(limit.amount)}: no remission.")
    elif kind == FeeKind.OPG_MINIMAL_SUPERVISION and yearly_income is not None:
        lines.append("There is no remission of the minimal supervision fee.")
    return OpgFee(kind, rate.amount, rate.amount, lines)


def opg_supervision_level(*, assets: Decimal, minimal_below: Decimal) -> str:
    """Minimal supervision for a deputy managing assets below ``minimal_below``, general otherwise."""
    return OpgSupervision.MINIMAL if assets < minimal_below else OpgSupervision.GENERAL
