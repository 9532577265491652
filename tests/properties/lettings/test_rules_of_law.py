import datetime as dt

from properties.lettings import rules_of_law
from properties.lettings.choices import RentFrequency


def test_certificate_cycles():
    checked = dt.date(2026, 2, 28)
    assert rules_of_law.expires_on("gas", checked) == dt.date(2027, 2, 28)
    assert rules_of_law.expires_on("eicr", checked) == dt.date(2031, 2, 28)
    assert rules_of_law.expires_on("epc", checked) == dt.date(2036, 2, 28)
    assert rules_of_law.copy_due_on(checked) == dt.date(2026, 3, 28)
    assert rules_of_law.deposit_protect_by(dt.date(2026, 1, 1)) == dt.date(2026, 1, 31)


def test_rent_due_dates():
    monthly = rules_of_law.rent_due_dates(starts_on=dt.date(2026, 1, 31), frequency=RentFrequency.MONTHLY,
                                          until=dt.date(2026, 4, 1))
    assert monthly == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)]
    weekly = rules_of_law.rent_due_dates(starts_on=dt.date(2026, 1, 1), frequency=RentFrequency.WEEKLY,
                                         until=dt.date(2026, 1, 15), ends_on=dt.date(2026, 1, 15))
    assert weekly == [dt.date(2026, 1, 1), dt.date(2026, 1, 8)]
