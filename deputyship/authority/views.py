"""The client's Deputyship tab (the authority in force, its scope, restrictions and court permissions, the
bond, the referral and application, the work on appointment and safeguarding) and the legal authority's forms."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deputyship.authority import selectors, services
from deputyship.authority.forms import AuthorityCheckForm, AuthorityEndForm, AuthorityForm, BondForm, CourtPermissionForm
from people.views import client_in_url, show_service_errors


def authority_in_url(request, pk, **kwargs):
    return selectors.access_authority(user=request.user, pk=pk)


def posted(request):
    return request.POST if request.method == "POST" else None


def tab_url(client) -> str:
    return reverse("deputyship:client-deputyship", args=[client.pk])


def form_page(request, *, form, action, done: str, next_url: str, heading: str, client=None, intro=(),
              button: str = "Save", warnings=()):
    """Draw ``form``; on a valid POST call ``action(cleaned_data)`` (one service call), then say ``done`` and go
    to ``next_url``; a refusal goes on the form, and nothing is changed."""
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(next_url)
    return render(request, "deputyship/authority/form_page.html", {
        "form": form, "heading": heading, "client": client, "intro": intro, "button": button, "warnings": warnings,
        "back_url": next_url})


def deputyship_context(*, client, user) -> dict:
    """What the Deputyship tab shows."""
    from deputyship.appointment.models import AccountClosure, OrderNotification
    from deputyship.referrals.selectors import referral_stage
    from deputyship.safeguarding.models import RecoveryCase, SafeguardingConcern

    authorities = list(selectors.client_authorities(client=client))
    in_force = services.authority_in_force(client=client)
    referrals = list(client.deputyship_referrals.select_related("authority").prefetch_related("documents", "parties"))
    for referral in referrals:
        referral.stage = referral_stage(referral)
    recoveries = list(RecoveryCase.objects.filter(client=client).prefetch_related("receipts"))
    for case in recoveries:
        case.recovered = sum((r.amount for r in case.receipts.all()), 0)
    return {
        "in_force": in_force,
        "bond": in_force.bonds.filter(ended_on__isnull=True).first() if in_force else None,
        "permissions": list(in_force.permissions.all()) if in_force else [],
        "reviews": list(in_force.dwp_reviews.all()) if in_force else [],
        "past": [a for a in authorities if a != in_force],
        "referrals": referrals,
        "open_referral": next((r for r in referrals if r.is_open), None),
        "notifications": list(OrderNotification.objects.filter(client=client).select_related("contact", "letter")),
        "accounts": list(AccountClosure.objects.filter(client=client)),
        "concerns": list(SafeguardingConcern.objects.filter(client=client).prefetch_related("meetings")),
        "recoveries": recoveries,
        "may_work": can(user, "deputyship.work_client", client),
    }


@require_safe
@rule_required("deputyship.view_client", obj=client_in_url)
def client_deputyship(request, pk):
    client = request.rule_object
    return render(request, "deputyship/authority/client_deputyship.html", {
        "client": client, **deputyship_context(client=client, user=request.user)})


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=client_in_url)
def authority_add(request, pk):
    client = request.rule_object

    def record(data):
        services.authority_record(acting_user=request.user, client=client, kind=data["kind"],
                                  reference=data["reference"], made_on=data["made_on"],
                                  starts_on=data["starts_on"] or data["made_on"], reason=data["reason"],
                                  may_sell_property=data["may_sell_property"], may_make_gifts=data["may_make_gifts"],
                                  gift_limit=data["gift_limit"], payment_limit=data["payment_limit"],
                                  scope=data["scope"], restrictions=data["restrictions"])

    return form_page(request, form=AuthorityForm(posted(request)), action=record, client=client,
                     done="Legal authority recorded", next_url=tab_url(client),
                     heading="Record an order or appointeeship",
                     intro=["For an order already made or an appointeeship already approved. A new application is "
                            "recorded from its referral."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=authority_in_url)
def authority_end(request, pk):
    authority = request.rule_object
    return form_page(
        request, form=AuthorityEndForm(posted(request)), client=authority.client,
        action=lambda d: services.authority_end(acting_user=request.user, authority=authority, ends_on=d["ends_on"],
                                                reason=d["reason"]),
        done="The authority has ended", next_url=tab_url(authority.client), heading=f"End {authority}",
        button="End the authority")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=authority_in_url)
def court_permission_add(request, pk):
    authority = request.rule_object
    return form_page(
        request, form=CourtPermissionForm(posted(request)), client=authority.client,
        action=lambda d: services.court_permission_record(acting_user=request.user, authority=authority, **d),
        done="Court permission recorded", next_url=tab_url(authority.client),
        heading="Record the court's permission",
        intro=[f"For something the {authority.get_kind_display().lower()} ({authority.reference}) does not cover."])


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=authority_in_url)
def bond_add(request, pk):
    authority = request.rule_object
    return form_page(
        request, form=BondForm(posted(request)), client=authority.client,
        action=lambda d: services.bond_record(acting_user=request.user, authority=authority, **d),
        done="Security bond recorded; a renewal task has been set", next_url=tab_url(authority.client),
        heading="Record the security bond")


@require_safe
@rule_required("deputyship.view_client", obj=client_in_url)
def authority_check_page(request, pk):
    """Ask whether the council may do something for the client: a read (``?action=&amount=``), writes nothing."""
    client = request.rule_object
    form = AuthorityCheckForm(request.GET if "action" in request.GET else None)
    decision = None
    if form.is_bound and form.is_valid():
        decision = services.authority_check(client=client, action=form.cleaned_data["action"],
                                            amount=form.cleaned_data["amount"])
    return render(request, "deputyship/authority/check.html", {"client": client, "form": form, "decision": decision})
