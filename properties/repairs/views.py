"""Repair pages: the list, reporting one on a home, one repair with its quotes and what can be done next
(asking for approval, a second person's approval, completion, paying the invoice, cancelling); and the
page of a home's repairs, clearances and sales."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.exceptions import ApplicationError, PermissionDeniedError
from core.rules import can, rule_required
from people.selectors import today
from people.views import show_service_errors
from properties.repairs import selectors, services
from properties.repairs.choices import RepairStatus
from properties.repairs.forms import ChooseQuoteForm, CompleteForm, PayForm, QuoteForm, ReasonForm, RepairReportForm


def home_in_url(request, pk, **kwargs):
    return selectors.access_home(user=request.user, pk=pk)


def repair_in_url(request, pk, **kwargs):
    return selectors.access_repair(user=request.user, pk=pk)


def form_page(request, *, form, title: str, caption: str, submit: str, do, done: str, cancel: str, lead: str = ""):
    """A page with one form: on a valid POST, ``do(cleaned_data)`` (a service call) returns the URL to go
    to; a refusal is shown on the form, and nothing has changed."""
    if request.method == "POST" and form.is_valid():
        try:
            target = do(form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)  # a refusal of permission is a 403
        else:
            messages.success(request, done)
            return redirect(target)
    return render(request, "properties/form.html", {"form": form, "title": title, "caption": caption,
                                                    "submit": submit, "cancel": cancel, "lead": lead})


def posted(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


@require_safe
@rule_required("properties.view_any")
def repair_list(request):
    found = selectors.repairs_visible_to(user=request.user)
    status = request.GET.get("status", "")
    if status in RepairStatus.values:
        found = found.filter(status=status)
    return render(request, "properties/repairs/list.html", {
        "repairs": found[:200], "status": status, "statuses": RepairStatus.choices,
        "awaiting": selectors.repairs_awaiting_approval(user=request.user).count(),
        "overdue": selectors.repairs_overdue(user=request.user, on=today()).count()})


@require_safe
@rule_required("properties.view_client", obj=home_in_url)
def home_work(request, pk):
    """A home's repairs, clearances and sale."""
    from properties.clearance.selectors import plans_visible_to
    from properties.sale.selectors import deferred_payment_agreements, sales_visible_to

    home = request.rule_object
    return render(request, "properties/repairs/home_work.html", {
        "home": home, "client": home.client,
        "repairs": selectors.repairs_visible_to(user=request.user).filter(home=home),
        "plans": plans_visible_to(user=request.user).filter(home=home),
        "sales": sales_visible_to(user=request.user).filter(home=home),
        "agreements": deferred_payment_agreements(home=home),
        "can_work": can(request.user, "properties.work_client", home)})


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=home_in_url)
def repair_report(request, pk):
    home = request.rule_object
    data, _ = posted(request)
    return form_page(
        request, form=RepairReportForm(data), title="Report a repair", caption=str(home), submit="Record the repair",
        done="Repair recorded.", cancel=reverse("properties:home-work", args=[home.pk]),
        do=lambda d: reverse("properties:repair-detail",
                             args=[services.repair_report(acting_user=request.user, home=home, **d).pk]))


@require_safe
@rule_required("properties.view_client", obj=repair_in_url)
def repair_detail(request, pk):
    repair = request.rule_object
    user = request.user
    return render(request, "properties/repairs/detail.html", {
        "repair": repair, "home": repair.home, "client": repair.client, "quotes": repair.quotes.all(),
        "can_work": can(user, "properties.work_client", repair),
        "can_approve": (repair.status == RepairStatus.AWAITING_APPROVAL and repair.approval_requested_by_id != user.pk
                        and can(user, "properties.approve_repair", repair)),
        "own_request": repair.approval_requested_by_id == user.pk,
        "threshold": services.second_approval_above()})


def _repair_form(request, form, title, submit, done, call):
    repair = request.rule_object
    return form_page(request, form=form, title=title, caption=f"Repair at {repair.home}", submit=submit, done=done,
                     cancel=reverse("properties:repair-detail", args=[repair.pk]),
                     do=lambda d: (call(repair, d), reverse("properties:repair-detail", args=[repair.pk]))[1])


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=repair_in_url)
def quote_add(request, pk):
    data, _ = posted(request)
    return _repair_form(request, QuoteForm(data), "Add a quote", "Add the quote", "Quote added.",
                        lambda r, d: services.quote_add(acting_user=request.user, repair=r, **d))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=repair_in_url)
def approval_request(request, pk):
    data, _ = posted(request)
    return _repair_form(
        request, ChooseQuoteForm(data, repair=request.rule_object), "Choose a quote and ask for approval",
        "Ask for approval", "Quote chosen.",
        lambda r, d: services.repair_approval_request(acting_user=request.user, repair=r, quote=d["quote"]))


@require_POST
@rule_required("properties.approve_repair", obj=repair_in_url)
def repair_approve(request, pk):
    try:
        services.repair_approve(acting_user=request.user, repair=request.rule_object)
    except PermissionDeniedError as exc:
        messages.error(request, exc.message)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Repair approved.")
    return redirect(reverse("properties:repair-detail", args=[pk]))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=repair_in_url)
def repair_complete(request, pk):
    data, _ = posted(request)
    return _repair_form(request, CompleteForm(data), "Record the repair as completed", "Record completion",
                        "Repair completed.",
                        lambda r, d: services.repair_complete(acting_user=request.user, repair=r, **d))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=repair_in_url)
def repair_pay(request, pk):
    data, _ = posted(request)
    return _repair_form(request, PayForm(data), "Pay the invoice from the client's money", "Pay the invoice",
                        "Invoice paid from the client's money (or held for a second officer: see the payment).",
                        lambda r, d: services.repair_invoice_pay(acting_user=request.user, repair=r, **d))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=repair_in_url)
def repair_cancel(request, pk):
    data, _ = posted(request)
    return _repair_form(request, ReasonForm(data), "Cancel the repair", "Cancel the repair", "Repair cancelled.",
                        lambda r, d: services.repair_cancel(acting_user=request.user, repair=r, **d))
