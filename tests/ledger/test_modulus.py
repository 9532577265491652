"""Modulus checking (ledger.modulus) against the worked test cases of Pay.UK's (Vocalink's) specification
*Validating account numbers* (v7.90), numbered as in the document, with the weight table shipped in
ledger/data (ledger/data/SOURCE.md)."""

import pytest

from ledger import modulus
from ledger.statements.bank_details import (MODULUS_MISMATCH, bank_details_problems, modulus_unchecked,
                                            payee_bank_details_problems)

SPECIFICATION_CASES = [  # number, sort code, account number, valid, what the specification says it tests
    (1, "089999", "66374958", True, "pass modulus 10 check"),
    (2, "107999", "88837491", True, "pass modulus 11 check"),
    (3, "202959", "63748472", True, "pass modulus 11 and double alternate checks"),
    (4, "871427", "46238510", True, "exceptions 10 and 11: first check passes, second fails"),
    (5, "872427", "46238510", True, "exceptions 10 and 11: first check fails, second passes"),
    (6, "871427", "09123496", True, "exception 10, ab = 09 and g = 9: first check passes, second fails"),
    (7, "871427", "99123496", True, "exception 10, ab = 99 and g = 9: first check passes, second fails"),
    (8, "820000", "73688637", True, "exception 3, c = 6: second check not run"),
    (9, "827999", "73988638", True, "exception 3, c = 9: second check not run"),
    (10, "827101", "28748352", True, "exception 3, c neither 6 nor 9: second check run"),
    (11, "134020", "63849203", True, "exception 4: the remainder equals the check digits"),
    (12, "118765", "64371389", True, "exception 1: 27 added to the total"),
    (13, "200915", "41011166", True, "exception 6: fails the standard check but is a foreign currency account"),
    (14, "938611", "07806039", True, "exception 5: the check passes"),
    (15, "938600", "42368003", True, "exception 5: the check passes with the substituted sort code"),
    (16, "938063", "55065200", True, "exception 5: both checks leave a remainder of 0 and pass"),
    (17, "772798", "99345694", True, "exception 7: passes, though it would fail the standard check"),
    (18, "086090", "06774744", True, "exception 8: the check passes"),
    (19, "309070", "02355688", True, "exceptions 2 and 9: first check passes, second fails"),
    (20, "309070", "12345668", True, "exceptions 2 and 9: first fails, second passes with the substitution"),
    (21, "309070", "12345677", True, "exceptions 2 and 9: second passes with no-match weights"),
    (22, "309070", "99345694", True, "exceptions 2 and 9: second passes with one-match weights"),
    (23, "938063", "15764273", False, "exception 5: first check digit correct, second incorrect"),
    (24, "938063", "15764264", False, "exception 5: first check digit incorrect, second correct"),
    (25, "938063", "15763217", False, "exception 5: first check digit incorrect with a remainder of 1"),
    (26, "118765", "64371388", False, "exception 1: fails the double alternate check"),
    (27, "203099", "66831036", False, "passes the modulus 11 check, fails the double alternate check"),
    (28, "203099", "58716970", False, "fails the modulus 11 check, passes the double alternate check"),
    (29, "089999", "66374959", False, "fails the modulus 10 check"),
    (30, "107999", "88837493", False, "fails the modulus 11 check"),
    (31, "074456", "12345112", True, "exceptions 12 and 13: passes modulus 11 (would fail modulus 10)"),
    (32, "070116", "34012583", True, "exceptions 12 and 13: passes modulus 11 (would pass modulus 10)"),
    (33, "074456", "11104102", True, "exceptions 12 and 13: fails modulus 11, passes modulus 10"),
    (34, "180002", "00000190", True, "exception 14: the first check fails and the second passes"),
]


@pytest.mark.parametrize(("number", "sort_code", "account_number", "valid", "what"), SPECIFICATION_CASES,
                         ids=[f"case-{c[0]}" for c in SPECIFICATION_CASES])
def test_the_specifications_test_cases(number, sort_code, account_number, valid, what):
    assert modulus.check(sort_code, account_number) == modulus.Result(valid=valid, covered=True), what


def test_every_exception_code_of_the_specification_is_in_the_table_and_has_a_case():
    in_table = {row.exception for row in modulus._rows()} - {None}
    assert in_table == set(range(1, 15))
    assert len(modulus._rows()) == 1143  # valacdos-v7-90.txt, every line read
    assert modulus._substitutions()["938600"] == "938611"


def test_exception_14_fails_when_the_eighth_digit_is_not_0_1_or_9():
    # 00000190 passes only on the second check; with its 8th digit 5 there is no second check to pass.
    assert modulus.check("180002", "00000195").valid is False


def test_a_sort_code_the_table_does_not_cover_cannot_be_checked_and_passes():
    assert modulus.rows_for("000000") == []
    assert modulus.check("000000", "12345678") == modulus.Result(valid=True, covered=False)


def test_only_six_and_eight_digits_are_checked():
    for sort_code, account_number in (("08999", "66374958"), ("089999", "6637495"), ("08-99-99", "66374958")):
        with pytest.raises(ValueError):
            modulus.check(sort_code, account_number)


def test_payee_details_keep_the_format_checks_and_add_the_modulus_check():
    assert payee_bank_details_problems(sort_code="08-99-99", account_number="6637 4958") == {}
    assert payee_bank_details_problems(sort_code="08-99-99", account_number="66374959") == {
        "account_number": MODULUS_MISMATCH}
    assert MODULUS_MISMATCH == "The sort code and account number do not match: check them with the payee"
    # a badly formed number is told about its format, not the modulus check
    assert set(payee_bank_details_problems(sort_code="089999", account_number="6637495")) == {"account_number"}
    assert payee_bank_details_problems(sort_code="089999", account_number="6637495")["account_number"] != \
        MODULUS_MISMATCH
    assert payee_bank_details_problems(sort_code="00-00-00", account_number="12345678") == {}
    # the pooled client account's own details are checked for format only
    assert bank_details_problems(sort_code="089999", account_number="66374959", iban="") == {}


def test_modulus_unchecked_is_only_for_well_formed_details_outside_the_table():
    assert modulus_unchecked("00-00-00", "12345678") is True
    assert modulus_unchecked("089999", "66374958") is False
    assert modulus_unchecked("089999", "66374959") is False
    assert modulus_unchecked("0000", "12345678") is False
