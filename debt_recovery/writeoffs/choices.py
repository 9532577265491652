"""The fixed lists of write-offs (each backed by a CHECK constraint)."""

from decimal import Decimal

from django.db import models


class WriteOffReason(models.TextChoices):
    """Why a debt is recommended for write-off (the reasons ``debt_recovery.md`` lists)."""

    UNECONOMIC = "uneconomic", "Uneconomic to recover"
    DECEASED_NO_ESTATE = "deceased_no_estate", "Deceased with no estate"
    UNTRACEABLE = "untraceable", "Debtor cannot be traced"
    STATUTE_BARRED = "statute_barred", "Statute-barred (more than six years since it fell due)"
    INSOLVENCY = "insolvency", "Insolvency (bankruptcy, debt relief order, IVA)"
    SMALL_BALANCE = "small_balance", "Small balance (bulk write-off)"


class WriteOffStatus(models.TextChoices):
    RECOMMENDED = "recommended", "Waiting for approval"
    APPROVED = "approved", "Written off"
    REJECTED = "rejected", "Not approved"
    REINSTATED = "reinstated", "Reinstated (write-off reversed)"


class AuthorityLevel(models.TextChoices):
    """Who may approve a write-off, lowest first. Officers and team leaders are what their debt recovery
    team membership says; a senior manager or the Executive is a delegation an administrator records."""

    OFFICER = "officer", "Debt recovery officer"
    TEAM_LEADER = "team_leader", "Debt recovery manager (team leader)"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    EXECUTIVE = "executive", "The Executive"


#: The order of the levels: a higher level may approve whatever a lower one may.
LEVEL_RANK = {level: rank for rank, level in enumerate(AuthorityLevel.values, start=1)}

#: The levels an administrator grants by name (officers and team leaders come from their team).
DELEGATED_LEVELS = (AuthorityLevel.SENIOR_MANAGER, AuthorityLevel.EXECUTIVE)

#: Bulk write-off of small balances: the threshold offered when none is given. Middlesbrough writes off
#: small balances under £50 in bulk (../shared/domain/debt_recovery.md, "Write-off").
SMALL_BALANCE_THRESHOLD = Decimal("50.00")
