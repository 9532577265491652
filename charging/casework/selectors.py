"""Reads for top-ups, appeals, deprivation decisions and referrals, narrowed to the clients the user
may see: ``access_*`` gives the same 404 for a record that does not exist and one the user may not see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from charging.casework.models import Appeal, DeprivationDecision, Referral, TopUpAgreement, TopUpInvoice
from people.models import Client
from people.selectors import clients_visible_to


def _access(qs: QuerySet, *, user, pk, client_path: str, what: str):
    try:
        return qs.filter(**{f"{client_path}__in": clients_visible_to(user=user)}).get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No {what} found") from None


def access_topup_agreement(*, user, pk) -> TopUpAgreement:
    return _access(TopUpAgreement.objects.select_related("client", "payer", "provider", "care_package"),
                   user=user, pk=pk, client_path="client", what="top-up agreement")


def access_topup_invoice(*, user, pk) -> TopUpInvoice:
    return _access(TopUpInvoice.objects.select_related("agreement__client", "agreement__payer", "follow_up_task"),
                   user=user, pk=pk, client_path="agreement__client", what="top-up invoice")


def access_appeal(*, user, pk) -> Appeal:
    return _access(Appeal.objects.select_related("client", "assessment", "reassessment", "deprivation_decision"),
                   user=user, pk=pk, client_path="client", what="appeal")


def client_topup_agreements(*, client: Client) -> QuerySet[TopUpAgreement]:
    return client.topup_agreements.select_related("payer", "provider").order_by("-start_date", "-id")


def agreement_invoices(*, agreement: TopUpAgreement) -> QuerySet[TopUpInvoice]:
    return agreement.invoices.select_related("follow_up_task__assigned_to").order_by("-period_start", "-id")


def client_topup_invoices(*, client: Client) -> QuerySet[TopUpInvoice]:
    return (TopUpInvoice.objects.filter(agreement__client=client)
            .select_related("agreement__payer", "follow_up_task").order_by("-period_start", "-id"))


def client_appeals(*, client: Client) -> QuerySet[Appeal]:
    return client.appeals.select_related("assessment", "reassessment", "deprivation_decision",
                                         "outcome_recorded_by").order_by("-received_on", "-id")


def client_deprivation_decisions(*, client: Client) -> QuerySet[DeprivationDecision]:
    return client.deprivation_decisions.select_related("decided_by", "assessment").order_by("-decided_on", "-id")


def client_referrals(*, client: Client) -> QuerySet[Referral]:
    return client.referrals.select_related("made_by", "team", "task__assigned_to").order_by("-made_at", "-id")


def client_casework(*, client: Client) -> dict:
    """What the client's casework section shows (the caller has checked access)."""
    return {
        "topups": list(client_topup_agreements(client=client)),
        "topup_invoices_missed": client_topup_invoices(client=client).filter(status="missed").count(),
        "appeals": list(client_appeals(client=client)),
        "deprivation_decisions": list(client_deprivation_decisions(client=client)),
        "referrals": list(client_referrals(client=client)[:10]),
    }
