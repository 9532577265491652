"""Who may do what in financial assessment and charging (see :mod:`core.rules`).

Anyone who may see a client may read their care packages, assessments, top-ups and appeals (client
affairs pays the bills as deputy; debt recovery chases them). Only an officer whose charging team
holds the client's case does the casework; only a charging team leader of that team approves an
assessment or records a deprivation decision (never the person who worked it out: the service and
the database refuse that too). Charging team leaders keep the rates (administrators may too: rates
are reference data) and run the April uplift; a large uplift is confirmed by a second one.
"""

from __future__ import annotations

from rules import predicate

from core.rules import define
from people.choices import Service
from people.rules import (
    holds,
    is_administrator,
    leads_for,
    leads_in,
    reads_everything,
    sees_client,
    works_anywhere,
    works_in,
)

CHARGING = Service.CHARGING


@predicate
def is_assessor(user, assessment):
    return getattr(assessment, "assessed_by_id", None) == user.pk


@predicate
def asked_to_commit(user, run):
    """The team leader who asked to commit the uplift (who cannot also confirm it)."""
    return getattr(run, "commit_requested_by_id", None) == user.pk


def register() -> None:
    define("charging.view_client_charging", sees_client, "You cannot see this client's charging records.")
    define("charging.work_any", works_in(CHARGING), "Only the charging team can make financial assessments.")
    define("charging.work_client", holds(CHARGING),
           "Only the charging team that holds this client's case can change their charging records.")
    define("charging.approve_assessment", leads_for(CHARGING),
           "Only a team leader of the charging team holding this client's case can approve an assessment.")
    define("charging.return_assessment", leads_for(CHARGING) | (holds(CHARGING) & is_assessor),
           "Only a charging team leader or the assessor can return an assessment to draft.")
    define("charging.decide_deprivation", leads_for(CHARGING),
           "Only a charging team leader can record a deprivation of assets decision.")
    define("charging.approve_any", leads_in(CHARGING), "Only charging team leaders approve assessments.")
    define("charging.use_menu", works_in(CHARGING) | reads_everything,
           "The charging pages are for the financial assessment and charging team.")
    define("charging.view_approvals", leads_in(CHARGING) | reads_everything,
           "The approvals queue is for charging team leaders.")
    define("charging.view_rates", works_anywhere | reads_everything, "Sign in to read the rates.")
    define("charging.add_rate", leads_in(CHARGING) | is_administrator,
           "Only a charging team leader or an administrator can add a rate.")
    define("charging.view_uplift", leads_in(CHARGING) | reads_everything,
           "The April uplift is for charging team leaders.")
    define("charging.run_uplift", leads_in(CHARGING), "Only a charging team leader can run the April uplift.")
    define("charging.raise_topup_invoices", leads_in(CHARGING), "Only a charging team leader can raise top-up "
           "invoices.")
    define("charging.confirm_uplift", leads_in(CHARGING) & ~asked_to_commit,
           "A large uplift is confirmed by a charging team leader other than the one who asked to commit it.")
    define("charging.calculate", works_anywhere | reads_everything, "Sign in to use the calculator.")
    # The council's charging policy: published, so anyone signed in reads it; kept like the rates.
    define("charging.view_policy", works_anywhere | reads_everything, "Sign in to read the charging policy.")
    define("charging.manage_policy", leads_in(CHARGING) | is_administrator,
           "Only a charging team leader or an administrator can change the charging policy.")
