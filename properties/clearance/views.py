"""Clearance pages: planning one on a home, the plan with its inventory, safekeeping receipts and storage,
adding an item, one item with its decisions (deciding, leaving, sale proceeds), valuables to safekeeping
with a printable receipt, storage contracts and paying them."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from core.rules import can, rule_required
from properties.clearance import selectors, services
from properties.clearance.choices import LEADER_DECISIONS, Decision, ItemStatus
from properties.clearance.forms import (
    DecideForm,
    ItemForm,
    LeaveForm,
    PlanForm,
    ProceedsForm,
    SafekeepingForm,
    StorageForm,
    StoragePayForm,
)
from properties.repairs.views import form_page, home_in_url, posted


def plan_in_url(request, pk, **kwargs):
    return selectors.access_plan(user=request.user, pk=pk)


def item_in_url(request, pk, **kwargs):
    return selectors.access_item(user=request.user, pk=pk)


def receipt_in_url(request, pk, **kwargs):
    return selectors.access_receipt(user=request.user, pk=pk)


def contract_in_url(request, pk, **kwargs):
    return selectors.access_contract(user=request.user, pk=pk)


def _plan_url(plan) -> str:
    return reverse("properties:clearance-detail", args=[plan.pk])


def _item_url(item) -> str:
    return reverse("properties:inventory-item", args=[item.pk])


@require_safe
@rule_required("properties.view_any")
def clearance_list(request):
    return render(request, "properties/clearance/list.html", {
        "plans": selectors.plans_visible_to(user=request.user)[:200],
        "undecided": selectors.items_without_decision(user=request.user).order_by("plan", "id")[:200]})


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=home_in_url)
def clearance_create(request, pk):
    home = request.rule_object
    data, _ = posted(request)
    return form_page(request, form=PlanForm(data), title="Plan a clearance", caption=str(home),
                     submit="Record the plan", done="Clearance planned.",
                     cancel=reverse("properties:home-work", args=[home.pk]),
                     do=lambda d: _plan_url(services.clearance_plan_create(acting_user=request.user, home=home, **d)))


@require_safe
@rule_required("properties.view_client", obj=plan_in_url)
def clearance_detail(request, pk):
    plan = request.rule_object
    items = list(plan.items.select_related("decided_by", "photograph", "safekeeping"))
    return render(request, "properties/clearance/detail.html", {
        "plan": plan, "home": plan.home, "client": plan.client, "items": items,
        "undecided": sum(1 for i in items if not i.decision),
        "total": sum((i.estimated_value for i in items), 0),
        "receipts": plan.safekeeping_receipts.all(), "contracts": plan.storage_contracts.prefetch_related("payments"),
        "can_work": can(request.user, "properties.work_client", plan)})


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=plan_in_url)
def item_add(request, pk):
    plan = request.rule_object
    data, files = posted(request)
    return form_page(request, form=ItemForm(data, files), title="Add an item to the inventory", caption=str(plan),
                     submit="Add the item", done="Item added to the inventory.", cancel=_plan_url(plan),
                     do=lambda d: (services.inventory_item_add(acting_user=request.user, plan=plan,
                                                               **{**d, "estimated_value": d["estimated_value"] or 0}),
                                   _plan_url(plan))[1])


@require_safe
@rule_required("properties.view_client", obj=item_in_url)
def item_detail(request, pk):
    item = request.rule_object
    user = request.user
    return render(request, "properties/clearance/item.html", {
        "item": item, "plan": item.plan, "client": item.client, "decisions": item.decisions.all(),
        "on_inventory": item.status == ItemStatus.ON_INVENTORY,
        "can_decide": can(user, "properties.decide_item", item),
        "leader_decisions": ", ".join(Decision(d).label.lower() for d in LEADER_DECISIONS)})


@require_http_methods(["GET", "POST"])
@rule_required("properties.decide_item", obj=item_in_url)
def item_decide(request, pk):
    item = request.rule_object
    data, _ = posted(request)
    return form_page(request, form=DecideForm(data), title=f"Decide about: {item.item}", caption=str(item.plan),
                     submit="Record the decision", done="Decision recorded.", cancel=_item_url(item),
                     lead="Selling, giving to family and disposing of belongings are a team leader's decisions.",
                     do=lambda d: (services.inventory_item_decide(acting_user=request.user, item=item, **d),
                                   _item_url(item))[1])


@require_http_methods(["GET", "POST"])
@rule_required("properties.decide_item", obj=item_in_url)
def item_leave(request, pk):
    item = request.rule_object
    data, _ = posted(request)
    return form_page(request, form=LeaveForm(data), title=f"Record {item.item} leaving the home",
                     caption=str(item.plan), submit="Record it", done="Recorded.", cancel=_item_url(item),
                     do=lambda d: (services.inventory_item_leave(acting_user=request.user, item=item, **d),
                                   _item_url(item))[1])


@require_http_methods(["GET", "POST"])
@rule_required("properties.decide_item", obj=item_in_url)
def item_proceeds(request, pk):
    item = request.rule_object
    data, _ = posted(request)
    return form_page(request, form=ProceedsForm(data), title=f"Money received for {item.item}",
                     caption=str(item.plan), submit="Record the money", done="Received into the client's account.",
                     cancel=_item_url(item),
                     do=lambda d: (services.inventory_sale_proceeds_receive(acting_user=request.user, item=item, **d),
                                   _item_url(item))[1])


@require_http_methods(["GET", "POST"])
@rule_required("properties.decide_item", obj=plan_in_url)
def safekeeping_receive(request, pk):
    plan = request.rule_object
    data, _ = posted(request)
    return form_page(request, form=SafekeepingForm(data, plan=plan), title="Valuables to safekeeping",
                     caption=str(plan), submit="Record the receipt", done="Valuables received into safekeeping.",
                     cancel=_plan_url(plan),
                     lead="Only items with the decision to take them to safekeeping are listed.",
                     do=lambda d: (services.safekeeping_receive(acting_user=request.user, plan=plan, **d),
                                   _plan_url(plan))[1])


@require_safe
@rule_required("properties.view_client", obj=receipt_in_url)
def safekeeping_receipt_pdf(request, pk):
    """The printable receipt for valuables in safekeeping (WeasyPrint, through documents)."""
    from documents.pdf import render_pdf

    receipt = request.rule_object
    pdf = render_pdf(template_name="properties/clearance/safekeeping_receipt.html", context={
        "receipt": receipt, "client": receipt.client, "home": receipt.plan.home, "items": receipt.items.all()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="safekeeping-{receipt.receipt_number}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=plan_in_url)
def storage_add(request, pk):
    plan = request.rule_object
    data, _ = posted(request)
    return form_page(request, form=StorageForm(data), title="Record a storage contract", caption=str(plan),
                     submit="Record the contract", done="Storage contract recorded, with a task to review it.",
                     cancel=_plan_url(plan),
                     do=lambda d: (services.storage_contract_add(acting_user=request.user, plan=plan, **d),
                                   _plan_url(plan))[1])


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=contract_in_url)
def storage_pay(request, pk):
    contract = request.rule_object
    data, _ = posted(request)
    return form_page(request, form=StoragePayForm(data), title=f"Pay {contract.company}", caption=str(contract.plan),
                     submit="Pay from the client's money", done="Storage paid.", cancel=_plan_url(contract.plan),
                     do=lambda d: (services.storage_cost_pay(acting_user=request.user, contract=contract, **d),
                                   _plan_url(contract.plan))[1])
