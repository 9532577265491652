"""The daily jobs run once a day: a second run for the same day makes no more tasks."""

from __future__ import annotations

import datetime as dt

from core.registry import registry
from people.models import Task
from properties.repairs import services
from properties.repairs.tasks import overdue_repairs_daily
from properties.sale import services as sale_services
from properties.sale.models import Sale
from properties.sale.tasks import stalled_sales_daily

TODAY = dt.date.today()


def test_the_jobs_are_scheduled():
    names = {job.name for job in registry.jobs}
    assert {"property-repairs-overdue-daily", "property-sales-stalled-daily"} <= names


def test_overdue_repairs_daily_runs_once(pat, home):
    services.repair_report(acting_user=pat, home=home, what="Fence", reported_on=TODAY - dt.timedelta(days=40),
                           urgency="routine", reported_by="Neighbour")
    first = overdue_repairs_daily(TODAY.isoformat())
    second = overdue_repairs_daily(TODAY.isoformat())
    assert first["status"] == second["status"]
    assert Task.objects.filter(title__startswith="Repair overdue").count() == 1


def test_stalled_sales_daily_runs_once(pat, home, may_sell):
    sale = sale_services.sale_start(acting_user=pat, home=home)
    Sale.objects.filter(pk=sale.pk).update(last_progress_on=TODAY - dt.timedelta(days=60))
    stalled_sales_daily(TODAY.isoformat())
    stalled_sales_daily(TODAY.isoformat())
    assert Task.objects.filter(title__contains="no progress since").count() == 1
