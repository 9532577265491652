"""The people's demo step on its own (``manage.py seed_demo`` as a whole: tests/config/test_seed_demo.py)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from people.demo import CLIENTS
from people.models import Task

pytestmark = pytest.mark.django_db


def test_the_people_step_seeds_people_only():
    """Run alone, the people step makes clients and their work but no money, assessment or invoice."""
    from charging.models import Assessment, CarePackage, Invoice
    from core.context import acting_as_job
    from core.registry import DemoRun
    from ledger.models import Transaction
    from people.demo import seed_people

    run = DemoRun(on=timezone.localdate())
    with acting_as_job("seed_demo"):
        added = seed_people(run)
    assert added["clients"] == len(CLIENTS) and Task.objects.exists()
    assert len(run.made["clients"]) == len(CLIENTS) and "olivia" in run.made["users"]
    assert not (Transaction.objects.exists() or CarePackage.objects.exists() or Assessment.objects.exists()
                or Invoice.objects.exists())
    assert not Task.objects.filter(assigned_to__username__in=["priya", "dev"]).exists()
