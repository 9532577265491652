"""The property team's part of the demonstration: the homes of the clients it holds.

- Mr Eastwood's house is empty while he is in supported living: insured with cover while unoccupied
  (an inspection at least every 14 days), inspected, and now overdue for the next inspection.
- Mrs Marsden's house is let while she is in a care home: gas safety record (running out soon), EICR and
  an EPC rated D; the rent is partly in arrears. The North client affairs team, which keeps her money,
  records the rent received.
- Mr Tindall's house (he has a deferred payment agreement) is empty and uninsured.

Written through the services, keyed on the client and the first line of the address: a second run adds
nothing. Dates are relative to the day the demo is seeded.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from properties.register.models import Property


def seed_demo_step(run) -> dict[str, int]:
    from people.demo import PROPERTY, clients_of
    from properties.inspections.services import inspection_record
    from properties.insurance.services import policy_record
    from properties.lettings.services import certificate_record, rent_receipt_record, tenancy_start
    from properties.register.choices import Occupancy
    from properties.register.services import occupancy_change, property_record, valuation_record

    on = run.on
    users = run.made["users"]
    beth, olivia = users["beth"], users["olivia"]
    made = {"properties": 0, "policies": 0, "inspections": 0, "certificates": 0, "tenancies": 0, "rent receipts": 0}
    held = {client.last_name: client for client, _person, _index in clients_of(run, PROPERTY)}

    def days(n):
        return on - dt.timedelta(days=n)

    def home_of(name, line_1, postcode, value, valued_days_ago):
        client = held.get(name)
        if client is None:
            return None, False
        home = Property.objects.filter(client=client, address_line_1=line_1).first()
        if home is not None:
            return home, False
        home = property_record(acting_user=beth, client=client, address_line_1=line_1, town="Borchester",
                               postcode=postcode, occupancy_since=days(3000), reason="Demo: the client's home")
        valuation_record(acting_user=beth, home=home, valued_on=days(valued_days_ago), value=Decimal(value),
                         valuer="Borchester Valuers LLP (RICS Registered Valuer)")
        made["properties"] += 1
        return home, True

    home, new = home_of("Eastwood", "7 Kestrel Close", "QB5 2RT", "185000", 110)
    if new:
        occupancy_change(acting_user=beth, home=home, occupancy=Occupancy.EMPTY, since=days(120),
                         note="Moved to supported living")
        policy_record(acting_user=beth, home=home, insurer="Borsetshire Mutual Insurance", policy_number="BMI-UNO-4471",
                      cover="Buildings and contents", unoccupied_cover=True, inspection_every_days=14,
                      unoccupied_conditions="Inspected inside and out at least every 14 days; water drained down; "
                                            "post cleared", starts_on=days(120), renews_on=days(120) + dt.timedelta(days=365),
                      premium=Decimal("486.20"))
        made["policies"] += 1
        for visit_days, condition, findings in ((100, "good", "Secure; heating on frost setting"),
                                                (85, "good", "Secure; post cleared"),
                                                (70, "fair", "Gutter at the back blocked; post cleared"),
                                                (45, "good", "Gutter cleared; secure")):
            inspection_record(acting_user=beth, home=home, visited_on=days(visit_days), inspector="Beth Lowe",
                              condition=condition, findings=findings)
            made["inspections"] += 1

    home, new = home_of("Marsden", "22 Orchard Way", "QB2 6LS", "232500", 200)
    if new:
        occupancy_change(acting_user=beth, home=home, occupancy=Occupancy.EMPTY, since=days(240),
                         note="Moved into Meadowbank Care Home")
        policy_record(acting_user=beth, home=home, insurer="Borsetshire Mutual Insurance", policy_number="BMI-LL-2208",
                      cover="Landlord buildings and contents", starts_on=days(200),
                      renews_on=days(200) + dt.timedelta(days=365), premium=Decimal("352.00"))
        made["policies"] += 1
        certificate_record(acting_user=beth, home=home, kind="gas", checked_on=days(350), engineer="Gas Safe reg. 512345",
                           reference="GSR-22OW-1", copy_to_tenant_on=days(160))
        certificate_record(acting_user=beth, home=home, kind="eicr", checked_on=days(190), engineer="NICEIC 60712",
                           reference="EICR-22OW", copy_to_tenant_on=days(160))
        certificate_record(acting_user=beth, home=home, kind="epc", checked_on=days(190), rating="D",
                           reference="0123-4567-8901-2345-6789")
        made["certificates"] += 3
        tenancy = tenancy_start(acting_user=beth, home=home, tenant="Daniel and Priya Okafor", rent=Decimal("795"),
                                rent_frequency="monthly", starts_on=days(160), deposit=Decimal("917.30"),
                                deposit_received_on=days(165), deposit_scheme="dps", deposit_protected_on=days(158),
                                deposit_reference="DPS-88213")
        made["tenancies"] += 1
        for month in range(3):  # six months due, three paid: three in arrears
            rent_receipt_record(acting_user=olivia, tenancy=tenancy, amount=Decimal("795"),
                                received_on=days(158 - 30 * month), idempotency_key=f"demo-{month}")
            made["rent receipts"] += 1

    home, new = home_of("Tindall", "3 Church View", "QB6 1HW", "164000", 95)
    if new:
        occupancy_change(acting_user=beth, home=home, occupancy=Occupancy.EMPTY, since=days(90),
                         note="Moved to The Beeches Nursing Home")
    return made
