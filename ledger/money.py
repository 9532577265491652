"""Money: ``Decimal`` with two places, pounds sterling only.

Every amount in the ledger is a :class:`~decimal.Decimal` stored as ``numeric(14,2)``. Rounding
happens here and nowhere else: :func:`round_money` rounds half up to the penny, which is how the
council's statements and letters round unless a rule says otherwise. A ``float`` is never money:
:func:`to_money` refuses one, because 0.1 + 0.2 is not 0.30 in binary.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
CURRENCY = "GBP"
MAX_DIGITS = 14
DECIMAL_PLACES = 2


def round_money(value) -> Decimal:
    """Round to the penny, halves going up (away from zero): 2.345 -> 2.35, -2.345 -> -2.35."""
    return _quantize(to_decimal(value))


def _quantize(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def to_decimal(value) -> Decimal:
    """``value`` as an exact Decimal. Accepts Decimal, int and str; refuses float and bool."""
    if isinstance(value, float):
        raise TypeError("Money cannot be a float; give a Decimal, an int or a string such as '12.34'.")
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise TypeError(f"Money must be a Decimal, an int or a string, not {type(value).__name__}.")
    try:
        result = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount of money.") from None
    if not result.is_finite():
        raise ValueError(f"{value!r} is not an amount of money.")
    return result


def to_money(value) -> Decimal:
    """``value`` as money with exactly two places, without rounding.

    Raises ``TypeError`` for a float and ``ValueError`` for anything that is not a whole number of
    pence (use :func:`round_money` when rounding is what the rule asks for).
    """
    result = to_decimal(value)
    if result != _quantize(result):
        raise ValueError(f"{value} has more than two decimal places; money is in whole pence.")
    return _quantize(result)


def has_at_most_two_places(value: Decimal) -> bool:
    return value == _quantize(value)
