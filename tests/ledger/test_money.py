from decimal import Decimal

import pytest

from ledger.money import ZERO, round_money, to_money


@pytest.mark.parametrize(("value", "expected"), [
    ("2.345", "2.35"), ("-2.345", "-2.35"), ("2.344", "2.34"), ("0.005", "0.01"), (7, "7.00"),
    (Decimal("1.999"), "2.00"),
])
def test_round_money_rounds_half_up_to_the_penny(value, expected):
    assert round_money(value) == Decimal(expected)
    assert round_money(value).as_tuple().exponent == -2


def test_to_money_accepts_decimal_int_and_str():
    assert to_money(Decimal("1.5")) == Decimal("1.50")
    assert to_money(3) == Decimal("3.00")
    assert to_money(" 12.34 ") == Decimal("12.34")
    assert ZERO == Decimal("0.00")


@pytest.mark.parametrize("value", [0.1, 1.0, float("nan")])
def test_floats_are_never_money(value):
    with pytest.raises(TypeError):
        to_money(value)
    with pytest.raises(TypeError):
        round_money(value)


@pytest.mark.parametrize("value", ["1.234", "abc", "NaN", "Infinity"])
def test_to_money_refuses_fractions_of_a_penny_and_non_numbers(value):
    with pytest.raises(ValueError):
        to_money(value)


def test_bool_is_not_money():
    with pytest.raises(TypeError):
        to_money(True)
