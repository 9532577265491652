"""The demonstration council's charging policy: Reading Borough Council's published choices for 2024/25,
a standard disability related expenditure allowance for people receiving Attendance Allowance, DLA or
PIP, with a full (itemised) assessment where the person asks for one and it comes to more, and its
minimum assessed contribution. Only what the cited pages say is set; every other choice is the national
rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from charging.policy.models import CouncilPolicyVersion
from charging.policy.services import policy_add

DEMO_POLICY_FROM = dt.date(2024, 4, 8)
DEMO_POLICY_SOURCE = (
    "Reading Borough Council, Care and Support Charging and Financial Assessment Framework, Appendix C: "
    "Disability Related Expenditure Guide 2024-2025 ('We apply a standard allowance of £10.85 per week unless "
    "you ask us for a full assessment of your disability-related expenses'), "
    "https://reading.gov.uk/adult-care/carecharges/care-and-support-charging-and-financial-assessment-framework-"
    "policies/appendix-c-disability-related-expenditure-guide; Appendix B: Financial Assessment Allowances "
    "Schedule 2024-2025 ('Minimum Assessed Contribution – £1.25 per week (services are FREE if assessed "
    "contribution is less than this)'), https://www.reading.gov.uk/adult-care/carecharges/care-and-support-"
    "charging-and-financial-assessment-framework-policies/appendix-b-financial-assessment-allowances-schedule/"
)


def seed_policy(*, acting_user) -> int:
    """Add the demonstration policy once; returns how many versions were added (0 or 1)."""
    if CouncilPolicyVersion.objects.filter(effective_from=DEMO_POLICY_FROM).exists():
        return 0
    policy_add(acting_user=acting_user, effective_from=DEMO_POLICY_FROM, source=DEMO_POLICY_SOURCE,
               reason="The demonstration council's charging policy", dre_flat=Decimal("10.85"),
               dre_itemised_if_higher=True, dre_flat_needs_disability_benefit=True, minimum_charge=Decimal("1.25"))
    return 1
