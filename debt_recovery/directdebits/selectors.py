"""Reads of direct debits, narrowed to the debtors the user may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from debt_recovery.accounts.selectors import debtor_accounts_visible_to
from debt_recovery.directdebits.choices import AUDDIS_DUE, MandateStatus
from debt_recovery.directdebits.models import BacsFile, Collection, CollectionRun, Mandate


def mandates_visible_to(*, user) -> QuerySet[Mandate]:
    return Mandate.objects.filter(debtor__in=debtor_accounts_visible_to(user=user)).select_related("debtor")


def access_mandate(*, user, pk) -> Mandate:
    try:
        return mandates_visible_to(user=user).select_related("debtor__client").get(pk=pk)
    except (Mandate.DoesNotExist, ValueError, TypeError):
        raise Http404("No direct debit found") from None


def debtor_mandates(*, debtor) -> QuerySet[Mandate]:
    return Mandate.objects.filter(debtor=debtor).order_by("-created_at")


def debtor_collections(*, debtor) -> QuerySet[Collection]:
    return (Collection.objects.filter(mandate__debtor=debtor).select_related("mandate", "bacs_file", "payment")
            .order_by("-due_on", "-pk"))


def awaiting_lodgement(*, user) -> QuerySet[Mandate]:
    """Instructions to go in the next AUDDIS file (new, conversion or cancellation)."""
    return mandates_visible_to(user=user).filter(auddis_state__in=list(AUDDIS_DUE))


def pending_mandates(*, user) -> QuerySet[Mandate]:
    return mandates_visible_to(user=user).filter(status=MandateStatus.PENDING_LODGEMENT)


def collection_runs() -> QuerySet[CollectionRun]:
    return CollectionRun.objects.prefetch_related("files").order_by("-run_on")


def access_bacs_file(*, pk) -> BacsFile:
    try:
        return BacsFile.objects.get(pk=pk)
    except (BacsFile.DoesNotExist, ValueError, TypeError):
        raise Http404("No Bacs file found") from None
