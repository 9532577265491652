"""Sale pages: sales in progress, starting a sale on a home (the authority to sell checked first; without
it, the refusal and its reason, and recording a court application instead), one sale and each of its
steps."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from deputyship.services import Action, authority_check
from properties.repairs.views import form_page, home_in_url, posted
from properties.sale import selectors, services
from properties.sale.choices import IN_PROGRESS
from properties.sale.forms import (
    CompleteForm,
    CourtApplicationForm,
    CourtPermissionForm,
    ExchangeForm,
    MarketForm,
    OfferForm,
    SolicitorForm,
    WithdrawForm,
)


def sale_in_url(request, pk, **kwargs):
    return selectors.access_sale(user=request.user, pk=pk)


def offer_in_url(request, pk, **kwargs):
    return selectors.access_offer(user=request.user, pk=pk)


def _sale_url(sale) -> str:
    return reverse("properties:sale-detail", args=[sale.pk])


@require_safe
@rule_required("properties.view_any")
def sale_list(request):
    sales = selectors.sales_visible_to(user=request.user)
    return render(request, "properties/sale/list.html", {
        "in_progress": sales.filter(status__in=IN_PROGRESS), "closed": sales.exclude(status__in=IN_PROGRESS)[:100]})


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=home_in_url)
def sale_start(request, pk):
    """GET: what the authority check says. POST: start the sale (refused, with the reason, without
    authority)."""
    home = request.rule_object
    if request.method == "POST":
        try:
            sale = services.sale_start(acting_user=request.user, home=home)
        except ApplicationError as exc:
            messages.error(request, f"The sale cannot start: {exc.message}")
        else:
            messages.success(request, "Sale started: the authority to sell is confirmed.")
            return redirect(_sale_url(sale))
    decision = authority_check(client=home.client, action=Action.SELL_PROPERTY)
    return render(request, "properties/sale/start.html", {"home": home, "client": home.client, "decision": decision},
                  status=200 if request.method == "GET" else 400)


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=home_in_url)
def court_application(request, pk):
    home = request.rule_object
    data, _ = posted(request)
    decision = authority_check(client=home.client, action=Action.SELL_PROPERTY)
    return form_page(request, form=CourtApplicationForm(data), title="Record the application to the court",
                     caption=str(home), submit="Record the application", lead=decision.reason,
                     done="Application recorded: the sale waits for the court's permission.",
                     cancel=reverse("properties:home-work", args=[home.pk]),
                     do=lambda d: _sale_url(services.sale_court_application_record(acting_user=request.user, home=home,
                                                                                   **d)))


@require_safe
@rule_required("properties.view_client", obj=sale_in_url)
def sale_detail(request, pk):
    sale = request.rule_object
    return render(request, "properties/sale/detail.html", {
        "sale": sale, "home": sale.home, "client": sale.client, "offers": sale.offers.all(),
        "agreements": selectors.deferred_payment_agreements(home=sale.home),
        "stalled_after": services.stalled_after_days(),
        "can_work": can(request.user, "properties.work_client", sale) and sale.status in IN_PROGRESS})


def _step(request, form, title, submit, done, call):
    sale = request.rule_object
    return form_page(request, form=form, title=title, caption=f"Sale of {sale.home}", submit=submit, done=done,
                     cancel=_sale_url(sale), do=lambda d: (call(sale, d), _sale_url(sale))[1])


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=sale_in_url)
def court_permission(request, pk):
    data, _ = posted(request)
    return _step(request, CourtPermissionForm(data), "Record the court's permission to sell", "Record the permission",
                 "Permission recorded: the sale may go ahead.",
                 lambda s, d: services.sale_court_permission_record(acting_user=request.user, sale=s, **d))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=sale_in_url)
def sale_market(request, pk):
    data, _ = posted(request)
    return _step(request, MarketForm(data), "Marketing", "Save", "Marketing recorded.",
                 lambda s, d: services.sale_market(acting_user=request.user, sale=s, **d))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=sale_in_url)
def offer_add(request, pk):
    data, _ = posted(request)
    return _step(request, OfferForm(data), "Record an offer", "Record the offer", "Offer recorded.",
                 lambda s, d: services.sale_offer_record(acting_user=request.user, sale=s, **d))


@require_POST
@rule_required("properties.work_client", obj=offer_in_url)
def offer_decide(request, pk):
    offer = request.rule_object
    try:
        services.sale_offer_decide(acting_user=request.user, offer=offer, accept=request.POST.get("accept") == "yes")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Offer decided.")
    return redirect(_sale_url(offer.sale))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=sale_in_url)
def sale_solicitor(request, pk):
    data, _ = posted(request)
    return _step(request, SolicitorForm(data), "Solicitor", "Save", "Solicitor recorded.",
                 lambda s, d: services.sale_solicitor_set(acting_user=request.user, sale=s, **d))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=sale_in_url)
def sale_exchange(request, pk):
    data, _ = posted(request)
    return _step(request, ExchangeForm(data), "Exchange of contracts", "Record the exchange", "Exchange recorded.",
                 lambda s, d: services.sale_exchange(acting_user=request.user, sale=s, **d))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=sale_in_url)
def sale_complete(request, pk):
    data, _ = posted(request)
    return _step(request, CompleteForm(data), "Completion", "Record completion and the proceeds",
                 "Sale completed: the net proceeds are in the client's account.",
                 lambda s, d: services.sale_complete(acting_user=request.user, sale=s, **d))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=sale_in_url)
def sale_withdraw(request, pk):
    data, _ = posted(request)
    return _step(request, WithdrawForm(data), "Withdraw the sale", "Withdraw", "Sale withdrawn.",
                 lambda s, d: services.sale_withdraw(acting_user=request.user, sale=s, **d))


