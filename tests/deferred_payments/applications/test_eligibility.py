"""The eligibility test of DP Regulations reg 2: each reason passes, fails or is not known, with why."""

from decimal import Decimal

import pytest

from deferred_payments.applications.eligibility import eligibility

UPPER = Decimal("23250")
ALL_YES = dict(needs_met_in_care_home=True, owns_main_or_only_home=True, home_value_disregarded=False,
               other_capital=Decimal("10000"), upper_capital_limit=UPPER, first_charge_possible=True,
               agrees_to_terms=True)


def test_every_test_met_is_eligible():
    result = eligibility(**ALL_YES)
    assert result.eligible
    assert [t.key for t in result.tests] == ["care_home", "home", "capital", "first_charge", "terms"]
    assert all(t.outcome == "Pass" for t in result.tests)


@pytest.mark.parametrize("change, key, words", [
    ({"needs_met_in_care_home": False}, "care_home", "not to be met in a care home"),
    ({"owns_main_or_only_home": False}, "home", "do not own"),
    ({"home_value_disregarded": True}, "home", "disregarded"),
    ({"other_capital": Decimal("23250.01")}, "capital", "over the upper capital limit of £23,250.00"),
    ({"first_charge_possible": False}, "first_charge", "cannot secure a first legal charge"),
    ({"agrees_to_terms": False}, "terms", "do not agree"),
])
def test_each_reason_fails_alone_with_why(change, key, words):
    result = eligibility(**{**ALL_YES, **change})
    assert not result.eligible
    assert [t.key for t in result.failed] == [key]
    assert words in result.failed[0].why
    assert words in result.summary


def test_capital_exactly_at_the_limit_passes():
    result = eligibility(**{**ALL_YES, "other_capital": UPPER})
    assert result.eligible


def test_an_unanswered_question_is_not_a_pass():
    result = eligibility(**{**ALL_YES, "first_charge_possible": None, "other_capital": None})
    assert not result.eligible
    assert not result.failed
    assert {t.key for t in result.unknown} == {"first_charge", "capital"}
    assert result.summary.startswith("Not yet known")
