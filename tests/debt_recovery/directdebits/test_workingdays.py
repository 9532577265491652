"""Working days skip weekends and the bank holidays of England and Wales."""

import datetime as dt

from debt_recovery.directdebits.workingdays import add_working_days, is_working_day, working_days_between


def test_christmas_and_boxing_day_2026_are_not_working_days_nor_the_substitute_monday():
    # 25 December 2026 is a Friday; Boxing Day falls on Saturday, so Monday 28 December is the substitute
    # bank holiday (gov.uk/bank-holidays).
    assert not is_working_day(dt.date(2026, 12, 25))
    assert not is_working_day(dt.date(2026, 12, 28))
    assert is_working_day(dt.date(2026, 12, 29))


def test_ten_working_days_over_christmas():
    # From Friday 18 December 2026: 21, 22, 23, 24, 29, 30, 31 December, 4, 5, 6 January (1 January too).
    assert add_working_days(dt.date(2026, 12, 18), 10) == dt.date(2027, 1, 6)
    assert working_days_between(dt.date(2026, 12, 18), dt.date(2027, 1, 6)) == 10


def test_easter_monday_2027():
    assert not is_working_day(dt.date(2027, 3, 29)) and not is_working_day(dt.date(2027, 3, 26))
    assert add_working_days(dt.date(2027, 3, 25), 1) == dt.date(2027, 3, 30)
