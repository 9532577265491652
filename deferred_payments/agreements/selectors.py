"""Reads of agreements and the council's deferred payment policy."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404

from core.rules import can
from deferred_payments.agreements.models import Agreement, AgreementPolicy
from people.selectors import clients_visible_to, today


def policy_in_force(on: dt.date | None = None) -> AgreementPolicy | None:
    """The council's policy on ``on`` (today): the latest that started by then."""
    return AgreementPolicy.objects.filter(effective_from__lte=on or today()).order_by("-effective_from").first()


def agreements_visible_to(*, user) -> QuerySet[Agreement]:
    return (Agreement.objects.filter(client__in=clients_visible_to(user=user))
            .select_related("client", "home", "application", "legal_charge", "prepared_by", "approved_by"))


def access_agreement(*, user, pk) -> Agreement:
    """The agreement, or a 404 alike for one that does not exist and one the user may not see."""
    agreement = agreements_visible_to(user=user).filter(pk=pk).first()
    if agreement is None or not can(user, "deferred_payments.view_client", agreement.client):
        raise Http404("No such agreement.")
    return agreement


def client_agreements(*, client) -> QuerySet[Agreement]:
    return Agreement.objects.filter(client=client).select_related("home", "application").order_by("-created_at")


def agreement_application(agreement):
    """The agreement's application, or an empty unsaved one for an agreement recorded without one (made before
    applications were kept here): its answers are then all "not known"."""
    from deferred_payments.applications.models import Application

    found = Application.objects.filter(agreement=agreement).first()
    return found or Application(agreement=agreement, enquiry_on=agreement.created_at.date())
