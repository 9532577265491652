"""A small world of attributed changes for the audit tests.

- Olivia (officer) changes Margaret Thornton's phone number and adds a note, in request ``req-olivia-0001``;
- Owen (the charging officer) changes Harold Pemberton's name, in request ``req-owen-0002``;
- the deadlines job runs for 24 November 2026 (a job run with no client).
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.context import Actor, acting
from core.jobs import job_run
from people import services


@pytest.fixture
def changes(officer, other_officer, north_client, charging_client):
    with acting(Actor(user=officer, correlation_id="req-olivia-0001")):
        services.client_update(acting_user=officer, client=north_client, reason="Daughter phoned with new number",
                               phone="01632 960555")
        services.note_add(acting_user=officer, client=north_client,
                          text="Spoke to daughter about the care home fees")
    with acting(Actor(user=other_officer, correlation_id="req-owen-0002")):
        services.client_update(acting_user=other_officer, client=charging_client, reason="Spelling corrected",
                               middle_names="Arthur")
    job_run(job="deadlines", period="2026-11-24", work=lambda run: services.deadlines_run(on=dt.date(2026, 11, 24)))
    return {"north": north_client, "charging": charging_client, "officer": officer}
