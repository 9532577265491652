"""Pension credit age from the date of birth: the State Pension age tables in law.

Pension credit's qualifying age is the State Pension age of a *woman* born on the same day, whatever
the person's sex (State Pension Credit Act 2002, s 1(2)(b) and (6)), so no one's sex is needed. The
State Pension age of a woman by date of birth is:

- born before 6 April 1950: 60 (Pensions Act 1995, s 126 and Sch 4 para 1);
- 6 April 1950 to 5 April 1953: the day in the Pensions Act 1995 Sch 4 para 1 table: 6 May 2010 for
  those born 6 April to 5 May 1950, then two months later for each later month of birth (6 March 2016
  for 6 March to 5 April 1953);
- 6 April 1953 to 5 December 1953: Pensions Act 2011 s 1 and Sch 1 (replacing the 1995 table): 6 July
  2016 for 6 April to 5 May 1953, then four months later for each later month (6 November 2018 for 6
  November to 5 December 1953);
- 6 December 1953 to 5 October 1954: Pensions Act 2011 Sch 1 (men and women alike): 6 March 2019 for
  6 December 1953 to 5 January 1954, then two months later for each later month (6 September 2020 for
  6 September to 5 October 1954);
- 6 October 1954 to 5 April 1960: 66 (Pensions Act 2011 s 1; Pensions Act 1995 Sch 4 para 3);
- 6 April 1960 to 5 March 1961: 66 years and 1 to 11 months, one more month for each later month of
  birth (Pensions Act 2014 s 26);
- 6 March 1961 to 5 April 1977: 67 (Pensions Act 2014 s 26; Pensions Act 2007 s 13 and Sch 3);
- 6 April 1977 to 5 April 1978: the day in the Pensions Act 2007 Sch 3 table: 6 May 2044 for 6 April to
  5 May 1977, then two months later for each later month (6 March 2046 for 6 March to 5 April 1978);
- born on or after 6 April 1978: 68 (Pensions Act 1995 Sch 4 para 3, as amended by the 2007 Act).

The same tables are DWP's "State Pension age timetables" (May 2014),
https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/310231/spa-timetable.pdf,
and the "Check your State Pension age" service, https://www.gov.uk/state-pension-age.

An age "and N months" that lands on a day the month does not have is the last day of that month (DWP's
timetable: born 31 December 1960, State Pension age 30 September 2027); a birthday of 29 February is
taken as 28 February in a year that has none.
"""

from __future__ import annotations

import calendar
import datetime as dt

SOURCE = ("State Pension age of a woman born on the same day (State Pension Credit Act 2002 s 1(6); "
          "Pensions Act 1995 Sch 4, as amended by the Pensions Acts 2007, 2011 and 2014)")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _cohort(born: dt.date, first: dt.date) -> int:
    """Which month-of-birth cohort (0 for the first), each running from the 6th to the 5th."""
    months = (born.year - first.year) * 12 + (born.month - first.month)
    if born.day < 6:
        months -= 1
    return months


def pension_credit_age_date(born: dt.date) -> dt.date:
    """The day a person born on ``born`` reaches pension credit age (a woman's State Pension age)."""
    if born < dt.date(1950, 4, 6):
        return _add_months(born, 60 * 12)
    if born < dt.date(1953, 4, 6):
        return _add_months(dt.date(2010, 5, 6), 2 * _cohort(born, dt.date(1950, 4, 6)))
    if born < dt.date(1953, 12, 6):
        return _add_months(dt.date(2016, 7, 6), 4 * _cohort(born, dt.date(1953, 4, 6)))
    if born < dt.date(1954, 10, 6):
        return _add_months(dt.date(2019, 3, 6), 2 * _cohort(born, dt.date(1953, 12, 6)))
    if born < dt.date(1960, 4, 6):
        return _add_months(born, 66 * 12)
    if born < dt.date(1961, 3, 6):
        return _add_months(born, 66 * 12 + 1 + _cohort(born, dt.date(1960, 4, 6)))
    if born < dt.date(1977, 4, 6):
        return _add_months(born, 67 * 12)
    if born < dt.date(1978, 4, 6):
        return _add_months(dt.date(2044, 5, 6), 2 * _cohort(born, dt.date(1977, 4, 6)))
    return _add_months(born, 68 * 12)


def has_reached_pension_credit_age(born: dt.date, on: dt.date) -> bool:
    return on >= pension_credit_age_date(born)
