"""The clearance part of the demo: Mrs Marsden's home cleared after her move into care, with a
part-decided inventory and her valuables in safekeeping."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from people.selectors import today
from properties.repairs.demo import demo_client, demo_home

ITEMS = [
    # item, description, estimated value, decision (None: not yet decided), decided by the leader
    ("Gold wedding ring", "9ct, engraved inside", "350.00", "safekeeping", False),
    ("Carriage clock", "Brass, working, on the mantelpiece", "120.00", "safekeeping", False),
    ("Armchair", "Her own chair: wanted at the care home", "0", "keep", False),
    ("Single bed and mattress", "Mattress stained, frame broken", "0", "dispose", True),
    ("Welsh dresser", "Oak, 1930s", "400.00", None, False),
    ("Photograph albums", "Six albums, family photographs", "0", None, False),
]


def seed_demo_step(run) -> dict[str, int]:
    from properties.clearance import services
    from properties.clearance.models import ClearancePlan

    client = demo_client(run, "Marsden")
    if client is None:
        return {"clearances": 0}
    owen, beth = run.made["users"]["owen"], run.made["users"]["beth"]
    home = demo_home(run, client)
    if ClearancePlan.objects.filter(home=home).exists():
        return {"clearances": 0}
    plan = services.clearance_plan_create(acting_user=owen, home=home, planned_on=today() + dt.timedelta(days=10),
                                          contractor="Borchester House Clearance Ltd",
                                          notes="Mrs Marsden moved to Meadowbank; her son Graham is helping with "
                                                "the inventory.")
    to_safekeeping = []
    for name, description, value, decision, by_leader in ITEMS:
        item = services.inventory_item_add(acting_user=owen, plan=plan, item=name, description=description,
                                           estimated_value=Decimal(value))
        if decision:
            item = services.inventory_item_decide(acting_user=beth if by_leader else owen, item=item,
                                                  decision=decision, note="Agreed with Graham Marsden")
        if decision == "safekeeping":
            to_safekeeping.append(item)
        elif decision == "keep":
            services.inventory_item_leave(acting_user=owen, item=item, went_to="Meadowbank Care Home, her room",
                                          left_on=today() - dt.timedelta(days=2))
    services.safekeeping_receive(acting_user=owen, plan=plan, items=to_safekeeping,
                                 receipt_number=f"SK-{today():%Y}-{plan.pk:04d}", place="The council's safe, "
                                 "Client Affairs, Borchester Town Hall", received_by="Cashier's office",
                                 received_on=today() - dt.timedelta(days=1))
    return {"clearances": 1, "inventory_items": len(ITEMS)}
