"""Reads of write-offs: those waiting for someone's approval, a debtor's, one by id, and debts written
off that have had money since (to reinstate)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from debt_recovery.accounts.selectors import debtor_accounts_visible_to
from debt_recovery.writeoffs.choices import WriteOffStatus
from debt_recovery.writeoffs.models import AuthorityBand, DelegatedAuthority, WriteOff
from ledger.models import Posting


def writeoffs_visible_to(*, user) -> QuerySet[WriteOff]:
    return (WriteOff.objects.filter(debtor__in=debtor_accounts_visible_to(user=user))
            .select_related("debtor__client", "recommended_by", "decided_by"))


def access_writeoff(*, user, pk) -> WriteOff:
    """The write-off, if its client is one the user may see; otherwise 404, whether it exists or not."""
    try:
        return writeoffs_visible_to(user=user).get(pk=pk)
    except (WriteOff.DoesNotExist, ValueError, TypeError):
        raise Http404("No write-off found") from None


def writeoffs_awaiting(*, user) -> QuerySet[WriteOff]:
    """Write-offs waiting for approval that ``user`` did not recommend, oldest first (the approvals panel
    and list; whether the user has the authority for each is shown beside it)."""
    return (writeoffs_visible_to(user=user).filter(status=WriteOffStatus.RECOMMENDED)
            .exclude(recommended_by=user).order_by("recommended_at", "pk"))


def debtor_writeoffs(*, debtor) -> QuerySet[WriteOff]:
    return WriteOff.objects.filter(debtor=debtor).select_related("recommended_by", "decided_by")


def written_off_with_money_since(*, user) -> QuerySet[WriteOff]:
    """Written-off debts whose debtor has paid something recorded after the write-off: each should be
    reinstated (its write-off reversed) so the payment is set against a debt that is owed again."""
    money_since = Posting.objects.filter(account_id=OuterRef("debtor__ledger_account_id"), amount__lt=0,
                                         transaction__kind="receipt",
                                         transaction__posted_at__gt=OuterRef("transaction__posted_at"))
    return writeoffs_visible_to(user=user).filter(status=WriteOffStatus.APPROVED).filter(Exists(money_since))


def authority_bands() -> QuerySet[AuthorityBand]:
    return AuthorityBand.objects.all()


def delegations_current() -> QuerySet[DelegatedAuthority]:
    return DelegatedAuthority.objects.filter(ended_at__isnull=True).select_related("user", "granted_by")
