"""Reads of referrals and applications, narrowed to the clients the user may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from deputyship.referrals.choices import AuthoritySought
from deputyship.referrals.models import AppointeeReview, InterestedParty, Referral, ReferralDocument
from people.selectors import clients_visible_to, team_cases


def referrals_visible_to(*, user) -> QuerySet[Referral]:
    return (Referral.objects.filter(client__in=clients_visible_to(user=user))
            .select_related("client", "authority", "created_by"))


def access_referral(*, user, pk) -> Referral:
    """The referral, if its client is one the user may see; otherwise 404, whether it exists or not."""
    try:
        return referrals_visible_to(user=user).get(pk=pk)
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404("No referral found") from None


def access_referral_document(*, user, pk) -> ReferralDocument:
    try:
        return (ReferralDocument.objects.select_related("referral__client")
                .get(pk=pk, referral__client__in=clients_visible_to(user=user)))
    except (ReferralDocument.DoesNotExist, ValueError, TypeError):
        raise Http404("No such document") from None


def access_appointee_review(*, user, pk) -> AppointeeReview:
    """A DWP review of an appointeeship, if the user may see its client; otherwise 404, whether it exists or not."""
    try:
        return (AppointeeReview.objects.select_related("client", "authority")
                .get(pk=pk, client__in=clients_visible_to(user=user)))
    except (AppointeeReview.DoesNotExist, ValueError, TypeError):
        raise Http404("No such review") from None


def open_referrals(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.filter(closed_on__isnull=True, authority__isnull=True)


def awaiting_documents(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """Open referrals, not yet submitted, with a checklist document not yet returned."""
    outstanding = ReferralDocument.objects.filter(referral=OuterRef("pk"), returned_on__isnull=True)
    return open_referrals(referrals).filter(submitted_on__isnull=True).filter(Exists(outstanding))


def parties_not_told(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """Open deputyship applications, not yet submitted, with an interested party not yet told (or none named
    and no reason recorded)."""
    untold = InterestedParty.objects.filter(referral=OuterRef("pk"), notified_on__isnull=True)
    named = InterestedParty.objects.filter(referral=OuterRef("pk"))
    waiting = open_referrals(referrals).filter(submitted_on__isnull=True, authority_sought=AuthoritySought.DEPUTYSHIP)
    return waiting.filter(Exists(untold)) | waiting.filter(~Exists(named), no_parties_reason="")


def for_team(referrals: QuerySet[Referral], scope) -> QuerySet[Referral]:
    cases = team_cases(team=scope.team, officer=scope.officer, unallocated=scope.unallocated)
    return referrals.filter(client__in=cases.values("client"))


def referral_stage(referral: Referral) -> str:
    """Where the referral stands, in words for the list and the client's tab."""
    if referral.closed_on:
        return "Closed"
    if referral.authority_id:
        return "Order received" if referral.is_deputyship else "Appointeeship approved (BF57)"
    if not referral.is_deputyship:
        if referral.dwp_visit_on:
            return "Waiting for the DWP's decision"
        return "BF56 sent" if referral.bf56_sent_on else "Gathering information"
    if referral.issued_on:
        return "Issued by the court: waiting for the order"
    if referral.submitted_on:
        return "Submitted to the court"
    documents = list(referral.documents.all())
    if any(d.returned_on is None for d in documents):
        return "Awaiting documents"
    parties = list(referral.parties.all())
    if any(p.notified_on is None for p in parties) or (not parties and not referral.no_parties_reason):
        return "Interested parties to tell"
    return "Ready to submit"


def documents_overdue(*, on: dt.date) -> QuerySet[ReferralDocument]:
    return ReferralDocument.objects.filter(returned_on__isnull=True, due_on__lt=on)
