"""The April uplift works each person out again with the new year's rates *and* the council's policy
in force on the uplift date; the assessments it replaces keep the policy they used."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from charging import services
from charging.models import Assessment
from tests.charging.uplift.test_services import UPLIFT, _preview, new_pea, residents  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_the_uplift_uses_the_new_years_policy(residents, new_pea, charging_leader):  # noqa: F811
    services.policy_add(acting_user=charging_leader, effective_from=dt.date(2026, 4, 6), source="Policy 2026",
                        reason="2026 policy", minimum_charge=Decimal("1.00"))
    services.policy_add(acting_user=charging_leader, effective_from=UPLIFT, source="Policy 2027",
                        reason="2027 policy", minimum_charge=Decimal("2.00"))
    before = {a.pk: a.result.get("policy_used", {}) for a in Assessment.objects.all()}
    run = _preview(charging_leader)
    items = list(run.items.all())
    assert items and all(item.new_result["policy_used"]["source"] == "Policy 2027" for item in items)
    assert all(item.new_result["policy_used"]["minimum_charge"] == "2.00" for item in items)
    # The assessments in force are untouched: each keeps the policy (here none) it was made with.
    assert {a.pk: a.result.get("policy_used", {}) for a in Assessment.objects.all()} == before
