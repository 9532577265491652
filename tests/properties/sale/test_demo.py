"""The repairs, clearance and sale demo steps, after the people step, through the services; run twice,
they add nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from properties.clearance.choices import ItemStatus
from properties.clearance.models import InventoryItem, SafekeepingReceipt
from properties.repairs.choices import RepairStatus
from properties.repairs.models import Repair
from properties.sale.choices import SaleStatus
from properties.sale.models import Sale

pytestmark = pytest.mark.django_db


def test_the_property_demo_steps():
    from core.context import acting_as_job
    from core.registry import DemoRun
    from people.demo import seed_people
    from properties.clearance.demo import seed_demo_step as clearance
    from properties.repairs.demo import seed_demo_step as repairs
    from properties.sale.demo import seed_demo_step as sale

    run = DemoRun(on=timezone.localdate())
    with acting_as_job("seed_demo"):
        seed_people(run)
        first = (repairs(run), clearance(run), sale(run))
        again = (repairs(run), clearance(run), sale(run))
    assert first == ({"repairs": 1}, {"clearances": 1, "inventory_items": 6}, {"sales": 2})
    assert again == ({"repairs": 0}, {"clearances": 0}, {"sales": 0})
    repair = Repair.objects.get()
    assert repair.status == RepairStatus.AWAITING_APPROVAL and repair.approval_requested_by.username == "owen"
    assert InventoryItem.objects.filter(decision="").count() == 2
    assert InventoryItem.objects.filter(status=ItemStatus.IN_SAFEKEEPING).count() == 2
    assert SafekeepingReceipt.objects.count() == 1
    statuses = dict(Sale.objects.values_list("home__client__last_name", "status"))
    assert statuses == {"Marsden": SaleStatus.UNDER_OFFER, "Eastwood": SaleStatus.COURT_APPLICATION}
