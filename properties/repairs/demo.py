"""The repairs part of the demo: the property clients' homes (made with ``property_record`` where the
register's demo has not made them) and a repair above the threshold waiting for a second approval."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from people.selectors import today
from properties.register.models import Property
from properties.register.services import property_record

WHAT = "Roof tiles slipped after the storm; water coming into the back bedroom"

# Demo addresses (Borchester is the demo's fictional town; QB is its fictional postcode area).
ADDRESSES = {
    "Eastwood": ("12 Canal Street", "QB2 4CS"),
    "Marsden": ("3 Orchard Cottages", "QB5 1OC"),
    "Tindall": ("27 Station Road", "QB3 9SR"),
}


def demo_home(run, client):
    """The client's home in the demo: the first one the register holds, else one recorded now."""
    home = Property.objects.filter(client=client).order_by("id").first()
    if home is None:
        line, postcode = ADDRESSES.get(client.last_name, (f"{client.pk} High Street", "QB1 1AA"))
        home = property_record(acting_user=run.made["users"]["owen"], client=client, address_line_1=line,
                               town="Borchester", postcode=postcode, reason="Demo home", occupancy="empty",
                               occupancy_since=today() - dt.timedelta(days=90))
    return home


def demo_client(run, last_name: str):
    from people.demo import PROPERTY, clients_of

    held = clients_of(run, PROPERTY)
    return next((client for client, _person, _index in held if client.last_name == last_name), None)


def seed_demo_step(run) -> dict[str, int]:
    from properties.repairs import services
    from properties.repairs.models import Repair

    client = demo_client(run, "Eastwood")
    if client is None:
        return {"repairs": 0}
    owen = run.made["users"]["owen"]
    home = demo_home(run, client)
    if Repair.objects.filter(home=home, what=WHAT).exists():
        return {"repairs": 0}
    repair = services.repair_report(acting_user=owen, home=home, what=WHAT, reported_on=today() - dt.timedelta(days=3),
                                    urgency="urgent", reported_by="Neighbour at number 14")
    services.quote_add(acting_user=owen, repair=repair, trades_person="Borchester Roofing Ltd",
                       amount=Decimal("2150.00"), quoted_on=today() - dt.timedelta(days=2))
    cheaper = services.quote_add(acting_user=owen, repair=repair, trades_person="T. Hale & Son",
                                 amount=Decimal("1875.00"), quoted_on=today() - dt.timedelta(days=1))
    # Above the threshold: it waits for someone other than Owen (Beth, the team leader, can approve it).
    services.repair_approval_request(acting_user=owen, repair=repair, quote=cheaper)
    return {"repairs": 1}
