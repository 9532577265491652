"""Every model of the charging app, for Django, which loads an app's models from ``<app>.models``.

Each model lives with the part of charging it belongs to (see ``docs/decisions.md``, "One layout for
a large app"): the rates in :mod:`charging.rates.models`, care packages, assessments and their evidence
in :mod:`charging.assessments.models`, top-ups, appeals, deprivation decisions and referrals in
:mod:`charging.casework.models`, invoices and period charges in :mod:`charging.run.models`, the April
uplift in :mod:`charging.uplift.models`, the council's policy in :mod:`charging.policy.models`. They
are all models of the ``charging`` app (one app label, one migrations folder). Import them from here or from where they live.
"""

from charging.rates.models import Rate
from charging.assessments.models import Assessment, AssessmentEvidence, CarePackage, DateRange
from charging.casework.models import Appeal, DeprivationDecision, Referral, TopUpAgreement, TopUpInvoice
from charging.run.models import Invoice, PeriodCharge, charge_key
from charging.uplift.models import UpliftItem, UpliftRun
from charging.policy.models import CouncilPolicyVersion

__all__ = [
    "Appeal",
    "Assessment",
    "AssessmentEvidence",
    "CouncilPolicyVersion",
    "CarePackage",
    "DateRange",  # used by migration 0008's exclusion constraint
    "DeprivationDecision",
    "Invoice",
    "PeriodCharge",
    "Rate",
    "Referral",
    "TopUpAgreement",
    "TopUpInvoice",
    "UpliftItem",
    "UpliftRun",
    "charge_key",
]
