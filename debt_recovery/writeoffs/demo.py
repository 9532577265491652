"""Write-offs in the demonstration: Woking's authority bands, one write-off approved and posted, and one
waiting for approval. Keyed on the debtor, so a second run adds nothing."""

from __future__ import annotations

from decimal import Decimal

from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.accounts.selectors import aged_balances
from debt_recovery.writeoffs.choices import AuthorityLevel, WriteOffReason
from debt_recovery.writeoffs.models import WriteOff
from debt_recovery.writeoffs.services import authority_bands_seed, writeoff_approve, writeoff_recommend

#: Woking Borough Council's write-off authority: officers up to £100, a manager up to £5,000, a senior
#: manager up to £10,000, above that the Executive (../shared/domain/debt_recovery.md, "Write-off").
WOKING_BANDS = [
    (Decimal("100.00"), AuthorityLevel.OFFICER),
    (Decimal("5000.00"), AuthorityLevel.TEAM_LEADER),
    (Decimal("10000.00"), AuthorityLevel.SENIOR_MANAGER),
    (None, AuthorityLevel.EXECUTIVE),
]
WOKING_SOURCE = "Woking Borough Council's write-off authority levels (debt_recovery.md, Write-off)"


def seed_writeoffs(*, officer, leader, administrator) -> dict[str, int]:
    bands = authority_bands_seed(acting_user=administrator, bands=WOKING_BANDS, source=WOKING_SOURCE,
                                 reason="The council's write-off authority levels")
    debtors = list(DebtorAccount.objects.filter(status="open", client__date_of_death__isnull=True)
                   .order_by("reference"))
    owed = aged_balances(ledger_account_ids=[d.ledger_account_id for d in debtors])
    candidates = [d for d in debtors if Decimal("0") < owed[d.ledger_account_id].owed <= Decimal("5000")]
    added = 0
    if WriteOff.objects.exists() or len(candidates) < 2:
        return {"writeoff_bands": bands, "writeoffs": 0}
    gone, small = candidates[-1], candidates[-2]
    approved = writeoff_recommend(
        acting_user=officer, debtor=gone, amount=owed[gone.ledger_account_id].owed, reason=WriteOffReason.UNTRACEABLE,
        note="Letters returned 'gone away'; no forwarding address from the care home, Royal Mail or the electoral "
             "roll; tracing agent found no trace.")
    writeoff_approve(acting_user=leader, writeoff=approved, note="Tracing exhausted; agreed.")
    part = min(owed[small.ledger_account_id].owed, Decimal("85.40"))
    writeoff_recommend(acting_user=officer, debtor=small, amount=part, reason=WriteOffReason.UNECONOMIC,
                       note="Disputed transport charges from before the review; the cost of recovery is more than "
                            "the sum.")
    added = 2
    return {"writeoff_bands": bands, "writeoffs": added}


def seed_demo_step(run) -> dict[str, int]:
    users = run.made["users"]
    return seed_writeoffs(officer=users["dev"], leader=users["joan"], administrator=users["admin"])
