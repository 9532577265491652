"""Reads of care packages and financial assessments, narrowed to the clients the user may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet
from django.http import Http404

from charging.assessments.choices import AssessmentStatus
from charging.assessments.models import Assessment, CarePackage
from people.models import Client
from people.choices import Service
from people.rules import reads_everything
from people.selectors import clients_visible_to, current_allocations, today


# --- care packages and assessments (narrowed to the clients the user may see) ----------------------

def assessments_visible_to(*, user) -> QuerySet[Assessment]:
    return Assessment.objects.filter(client__in=clients_visible_to(user=user))


def access_assessment(*, user, pk) -> Assessment:
    """The assessment, if this user may see its client; otherwise 404, whether it exists or not."""
    try:
        return (assessments_visible_to(user=user)
                .select_related("client", "care_package", "assessed_by", "approved_by", "letter").get(pk=pk))
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404("No assessment found") from None


def access_care_package(*, user, pk) -> CarePackage:
    try:
        return CarePackage.objects.filter(client__in=clients_visible_to(user=user)).select_related("client").get(pk=pk)
    except (CarePackage.DoesNotExist, ValueError, TypeError):
        raise Http404("No care package found") from None


def client_care_packages(*, client: Client) -> QuerySet[CarePackage]:
    """The client's care packages, newest first (the caller has checked access)."""
    return client.care_packages.select_related("provider").order_by("-start_date", "-id")


def client_assessments(*, client: Client) -> QuerySet[Assessment]:
    """The client's assessments, newest first (the caller has checked access)."""
    return (client.assessments.select_related("care_package", "assessed_by", "approved_by", "letter")
            .order_by("-assessment_date", "-id"))


def in_force_on(day: dt.date) -> Q:
    """Assessments in force on ``day``: approved (or since superseded), started by then, not yet
    replaced (``Assessment.replaced_from``). The database allows one per client and setting."""
    return (Q(status__in=[AssessmentStatus.APPROVED, AssessmentStatus.SUPERSEDED], effective_from__lte=day)
            & (Q(replaced_from__isnull=True) | Q(replaced_from__gt=day)))


def coming(day: dt.date) -> Q:
    """Approved assessments that take effect after ``day`` (and are not replaced before they do)."""
    return (Q(status=AssessmentStatus.APPROVED, effective_from__gt=day)
            & (Q(replaced_from__isnull=True) | Q(replaced_from__gt=F("effective_from"))))


def live_assessment(*, client: Client, setting: str, on: dt.date | None = None) -> Assessment | None:
    """The assessment in force for the client and setting on ``on`` (today), if any."""
    day = on or today()
    return client.assessments.filter(in_force_on(day), setting=setting).first()


def coming_assessment(*, client: Client, setting: str, on: dt.date | None = None) -> Assessment | None:
    """The next approved assessment for the client and setting to take effect after ``on`` (today)."""
    day = on or today()
    return client.assessments.filter(coming(day), setting=setting).order_by("effective_from", "id").first()


def assessments_for_team(*, user, status: str = "", mine: bool = False) -> QuerySet[Assessment]:
    """The financial assessments of the clients held for charging by the user's teams (every one for
    those who read everything), newest first; ``status`` and ``mine`` (assessed by the user) narrow it."""
    assessments = Assessment.objects.all()
    if not reads_everything(user):
        held = current_allocations().filter(service=Service.CHARGING, team__memberships__user=user)
        assessments = assessments.filter(client__in=held.values("client"))
    if status:
        assessments = assessments.filter(status=status)
    if mine:
        assessments = assessments.filter(assessed_by=user)
    return assessments.select_related("client", "assessed_by").order_by("-assessment_date", "-id")


def assessments_awaiting_approval(*, user) -> QuerySet[Assessment]:
    """Submitted assessments waiting for this user's approval, oldest first: those of clients held for
    charging by a team the user leads, which the user did not work out themselves. Those who read
    everything (auditors, administrators) see the whole queue."""
    waiting = Assessment.objects.filter(status=AssessmentStatus.SUBMITTED)
    if not reads_everything(user):
        led = current_allocations().filter(service=Service.CHARGING, team__memberships__user=user,
                                           team__memberships__is_leader=True)
        waiting = waiting.filter(client__in=led.values("client")).exclude(assessed_by=user)
    return waiting.select_related("client", "assessed_by").order_by("submitted_at", "id")
