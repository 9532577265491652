"""The Bacs reports' demo step on its own: it imports an ARUDD and an ADDACS through the service, once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from debt_recovery.bacs_reports.demo import seed_demo_step
from debt_recovery.bacs_reports.models import BacsReport
from debt_recovery.directdebits.choices import CollectionStatus

pytestmark = pytest.mark.django_db


def test_the_demo_imports_an_unpaid_debit_once(collected, debt_officer):
    from core.registry import DemoRun

    run = DemoRun(on=timezone.localdate())
    run.made["users"] = {"dev": debt_officer}
    assert seed_demo_step(run) == {"bacs_reports": 1}  # one live mandate: the ARUDD only
    report = BacsReport.objects.get()
    assert report.kind == "arudd" and report.items.get().task is not None
    collected.refresh_from_db()
    assert collected.status == CollectionStatus.UNPAID
    assert seed_demo_step(run) == {"bacs_reports": 0}
