"""The national maximum interest rates for deferred payment agreements published so far.

The rate for each six-month period is the weighted average interest rate on conventional gilts in the most
recent Office for Budget Responsibility Economic and Fiscal Outlook, plus 0.15% (Care and Support (Deferred
Payment) Regulations 2014, SI 2014/2671, reg 9, https://www.legislation.gov.uk/uksi/2014/2671/regulation/9;
Care and Support Statutory Guidance 9.67, https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance;
the method as the Local Government Association explains it: https://www.local.gov.uk/interest-rates-universal-deferred-payments).
The figures are those councils published for each period, as gathered in ../shared/domain/deferred_payments.md.
Later periods are entered by a team leader on the rates page.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

REG_9 = ("National maximum rate published by councils under SI 2014/2671 reg 9 and Statutory Guidance 9.67 "
         "(https://www.legislation.gov.uk/uksi/2014/2671/regulation/9)")
RATES = [
    (dt.date(2023, 1, 1), dt.date(2023, 6, 30), Decimal("3.18")),
    (dt.date(2023, 7, 1), dt.date(2023, 12, 31), Decimal("3.43")),
    (dt.date(2024, 1, 1), dt.date(2024, 6, 30), Decimal("4.65")),
    (dt.date(2024, 7, 1), dt.date(2024, 12, 31), Decimal("4.05")),
    (dt.date(2025, 1, 1), dt.date(2025, 6, 30), Decimal("4.25")),
]


def seed(apps, schema_editor):
    NationalRate = apps.get_model("deferred_payments", "NationalRate")
    Historical = apps.get_model("deferred_payments", "HistoricalNationalRate")
    from django.utils import timezone

    for starts_on, ends_on, rate in RATES:
        row, made = NationalRate.objects.get_or_create(
            starts_on=starts_on, defaults={"ends_on": ends_on, "annual_rate": rate, "source": REG_9})
        if made:
            Historical.objects.create(id=row.pk, starts_on=starts_on, ends_on=ends_on, annual_rate=rate, source=REG_9,
                                      entered_by=None, entered_at=row.entered_at, history_date=timezone.now(),
                                      history_type="+", history_change_reason="Published national rates loaded",
                                      history_user_name="System (data migration)")


def unseed(apps, schema_editor):
    NationalRate = apps.get_model("deferred_payments", "NationalRate")
    NationalRate.objects.filter(starts_on__in=[r[0] for r in RATES], entered_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("deferred_payments", "0003_money_rates_accrual_statements")]
    operations = [migrations.RunPython(seed, unseed)]
