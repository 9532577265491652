"""Demo: the published national rates are in the migration; the demo adds the rate for each later six-month
period up to today (marked as demonstration figures, the last published rate carried on) so accrual can run to
today, and the council's fee schedule (Reading's 2024/25 fees as the example)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from deferred_payments.accrual.choices import FeeKind
from deferred_payments.accrual.models import FeeScheduleItem
from deferred_payments.accrual.services import fee_schedule_item_record
from deferred_payments.rates.models import NationalRate
from deferred_payments.rates.selectors import first_missing_period
from deferred_payments.rates.services import national_rate_record
from people.selectors import today

READING = ("Reading Borough Council, Appendix J: Charges for Deferred Payment Agreements 2024-2025 "
           "(https://reading.gov.uk/adult-care/carecharges/care-and-support-charging-and-financial-assessment-"
           "framework-policies/appendix-j-charges-for-deferred-payment-agreements-and-interim-funding-arrangements)")
FEES = [
    ("Legal set-up fee", FeeKind.SET_UP, Decimal("567.00")),
    ("Administration set-up fee", FeeKind.SET_UP, Decimal("176.10")),
    ("Annual administration fee", FeeKind.ANNUAL, Decimal("281.90")),
]


def seed_demo_step(run) -> dict[str, int]:
    leader = run.made["users"]["imran"]
    added = {"rates": 0, "fees": 0}
    last = NationalRate.objects.order_by("-starts_on").first()
    while (start := first_missing_period(on=today())) is not None:
        national_rate_record(acting_user=leader, starts_on=start, annual_rate=last.annual_rate,
                             source="Demonstration figure: the last published rate carried on; enter the real one",
                             reason="Demo data")
        added["rates"] += 1
    for name, kind, amount in FEES:
        if not FeeScheduleItem.objects.filter(name=name).exists():
            fee_schedule_item_record(acting_user=leader, name=name, kind=kind, amount=amount,
                                     effective_from=dt.date(2023, 1, 1), source=READING, reason="Demo data")
            added["fees"] += 1
    return added

