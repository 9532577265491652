"""The death part of the demo: the demo client who died (their date of death is set in the people demo)
with the death recorded and the estate awaiting probate."""

from __future__ import annotations

import datetime as dt


def seed_demo_step(run) -> dict[str, int]:
    from deputyship.death.choices import NotifiedHow, WillStatus
    from deputyship.death.models import Death
    from deputyship.death.services import death_record
    from people.demo import NORTH, clients_of

    olivia = run.made["users"]["olivia"]
    made = {"deaths": 0}
    for client, _person, _index in clients_of(run, NORTH):
        if client.date_of_death is None or Death.objects.filter(client=client).exists():
            continue
        death_record(acting_user=olivia, client=client, died_on=client.date_of_death,
                     notified_on=client.date_of_death + dt.timedelta(days=1), notified_how=NotifiedHow.CARE_HOME,
                     will=WillStatus.VALID_WILL, executor="Harrow & Finch Solicitors")
        made["deaths"] += 1
    return made
