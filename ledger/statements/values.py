"""Dates and amounts as UK banks write them in their exports. Amounts are read from the text with
``Decimal``; a float never touches them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ledger.money import has_at_most_two_places

MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
MONTHS.update({"sept": 9, "june": 6, "july": 7})
MONTHS.update({full: MONTHS[full[:3]] for full in (
    "january", "february", "march", "april", "august", "september", "october", "november", "december")})

#: The forms a date may take: 13/03/2023, 13/03/23, 13-03-2023, 13.03.2023, 2023-03-13, 13 Mar 2023,
#: 13-Mar-2023, 13 March 2023, 13 Mar 23. Day first always (UK banks); never month first.
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$")
_NAMED = re.compile(r"^(\d{1,2})[\s-]+([A-Za-z]{3,9})[\s-]+(\d{4}|\d{2})$")
_AMOUNT = re.compile(r"^([+-]?)£?([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?$")

DATE_FORMS = "DD/MM/YYYY (or DD/MM/YY, YYYY-MM-DD or 13 Mar 2023)"


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year  # a bank statement of this century


def parse_date(text: str) -> dt.date | str:
    """The date, or what is wrong with it."""
    text = text.strip().lstrip("'")
    if match := _NUMERIC.match(text):
        day, month, year = int(match.group(1)), int(match.group(3)), _year(match.group(4))
    elif match := _ISO.match(text):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    elif (match := _NAMED.match(text)) and match.group(2).lower() in MONTHS:
        day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], _year(match.group(3))
    else:
        return f"the date '{text}' is not in the form {DATE_FORMS}"
    try:
        return dt.date(year, month, day)
    except ValueError:
        return f"the date '{text}' is not a real date"


def parse_money(text: str, *, what: str) -> Decimal | str:
    """The amount (from the text, by Decimal, never float), or what is wrong with it. Accepts a sign
    before or after a £ sign, thousands commas and a missing leading zero (``.54``)."""
    cleaned = text.replace(" ", "").lstrip("'")
    match = _AMOUNT.match(cleaned)
    if not match or not (match.group(3) or match.group(4)) or (match.group(1) and match.group(2)):
        return f"the {what} '{text}' is not an amount of money"
    if match.group(4) == ".":
        return f"the {what} '{text}' is not an amount of money"
    sign = match.group(1) or match.group(2)
    whole, fraction = (match.group(3) or "0").replace(",", ""), match.group(4) or ""
    try:
        value = Decimal(f"{sign}{whole}{fraction}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return f"the {what} '{text}' is not an amount of money"
    if not has_at_most_two_places(value):
        return f"the {what} '{text}' has more than two decimal places"
    if abs(value) >= Decimal("1e12"):
        return f"the {what} '{text}' is too large"
    return value.quantize(Decimal("0.01"))
