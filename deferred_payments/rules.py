"""Who may do what in deferred payment agreements (see :mod:`core.rules`). The rules every part shares are here;
each part defines its own from its ``rules.register()``."""

from __future__ import annotations

from core.rules import define
from people.choices import Service
from people.rules import holds, leads_in, reads_everything, sees_client, works_in

TEAM = Service.DEFERRED_PAYMENTS


def register() -> None:
    define("deferred_payments.view_client", sees_client, "You cannot see this client's record.")
    define("deferred_payments.work_client", holds(TEAM), "Only the team that holds this client's case can change it.")
    define("deferred_payments.work_any", works_in(TEAM), "This is the work of the deferred payments team.")
    define("deferred_payments.view_any", works_in(TEAM) | reads_everything, "This list is for the deferred payments team.")
    define("deferred_payments.lead", leads_in(TEAM), "Only the team's leaders may do this.")
    # Each part's rules, defined once.
    from deferred_payments.rates import rules as rates_rules
    from deferred_payments.interest import rules as interest_rules
    from deferred_payments.accrual import rules as accrual_rules
    from deferred_payments.statements import rules as statements_rules
    from deferred_payments.applications import rules as applications_rules
    from deferred_payments.agreements import rules as agreements_rules
    from deferred_payments.charges import rules as charges_rules
    from deferred_payments.ending import rules as ending_rules

    for part in (rates_rules, interest_rules, accrual_rules, statements_rules, applications_rules, agreements_rules, charges_rules, ending_rules):
        part.register()
