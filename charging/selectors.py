"""Charging's reads, for the rest of the system: another domain app reaches charging only through this
module and :mod:`charging.services` (the ``domain-boundaries`` contract in pyproject.toml).

Each selector lives with the part of charging it belongs to and is re-exported here: rates
(:mod:`charging.rates.selectors`), care packages and financial assessments
(:mod:`charging.assessments.selectors`). Code inside charging imports the selector from where it lives.
"""

from charging.assessments.selectors import (
    access_assessment,
    access_care_package,
    assessments_awaiting_approval,
    assessments_for_team,
    assessments_visible_to,
    client_assessments,
    client_care_packages,
    coming,
    coming_assessment,
    in_force_on,
    live_assessment,
)
from charging.assessments.letters import payment_details
from charging.policy.selectors import policy_in_force
from charging.rates.selectors import rate_history, rates_in_force
from charging.run.periods import Period, period_containing, period_from_label, periods_ended_by

__all__ = [
    "access_assessment",
    "access_care_package",
    "assessments_awaiting_approval",
    "assessments_for_team",
    "assessments_visible_to",
    "client_assessments",
    "client_care_packages",
    "coming",
    "coming_assessment",
    "in_force_on",
    "live_assessment",
    "Period",
    "payment_details",
    "period_containing",
    "period_from_label",
    "periods_ended_by",
    "policy_in_force",
    "rate_history",
    "rates_in_force",
]
