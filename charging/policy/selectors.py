"""Reads of the council's charging policy: the version in force on a day, and the versions."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from charging.policy.models import CouncilPolicyVersion
from charging.policy.terms import NATIONAL_MINIMUM, CouncilPolicy


def policy_versions() -> QuerySet[CouncilPolicyVersion]:
    return CouncilPolicyVersion.objects.order_by("-effective_from")


def policy_version_in_force(on: dt.date) -> CouncilPolicyVersion | None:
    return CouncilPolicyVersion.objects.filter(effective_from__lte=on).order_by("-effective_from").first()


def policy_in_force(on: dt.date) -> CouncilPolicy:
    """The council's policy on ``on`` for the calculator; the national minimum where none is set."""
    version = policy_version_in_force(on)
    return version.terms() if version is not None else NATIONAL_MINIMUM
