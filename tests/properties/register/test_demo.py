"""The property demo goes through the services, shows each situation, and adds nothing the second time."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from people.demo import PROPERTY
from properties.inspections.selectors import inspection_schedule
from properties.lettings.selectors import certificates_expiring, live_tenancy, rent_account
from properties.register.demo import seed_demo_step
from properties.register.models import Property
from properties.register.selectors import property_flags
from people.selectors import today
from tests.factories import ClientFactory


def test_the_demo_homes(prop_client, property_team, prop_officer, prop_leader, officer):
    person = SimpleNamespace(team=PROPERTY, also=())
    clients = [(ClientFactory(last_name=name, team=property_team, team__officer=prop_officer), person, n)
               for n, name in enumerate(("Eastwood", "Tindall"))] + [(prop_client, person, 2)]
    run = SimpleNamespace(made={"users": {"beth": prop_leader, "olivia": officer}, "clients": clients}, on=today())
    made = seed_demo_step(run)
    assert made == {"properties": 3, "policies": 2, "inspections": 4, "certificates": 3, "tenancies": 1,
                    "rent receipts": 3}
    empty = Property.objects.get(address_line_1="7 Kestrel Close")
    assert inspection_schedule(home=empty).overdue and inspection_schedule(home=empty).every_days == 14
    let = Property.objects.get(address_line_1="22 Orchard Way")
    assert rent_account(tenancy=live_tenancy(home=let)).arrears == Decimal("2385.00")
    assert [c.kind for c in certificates_expiring(Property.objects.all())] == ["gas"]
    assert property_flags(home=Property.objects.get(address_line_1="3 Church View"))[0].startswith("Uninsured")
    assert set(seed_demo_step(run).values()) == {0}
