import pytest

from people.validators import nhs_number_is_valid, normalise_nhs_number
from tests.factories import nhs_number


@pytest.mark.parametrize("value", ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
def test_valid_nhs_numbers_pass_the_modulus_11_check(value):
    assert nhs_number_is_valid(value)


@pytest.mark.parametrize(
    "value",
    [
        "9434765918",  # check digit wrong by one
        "943476591",  # nine digits
        "94347659190",  # eleven digits
        "94347659AB",
        "",
        "1000000010",  # remainder gives check digit 10: never issued
    ],
)
def test_invalid_nhs_numbers_fail(value):
    assert not nhs_number_is_valid(value)


def test_normalise_strips_spaces_and_dashes():
    assert normalise_nhs_number(" 943 476-5919 ") == "9434765919"


def test_factory_numbers_are_all_valid():
    assert all(nhs_number_is_valid(nhs_number(seed)) for seed in range(500))
