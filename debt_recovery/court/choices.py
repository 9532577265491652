"""The fixed lists of county court claims, enforcement and estates (each backed by a CHECK constraint)."""

from django.db import models


class ClaimStatus(models.TextChoices):
    PREPARED = "prepared", "Claim pack prepared"
    ISSUED = "issued", "Claim issued"
    JUDGMENT = "judgment", "Judgment obtained"
    ENFORCEMENT = "enforcement", "Being enforced"
    SETTLED = "settled", "Paid or settled"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: A claim still being pursued.
OPEN_STATUSES = (ClaimStatus.PREPARED, ClaimStatus.ISSUED, ClaimStatus.JUDGMENT, ClaimStatus.ENFORCEMENT)


class DeferredPaymentAnswer(models.TextChoices):
    """Care Act 2014 s.69(2): the council may not recover a sum as a debt through the county court where a
    deferred payment agreement could be entered into and the person has not refused one. Deferred payments
    are not in this system yet, so the officer answers for the claim, and the answer is kept."""

    NOT_POSSIBLE = "not_possible", ("A deferred payment agreement could not be entered into (no property "
                                    "to secure it, or not eligible)")
    REFUSED = "refused", "One was offered and the person (or their representative) refused it"
    NOT_REFUSED = "not_refused", "One could be entered into and has not been refused"


class EnforcementKind(models.TextChoices):
    ENFORCEMENT_AGENTS = "enforcement_agents", "Enforcement agents (warrant of control)"
    ATTACHMENT_OF_EARNINGS = "attachment_of_earnings", "Attachment of earnings order"
    CHARGING_ORDER = "charging_order", "Charging order on property"


class EstateStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLAIMED = "claimed", "Claim made against the estate"
    CLOSED = "closed", "Closed"


class ProbateResult(models.TextChoices):
    NOT_SEARCHED = "not_searched", "Not searched yet"
    GRANT_FOUND = "grant_found", "Grant of probate or letters of administration found"
    NO_GRANT_YET = "no_grant_yet", "No grant yet: search again later"
    NO_ESTATE = "no_estate", "No estate to claim against"
