"""How an assessment's stored result is shown, in one place for the letter and the pages: money as
the council writes it, and the working as lines and sections.

Everything here reads the stored result (``Assessment.result``, the calculator's
``AssessmentResult.to_dict()``), never the calculator or the rate table, so an old assessment is
always shown with the numbers it was approved with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

#: Each line's section, in the council's words.
SECTION_LABELS = {
    "capital": "Capital",
    "income": "Income",
    "disregard": "Income we do not count",
    "allowance": "Allowances and costs",
    "charge": "Charge",
}

#: The headings the working is shown under; a disregard is shown with the income it belongs to.
HEADINGS = {
    "capital": "Your capital (savings, investments and property)",
    "income": "Your weekly income",
    "disregard": "Your weekly income",
    "allowance": "What you keep each week",
    "charge": "Your weekly charge",
}


def money(amount: Decimal | str | int | None) -> str:
    """Pounds as the council writes them: "£1,234.56"; a deduction as "-£30.15"; "" for none."""
    if amount is None or amount == "":
        return ""
    value = Decimal(str(amount))
    if value < 0:
        return f"-£{-value:,.2f}"
    return f"£{value:,.2f}"


def weekly(amount: Decimal | str | None) -> str:
    """"£143.85 a week"."""
    shown = money(amount)
    return f"{shown} a week" if shown else ""


@dataclass(frozen=True)
class WorkingLine:
    """One line of the working as shown: its section, what it is, the amount and the rule applied."""

    section: str
    section_label: str
    label: str
    amount: Decimal
    amount_display: str
    rule: str
    rate_code: str

    def as_dict(self) -> dict:
        """Plain data for a letter's stored data (the amount as its exact string)."""
        data = asdict(self)
        data["amount"] = str(self.amount)
        return data


def working_lines(result: Mapping[str, Any]) -> list[WorkingLine]:
    """Every line of the stored result's working, in order."""
    lines = []
    for line in result.get("lines", ()):
        amount = Decimal(str(line["amount"]))
        lines.append(WorkingLine(
            section=line["section"], section_label=SECTION_LABELS.get(line["section"], line["section"].title()),
            label=line["label"], amount=amount, amount_display=money(amount), rule=line.get("rule", ""),
            rate_code=line.get("rate_code", ""),
        ))
    return lines


def working_sections(result: Mapping[str, Any]) -> list[dict]:
    """The lines grouped under headings, in order: ``[{"heading": ..., "lines": [WorkingLine...]}]``.
    Consecutive lines with the same heading share one group."""
    groups: list[dict] = []
    for line in working_lines(result):
        heading = HEADINGS.get(line.section, line.section_label)
        if not groups or groups[-1]["heading"] != heading:
            groups.append({"heading": heading, "lines": []})
        groups[-1]["lines"].append(line)
    return groups


def charge_summary(result: Mapping[str, Any]) -> dict:
    """The headline figures, formatted: the weekly charge, what the council pays, the cost of care."""
    return {
        "weekly_charge": money(result["weekly_charge"]),
        "council_share": money(result["council_share"]),
        "weekly_cost_of_care": money(result["weekly_cost_of_care"]),
        "full_cost": bool(result.get("full_cost")),
        "capped_at_cost": bool(result.get("capped_at_cost")),
        "minimum_charge_applied": bool(result.get("minimum_charge_applied")),
        "basis": result.get("basis", "individual"),
    }


def rates_used(result: Mapping[str, Any]) -> list[dict]:
    """The figures the assessment used, with where each comes from, by name."""
    rows = []
    for code, rate in sorted(result.get("rates_used", {}).items(), key=lambda item: item[1].get("name", item[0])):
        rows.append({"code": code, "name": rate.get("name", code), "amount": str(rate["amount"]),
                     "effective_from": rate["effective_from"], "source": rate["source"]})
    return rows
