"""The legal cycles of a landlord's certificates and deposits, as pure functions (no ORM).

- Gas safety: a check at intervals of not more than 12 months; a copy of the record to the tenant within
  28 days of the check, and to a new tenant before they move in. Gas Safety (Installation and Use)
  Regulations 1998, reg 36(3) and (6): https://www.legislation.gov.uk/uksi/1998/2451/regulation/36
- Electrical safety: the installation inspected and tested at intervals of no more than 5 years; a copy
  of the report to the tenant within 28 days; remedial work within 28 days (or shorter if the report
  says). Electrical Safety Standards in the Private Rented Sector (England) Regulations 2020, reg 3:
  https://www.legislation.gov.uk/uksi/2020/312/regulation/3
- EPC: valid for 10 years (Energy Performance of Buildings (England and Wales) Regulations 2012, reg 13:
  https://www.legislation.gov.uk/uksi/2012/3118/regulation/13); a property rated F or G cannot be let
  (the minimum level of energy efficiency is E): Energy Efficiency (Private Rented Property) (England and
  Wales) Regulations 2015, regs 23 and 26: https://www.legislation.gov.uk/uksi/2015/962/regulation/23
- Deposit: protected in a government-backed scheme within 30 days of receiving it (gov.uk, "Tenancy
  deposit protection": https://www.gov.uk/tenancy-deposit-protection; Housing Act 2004 s213).
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from properties.lettings.choices import CertificateKind, RentFrequency

VALID_FOR = {
    CertificateKind.GAS: relativedelta(months=12),
    CertificateKind.EICR: relativedelta(years=5),
    CertificateKind.EPC: relativedelta(years=10),
}
COPY_TO_TENANT_DAYS = 28  # gas reg 36(6)(a); electrical reg 3(3)(a)
REMEDIAL_WORK_DAYS = 28  # electrical reg 3(4)
DEPOSIT_PROTECTION_DAYS = 30  # gov.uk "Tenancy deposit protection"
LETTABLE_RATINGS = ("A", "B", "C", "D", "E")  # 2015 Regulations: F and G below the minimum level


def expires_on(kind: str, checked_on: dt.date) -> dt.date:
    return checked_on + VALID_FOR[CertificateKind(kind)]


def copy_due_on(checked_on: dt.date) -> dt.date:
    return checked_on + dt.timedelta(days=COPY_TO_TENANT_DAYS)


def remedial_due_on(checked_on: dt.date) -> dt.date:
    return checked_on + dt.timedelta(days=REMEDIAL_WORK_DAYS)


def deposit_protect_by(received_on: dt.date) -> dt.date:
    return received_on + dt.timedelta(days=DEPOSIT_PROTECTION_DAYS)


def rent_due_dates(*, starts_on: dt.date, frequency: str, until: dt.date, ends_on: dt.date | None = None) -> list[dt.date]:
    """The days rent falls due, in advance, from the start of the tenancy up to ``until`` (and not after
    it ends). Monthly rent falls on the same day of each month (the last day in shorter months)."""
    last = min(until, ends_on - dt.timedelta(days=1)) if ends_on else until
    days, n = [], 0
    while True:
        if frequency == RentFrequency.MONTHLY:
            day = starts_on + relativedelta(months=n)
        else:
            day = starts_on + dt.timedelta(days=(7 if frequency == RentFrequency.WEEKLY else 28) * n)
        if day > last:
            return days
        days.append(day)
        n += 1
