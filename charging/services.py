"""Charging's writes, for the rest of the system: another domain app reaches charging only through
this module and :mod:`charging.selectors` (the ``domain-boundaries`` contract in pyproject.toml).

Each service lives with the part of charging it belongs to and is re-exported here: rates
(:mod:`charging.rates.services`), care packages, financial assessments and their evidence
(:mod:`charging.assessments.services`). Code inside charging imports the service from where it lives.
The charging run, the April uplift and casework have their own services (``charging.run.services``,
``charging.uplift.services``, ``charging.casework.services``), reached through their pages and jobs.
"""

from charging.assessments.calculator import MissingRate
from charging.assessments.services import (
    assessment_approve,
    assessment_draft_create,
    assessment_draft_update,
    assessment_return_to_draft,
    assessment_submit,
    assessments_take_effect,
    care_package_add,
    care_package_end,
    evidence_add,
    evidence_verify,
    replace_from,
)
from charging.policy.services import policy_add
from charging.rates.services import rate_add

__all__ = [
    "MissingRate",
    "assessment_approve",
    "assessment_draft_create",
    "assessment_draft_update",
    "assessment_return_to_draft",
    "assessment_submit",
    "assessments_take_effect",
    "care_package_add",
    "care_package_end",
    "evidence_add",
    "evidence_verify",
    "policy_add",
    "rate_add",
    "replace_from",
]
