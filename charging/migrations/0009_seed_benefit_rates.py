"""Seed the DWP benefit and pension rates the April uplift moves incomes to, from
``charging/fixtures/benefit_rates.json``: every figure with its source (as 0002 does for the council's
figures). Reversing deletes exactly the seeded rows (and their history)."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations
from django.utils import timezone

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "benefit_rates.json"
REASON = "Seeded from charging/fixtures/benefit_rates.json"


def _rows():
    for row in json.loads(FIXTURE.read_text(encoding="utf-8")):
        yield {
            "code": row["code"],
            "value": Decimal(row["value"]),
            "unit": row["unit"],
            "effective_from": dt.date.fromisoformat(row["effective_from"]),
            "effective_to": dt.date.fromisoformat(row["effective_to"]) if row.get("effective_to") else None,
            "source": row["source"],
        }


def seed(apps, schema_editor):
    Rate = apps.get_model("charging", "Rate")
    HistoricalRate = apps.get_model("charging", "HistoricalRate")
    now = timezone.now()
    for fields in _rows():
        rate, created = Rate.objects.get_or_create(
            code=fields["code"], effective_from=fields["effective_from"], defaults=fields
        )
        if created:
            HistoricalRate.objects.create(
                id=rate.pk, created_at=rate.created_at, history_date=now, history_type="+",
                history_change_reason=REASON, history_user_name="system", **fields,
            )


def unseed(apps, schema_editor):
    Rate = apps.get_model("charging", "Rate")
    HistoricalRate = apps.get_model("charging", "HistoricalRate")
    for fields in _rows():
        Rate.objects.filter(code=fields["code"], effective_from=fields["effective_from"],
                            value=fields["value"]).delete()
    HistoricalRate.objects.filter(history_change_reason=REASON).delete()


class Migration(migrations.Migration):
    dependencies = [("charging", "0008_assessment_dates_uprating")]

    operations = [migrations.RunPython(seed, unseed)]
