"""The only code that writes the council's charging policy: :func:`policy_add`.

A new version takes effect from its day and the one before runs until then; nothing is changed in
place, so an assessment worked out under a version can always be explained. Each version carries the
policy document it comes from and the reason, in its history.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction

from charging.policy.models import CouncilPolicyVersion
from charging.policy.terms import AMOUNT, MIG_BANDS, PERCENT
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import set_reason
from core.roles import is_read_only
from core.rules import require

MONEY_FIELDS = ("dre_flat", "minimum_charge", "non_residential_ucl", "non_residential_lcl",
                "light_touch_income_limit")
FLAGS = ("dre_itemised_if_higher", "dre_flat_needs_disability_benefit", "pip_night_care_disregard",
         "couples_affordability_check")


def _require_policy_manager(user) -> None:
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        raise PermissionDeniedError("Sign in to make changes.")
    if is_read_only(user):
        raise PermissionDeniedError("Auditors have read-only access.")
    require(user, "charging.manage_policy")


def policy_add(*, acting_user, effective_from: dt.date, source: str, reason: str,
               mig_uplifts: dict | None = None, charge_percent: Decimal | None = None,
               personal_budget_percent: Decimal | None = None, **choices) -> CouncilPolicyVersion:
    """Add the council's policy from ``effective_from`` (every choice, as the policy document sets
    them; a blank figure is the national rule). Only charging team leaders and administrators."""
    _require_policy_manager(acting_user)
    errors: dict[str, list[str]] = {}
    unknown = set(choices) - set(MONEY_FIELDS) - set(FLAGS)
    if unknown:
        raise ApplicationError(f"Unknown policy fields: {', '.join(sorted(unknown))}.", code="invalid")
    if not isinstance(effective_from, dt.date):
        errors["effective_from"] = ["Give the date the policy takes effect."]
    if not source or not source.strip():
        errors["source"] = ["Say which policy document this comes from."]
    if not reason or not reason.strip():
        errors["reason"] = ["Give a reason for the change."]
    for name in MONEY_FIELDS:
        value = choices.get(name)
        if value is not None and (value < 0 or value != value.quantize(Decimal("0.01"))):
            errors[name] = ["Enter pounds and pence, not negative."]
    percent = Decimal("100") if charge_percent is None else charge_percent
    if not (Decimal("0") < percent <= Decimal("100")):
        errors["charge_percent"] = ["The share charged is more than 0% and at most 100%."]
    budget_percent = Decimal("100") if personal_budget_percent is None else personal_budget_percent
    if not (Decimal("0") < budget_percent <= Decimal("100")):
        errors["personal_budget_percent"] = ["The share of the personal budget is more than 0% and at most 100%."]
    ucl, lcl = choices.get("non_residential_ucl"), choices.get("non_residential_lcl")
    if ucl is not None and lcl is not None and lcl > ucl:
        errors["non_residential_lcl"] = ["The lower capital limit cannot be above the upper one."]
    uplifts = {}
    for band, uplift in (mig_uplifts or {}).items():
        kind, value = uplift.get("kind"), Decimal(str(uplift.get("value")))
        if band not in MIG_BANDS or kind not in (PERCENT, AMOUNT) or value <= 0:
            errors[f"mig_{band}"] = ["Give a percentage or an amount above nothing for a MIG band."]
        else:
            uplifts[band] = {"kind": kind, "value": str(value)}
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], code="invalid", extra=errors)
    version = CouncilPolicyVersion(effective_from=effective_from, source=source.strip(), mig_uplifts=uplifts,
                                   charge_percent=percent, personal_budget_percent=budget_percent,
                                   **{name: choices.get(name) for name in MONEY_FIELDS},
                                   **{name: choices[name] for name in FLAGS if name in choices})
    set_reason(version, reason.strip())
    version._history_user = acting_user
    try:
        with transaction.atomic():  # a savepoint: the demo seed adds a policy inside its own transaction
            version.save()
    except IntegrityError:
        raise ConflictError(f"There is already a policy from {effective_from.day} {effective_from:%B %Y}.",
                            code="policy_exists") from None
    return version
