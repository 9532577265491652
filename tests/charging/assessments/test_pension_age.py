"""Pension credit age from the date of birth, by the State Pension age tables in law (a woman's State
Pension age: State Pension Credit Act 2002 s 1(6)); the date of birth decides the MIG band and a
recorded flag that disagrees is named on the working."""

from __future__ import annotations

import datetime as dt

import pytest

from charging.assessments.calculator import assess
from charging.assessments.pension_age import pension_credit_age_date
from tests.charging.helpers import D, person, rates, resident

d = dt.date


@pytest.mark.parametrize("born, reached", [
    (d(1950, 4, 5), d(2010, 4, 5)),    # before 6 April 1950: 60 (Pensions Act 1995 Sch 4 para 1)
    (d(1950, 4, 6), d(2010, 5, 6)),    # first row of the 1995 Act's table
    (d(1950, 5, 6), d(2010, 7, 6)),    # two months later for each later month of birth
    (d(1953, 4, 5), d(2016, 3, 6)),    # last row of the 1995 table
    (d(1953, 4, 6), d(2016, 7, 6)),    # Pensions Act 2011 Sch 1, first row
    (d(1953, 12, 5), d(2018, 11, 6)),  # 2011 Act, women's table last row
    (d(1953, 12, 6), d(2019, 3, 6)),   # 2011 Act, men and women: 6 March 2019
    (d(1954, 10, 5), d(2020, 9, 6)),   # ... to 6 September 2020
    (d(1954, 10, 6), d(2020, 10, 6)),  # 66
    (d(1960, 4, 5), d(2026, 4, 5)),    # last born to reach 66 exactly
    (d(1960, 4, 6), d(2026, 5, 6)),    # Pensions Act 2014 s 26: 66 years and 1 month
    (d(1960, 12, 31), d(2027, 9, 30)),  # DWP's own example: 66 years 9 months, 30 September 2027
    (d(1961, 1, 31), d(2027, 11, 30)),  # DWP's own example: 30 November 2027
    (d(1961, 3, 5), d(2028, 2, 5)),    # 66 years and 11 months
    (d(1961, 3, 6), d(2028, 3, 6)),    # 67
    (d(1977, 4, 6), d(2044, 5, 6)),    # Pensions Act 2007 Sch 3, first row
    (d(1978, 4, 5), d(2046, 3, 6)),    # last row
    (d(1978, 4, 6), d(2046, 4, 6)),    # 68
])
def test_the_tables(born, reached):
    assert pension_credit_age_date(born) == reached


def test_every_later_birthday_reaches_it_no_earlier():
    # Across the whole range the day never goes backwards as the date of birth moves on.
    day, previous = d(1940, 1, 1), d(1900, 1, 1)
    while day < d(1990, 1, 1):
        reached = pension_credit_age_date(day)
        assert reached >= previous, day
        previous, day = reached, day + dt.timedelta(days=1)


def _mig_line(result):
    return next(line for line in result.lines if line.label == "Minimum Income Guarantee")


def test_a_90_year_old_recorded_as_working_age_gets_the_pension_age_mig_and_is_told():
    inp = person(date_of_birth=d(1934, 3, 1), pension_credit_age=False)
    line = _mig_line(assess(inp, rates()))
    assert line.rate_code == "MIG_SINGLE_PCA" and line.amount == -D("228.70")
    assert "Pension credit age reached on 1 March 1994, from the date of birth 1 March 1934" in line.rule
    assert "recorded as not of pension credit age, which the date of birth does not bear out" in line.rule


def test_a_40_year_old_recorded_as_pension_age_gets_the_working_age_mig_and_is_told():
    line = _mig_line(assess(person(pension_credit_age=True), rates()))
    assert line.rate_code == "MIG_SINGLE_25_TO_PCA"
    assert "not reached until 1 January 2052" in line.rule
    assert "recorded as of pension credit age" in line.rule


def test_agreeing_record_is_shown_without_a_warning():
    line = _mig_line(assess(person(date_of_birth=d(1958, 6, 1), pension_credit_age=True), rates()))
    assert line.rate_code == "MIG_SINGLE_PCA"
    assert "Pension credit age reached on 1 June 2024" in line.rule and "recorded as" not in line.rule


def test_the_day_before_and_the_day_it_is_reached():
    born = d(1958, 6, 1)  # 66 on 1 June 2024
    before = assess(person(date_of_birth=born, pension_credit_age=False, assessment_date=d(2024, 5, 31)), rates())
    on = assess(person(date_of_birth=born, pension_credit_age=True, assessment_date=d(2024, 6, 1)), rates())
    assert _mig_line(before).rate_code == "MIG_SINGLE_25_TO_PCA"
    assert _mig_line(on).rate_code == "MIG_SINGLE_PCA"


def test_a_care_home_resident_with_a_disagreeing_record_is_told():
    result = assess(resident(pension_credit_age=False), rates())  # born 1944
    pea = next(line for line in result.lines if line.rate_code == "PEA")
    assert "does not bear out" in pea.rule
