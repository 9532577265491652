"""Safeguarding concerns and recovery cases: record, refer, meet, recover money, close."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from core.rules import can, rule_required
from deputyship.authority.views import form_page, posted, tab_url
from deputyship.safeguarding import services
from deputyship.safeguarding.forms import (
    CloseConcernForm, ConcernForm, MeetingForm, RecoveryCloseForm, RecoveryForm, RecoveryReceiptForm,
)
from deputyship.safeguarding.models import RecoveryCase, SafeguardingConcern
from people.selectors import clients_visible_to
from people.views import client_in_url


def concern_in_url(request, pk, **kwargs):
    try:
        return SafeguardingConcern.objects.select_related("client").get(
            pk=pk, client__in=clients_visible_to(user=request.user))
    except (SafeguardingConcern.DoesNotExist, ValueError, TypeError):
        raise Http404("No such concern") from None


def recovery_in_url(request, pk, **kwargs):
    try:
        return RecoveryCase.objects.select_related("client").get(pk=pk, client__in=clients_visible_to(user=request.user))
    except (RecoveryCase.DoesNotExist, ValueError, TypeError):
        raise Http404("No such recovery case") from None


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def concern_add(request, pk):
    client = request.rule_object
    return form_page(request, form=ConcernForm(posted(request)), client=client,
                     action=lambda d: services.concern_raise(acting_user=request.user, client=client, **d),
                     done="Safeguarding concern recorded", next_url=tab_url(client),
                     heading="Record a safeguarding concern")


@require_safe
@rule_required("deputyship.view_client", obj=concern_in_url)
def concern_detail(request, pk):
    concern = request.rule_object
    return render(request, "deputyship/safeguarding/concern.html", {
        "concern": concern, "client": concern.client, "meetings": concern.meetings.all(),
        "recoveries": concern.recoveries.all(), "may_work": can(request.user, "deputyship.work_client", concern)})


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=concern_in_url)
def concern_meeting_add(request, pk):
    concern = request.rule_object
    return form_page(request, form=MeetingForm(posted(request)), client=concern.client,
                     action=lambda d: services.concern_meeting_add(acting_user=request.user, concern=concern, **d),
                     done="Meeting recorded", next_url=reverse("deputyship:concern-detail", args=[concern.pk]),
                     heading="Record a safeguarding meeting")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=concern_in_url)
def concern_close(request, pk):
    concern = request.rule_object
    return form_page(request, form=CloseConcernForm(posted(request)), client=concern.client,
                     action=lambda d: services.concern_close(acting_user=request.user, concern=concern, **d),
                     done="Concern closed", next_url=reverse("deputyship:concern-detail", args=[concern.pk]),
                     heading="Close the concern")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def recovery_add(request, pk):
    client = request.rule_object
    return form_page(request, form=RecoveryForm(posted(request)), client=client,
                     action=lambda d: services.recovery_open(acting_user=request.user, client=client, **d),
                     done="Recovery case opened", next_url=tab_url(client),
                     heading="Open a recovery case", intro=["For money taken from the client before the council was "
                                                            "appointed."])


@require_safe
@rule_required("deputyship.view_client", obj=recovery_in_url)
def recovery_detail(request, pk):
    case = request.rule_object
    receipts = list(case.receipts.all())
    return render(request, "deputyship/safeguarding/recovery.html", {
        "case": case, "client": case.client, "receipts": receipts, "recovered": sum((r.amount for r in receipts), 0),
        "may_work": can(request.user, "deputyship.work_client", case) and case.closed_on is None})


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=recovery_in_url)
def recovery_receipt_add(request, pk):
    case = request.rule_object
    return form_page(request, form=RecoveryReceiptForm(posted(request)), client=case.client,
                     action=lambda d: services.recovery_receipt_record(
                         acting_user=request.user, case=case, amount=d["amount"], received_on=d["received_on"],
                         request_key=d["request_key"]),
                     done="Money recovered: recorded as a receipt into the client account",
                     next_url=reverse("deputyship:recovery-detail", args=[case.pk]), heading="Record money recovered")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=recovery_in_url)
def recovery_close(request, pk):
    case = request.rule_object
    return form_page(request, form=RecoveryCloseForm(posted(request)), client=case.client,
                     action=lambda d: services.recovery_close(acting_user=request.user, case=case, **d),
                     done="Recovery case closed", next_url=reverse("deputyship:recovery-detail", args=[case.pk]),
                     heading="Close the recovery case")
