"""Who may do what in client affairs casework (see :mod:`core.rules`). The rules every part shares are here;
each part defines its own from its ``rules.register()``."""

from __future__ import annotations

from core.rules import define
from people.choices import Service
from people.rules import holds, leads_in, reads_everything, sees_client, works_in

TEAM = Service.CLIENT_AFFAIRS


def register() -> None:
    define("deputyship.view_client", sees_client, "You cannot see this client's record.")
    define("deputyship.work_client", holds(TEAM), "Only the team that holds this client's case can change it.")
    define("deputyship.work_any", works_in(TEAM), "This is the work of the client affairs team.")
    define("deputyship.view_any", works_in(TEAM) | reads_everything, "This list is for the client affairs team.")
    define("deputyship.lead", leads_in(TEAM), "Only the team's leaders may do this.")
    # Each part's rules, defined once.
    from deputyship.referrals import rules as referrals_rules
    from deputyship.authority import rules as authority_rules
    from deputyship.appointment import rules as appointment_rules
    from deputyship.safeguarding import rules as safeguarding_rules
    from deputyship.schedule import rules as schedule_rules
    from deputyship.payruns import rules as payruns_rules
    from deputyship.cards import rules as cards_rules
    from deputyship.lifeevents import rules as lifeevents_rules
    from deputyship.death import rules as death_rules
    from deputyship.fees import rules as fees_rules
    from deputyship.returns import rules as returns_rules

    for part in (referrals_rules, authority_rules, appointment_rules, safeguarding_rules, schedule_rules, payruns_rules, cards_rules, lifeevents_rules, death_rules, fees_rules, returns_rules):
        part.register()
