"""Who may do what in clients' property (see :mod:`core.rules`). The rules every part shares are here;
each part defines its own from its ``rules.register()``."""

from __future__ import annotations

from core.rules import define
from people.choices import Service
from people.rules import holds, leads_in, reads_everything, sees_client, works_in

TEAM = Service.PROPERTY


def register() -> None:
    define("properties.view_client", sees_client, "You cannot see this client's record.")
    define("properties.work_client", holds(TEAM), "Only the team that holds this client's case can change it.")
    define("properties.work_any", works_in(TEAM), "This is the work of the property team.")
    define("properties.view_any", works_in(TEAM) | reads_everything, "This list is for the property team.")
    define("properties.lead", leads_in(TEAM), "Only the team's leaders may do this.")
    # Each part's rules, defined once.
    from properties.register import rules as register_rules
    from properties.insurance import rules as insurance_rules
    from properties.inspections import rules as inspections_rules
    from properties.lettings import rules as lettings_rules
    from properties.repairs import rules as repairs_rules
    from properties.clearance import rules as clearance_rules
    from properties.sale import rules as sale_rules

    for part in (register_rules, insurance_rules, inspections_rules, lettings_rules, repairs_rules, clearance_rules, sale_rules):
        part.register()
