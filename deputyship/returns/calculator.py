"""The annual deputy report's figures: pure, no database.

Every figure the report page, the API and the PDF show comes from :func:`report_figures`, given what the
ledger and the case hold for the period (:class:`ReportInputs`, gathered by
:func:`deputyship.returns.selectors.report_inputs`). The result explains itself line by line.

The balance check (the OPG's): for each account, opening balance + money in − money out = closing
balance. Money in and out are the sums of the client's categorised receipts and payments (deputy fees and
OPG fees are money out under their own categories); a movement without a category (an uncategorised
posting) is a difference the officer must explain before the report can be marked ready.

The form: the short report (OPG 103) where the client's assets at the end of the period are below the
threshold (£21,000, the OPG's line for minimal supervision), the full report (OPG 102) otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ledger.choices import MoneyInCategory, MoneyOutCategory

ZERO = Decimal("0.00")


def pounds(value: Decimal) -> str:
    sign = "−" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


@dataclass(frozen=True)
class AccountInputs:
    name: str
    opening: Decimal
    closing: Decimal
    money_in: dict[str, Decimal] = field(default_factory=dict)   # MoneyInCategory -> total
    money_out: dict[str, Decimal] = field(default_factory=dict)  # MoneyOutCategory -> total
    uncategorised: Decimal = ZERO  # net money in without a category (negative: out)


@dataclass(frozen=True)
class Item:
    description: str
    value: Decimal


@dataclass(frozen=True)
class ReportInputs:
    period_start: dt.date
    period_end: dt.date
    accounts: list[AccountInputs]
    assets: list[Item] = field(default_factory=list)
    debts: list[Item] = field(default_factory=list)
    fees: list[Item] = field(default_factory=list)  # deputy fees charged in the period, by kind
    short_form_below: Decimal = Decimal("21000.00")
    difference_note: str = ""


@dataclass(frozen=True)
class CategoryLine:
    code: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class AccountFigures:
    name: str
    opening: Decimal
    money_in: Decimal
    money_out: Decimal
    closing: Decimal
    expected_closing: Decimal
    difference: Decimal


@dataclass(frozen=True)
class ReportFigures:
    period_start: dt.date
    period_end: dt.date
    accounts: list[AccountFigures]
    money_in: list[CategoryLine]
    money_out: list[CategoryLine]
    total_in: Decimal
    total_out: Decimal
    opening: Decimal
    closing: Decimal
    difference: Decimal
    difference_explained: bool
    difference_note: str
    assets: list[Item]
    total_assets: Decimal
    debts: list[Item]
    total_debts: Decimal
    fees: list[Item]
    total_fees: Decimal
    form: str
    lines: list[str]

    @property
    def balances(self) -> bool:
        return self.difference == ZERO

    @property
    def may_be_ready(self) -> bool:
        return self.balances or self.difference_explained

    def as_data(self) -> dict:
        """JSON-ready (amounts as strings), for the stored document and the API."""
        def item(i: Item) -> dict:
            return {"description": i.description, "value": str(i.value)}

        return {
            "period_start": self.period_start.isoformat(), "period_end": self.period_end.isoformat(),
            "accounts": [{"name": a.name, "opening": str(a.opening), "money_in": str(a.money_in),
                          "money_out": str(a.money_out), "closing": str(a.closing),
                          "expected_closing": str(a.expected_closing), "difference": str(a.difference)}
                         for a in self.accounts],
            "money_in": [{"code": c.code, "label": c.label, "amount": str(c.amount)} for c in self.money_in],
            "money_out": [{"code": c.code, "label": c.label, "amount": str(c.amount)} for c in self.money_out],
            "total_in": str(self.total_in), "total_out": str(self.total_out),
            "opening": str(self.opening), "closing": str(self.closing), "difference": str(self.difference),
            "difference_explained": self.difference_explained, "difference_note": self.difference_note,
            "assets": [item(i) for i in self.assets], "total_assets": str(self.total_assets),
            "debts": [item(i) for i in self.debts], "total_debts": str(self.total_debts),
            "fees": [item(i) for i in self.fees], "total_fees": str(self.total_fees),
            "form": self.form, "lines": list(self.lines),
        }


def _lines(totals: dict[str, Decimal], choices) -> list[CategoryLine]:
    labels = dict(choices.choices)
    return [CategoryLine(code, labels.get(code, code), totals[code])
            for code in choices.values if totals.get(code, ZERO) != ZERO]


def report_figures(inputs: ReportInputs) -> ReportFigures:
    lines: list[str] = [f"Reporting period {inputs.period_start:%d %B %Y} to {inputs.period_end:%d %B %Y}."]
    accounts: list[AccountFigures] = []
    totals_in: dict[str, Decimal] = {}
    totals_out: dict[str, Decimal] = {}
    for account in inputs.accounts:
        money_in = sum(account.money_in.values(), ZERO)
        money_out = sum(account.money_out.values(), ZERO)
        expected = account.opening + money_in - money_out
        difference = account.closing - expected
        accounts.append(AccountFigures(account.name, account.opening, money_in, money_out, account.closing,
                                       expected, difference))
        lines.append(f"{account.name}: opening {pounds(account.opening)} + in {pounds(money_in)} − out "
                     f"{pounds(money_out)} = {pounds(expected)}; closing balance {pounds(account.closing)}"
                     + (f"; difference {pounds(difference)}." if difference else ": balances."))
        for code, amount in account.money_in.items():
            totals_in[code] = totals_in.get(code, ZERO) + amount
        for code, amount in account.money_out.items():
            totals_out[code] = totals_out.get(code, ZERO) + amount
    total_in = sum(totals_in.values(), ZERO)
    total_out = sum(totals_out.values(), ZERO)
    opening = sum((a.opening for a in accounts), ZERO)
    closing = sum((a.closing for a in accounts), ZERO)
    difference = sum((a.difference for a in accounts), ZERO)
    note = (inputs.difference_note or "").strip()
    explained = difference != ZERO and bool(note)
    if difference != ZERO:
        lines.append(f"Balance check: a difference of {pounds(difference)} "
                     + ("explained by the officer: " + note if explained else "not yet explained: the report cannot "
                        "be marked ready until an officer explains it."))
    else:
        lines.append("Balance check: opening + money in − money out = closing.")
    assets_total = closing + sum((i.value for i in inputs.assets), ZERO)
    debts_total = sum((i.value for i in inputs.debts), ZERO)
    fees_total = sum((i.value for i in inputs.fees), ZERO)
    form = "103" if assets_total < inputs.short_form_below else "102"
    lines.append(f"Assets at the end of the period: {pounds(assets_total)} (money held {pounds(closing)}"
                 + (f" and other assets {pounds(assets_total - closing)}" if assets_total != closing else "")
                 + f"): {'below' if form == '103' else 'not below'} {pounds(inputs.short_form_below)}, so the "
                 + ("short report (OPG 103)." if form == "103" else "full report (OPG 102)."))
    return ReportFigures(
        period_start=inputs.period_start, period_end=inputs.period_end, accounts=accounts,
        money_in=_lines(totals_in, MoneyInCategory), money_out=_lines(totals_out, MoneyOutCategory),
        total_in=total_in, total_out=total_out, opening=opening, closing=closing, difference=difference,
        difference_explained=explained, difference_note=note, assets=list(inputs.assets), total_assets=assets_total,
        debts=list(inputs.debts), total_debts=debts_total, fees=list(inputs.fees), total_fees=fees_total, form=form,
        lines=lines)
