"""What the clearance part adds to the shared screens: the items-without-a-decision panels, breadcrumbs
and the demo step."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import CLIENT, HOME
from properties.repairs.hooks import HOME_CRUMB
from properties.timeline import add_timeline_source

CLEARANCES = Crumb("Clearances", "properties:clearances")


def _plan_crumb(request):
    record = getattr(request, "rule_object", None)
    plan = getattr(record, "plan", None)
    return (str(plan), reverse("properties:clearance-detail", args=[plan.pk])) if plan is not None else None


PLAN = Crumb(build=_plan_crumb)


def items_mine(user) -> list[WorkCount]:
    from properties.clearance.selectors import items_without_decision

    return [WorkCount("Belongings without a decision", items_without_decision(user=user).count(),
                      reverse("properties:clearances"))]


def items_for_team(user, scope) -> list[WorkCount]:
    from people.choices import Service
    from properties.clearance.selectors import items_without_decision

    if scope.team.service != Service.PROPERTY:
        return []
    return [WorkCount("Belongings without a decision", items_without_decision(user=user, scope=scope).count(),
                      f"{reverse('properties:clearances')}?{scope.query}")]


def clearance_events(home):
    """The clearance's events for the property's timeline: planned, decisions, items leaving, safekeeping,
    storage contracts."""
    from properties.clearance.models import InventoryDecision, InventoryItem, SafekeepingReceipt, StorageContract
    from properties.timeline import TimelineEvent

    events = []
    for plan in home.clearance_plans.order_by("id"):
        events.append(TimelineEvent(plan.planned_on, "Clearance", f"Clearance planned with {plan.contractor}",
                                    reverse("properties:clearance-detail", args=[plan.pk])))
    for decision in InventoryDecision.objects.filter(item__plan__home=home).select_related("item", "decided_by"):
        events.append(TimelineEvent(decision.decided_at.date(), "Inventory",
                                    f"{decision.item.item}: {decision.get_decision_display().lower()} "
                                    f"({decision.decided_by.get_full_name()})",
                                    reverse("properties:inventory-item", args=[decision.item_id])))
    for item in InventoryItem.objects.filter(plan__home=home, left_on__isnull=False):
        events.append(TimelineEvent(item.left_on, "Inventory", f"{item.item} left the home: {item.went_to}",
                                    reverse("properties:inventory-item", args=[item.pk])))
    for receipt in SafekeepingReceipt.objects.filter(plan__home=home):
        events.append(TimelineEvent(receipt.received_on, "Safekeeping",
                                    f"Valuables to safekeeping ({receipt.place}), receipt {receipt.receipt_number}",
                                    reverse("properties:safekeeping-receipt-pdf", args=[receipt.pk])))
    for contract in StorageContract.objects.filter(plan__home=home):
        events.append(TimelineEvent(contract.starts_on, "Storage", f"Storage with {contract}",
                                    reverse("properties:clearance-detail", args=[contract.plan_id])))
    return events


def _seed_demo(run) -> dict[str, int]:
    from properties.clearance.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``properties.hooks.register()``."""
    add_timeline_source("clearance", clearance_events)
    registry.add_work_panel(WorkPanel(key="property-clearance", title="Clearances", rule="properties.work_any",
                                      counts=items_mine, order=63))
    registry.add_work_panel(WorkPanel(key="property-clearance-team", title="Property: clearances",
                                      rule="properties.lead", counts=items_for_team, order=63, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("properties:clearances",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("properties:clearance-create", "properties:clearance-detail"),
                                         (HOME, CLIENT, HOME_CRUMB)))
    registry.add_breadcrumbs(Breadcrumbs(
        ("properties:inventory-item-add", "properties:safekeeping-receive", "properties:storage-contract-add"),
        (HOME, CLIENT, HOME_CRUMB)))
    registry.add_breadcrumbs(Breadcrumbs(
        ("properties:inventory-item", "properties:inventory-item-decide", "properties:inventory-item-leave",
         "properties:inventory-item-proceeds", "properties:storage-pay", "properties:safekeeping-receipt-pdf"),
        (HOME, CLIENT, HOME_CRUMB, PLAN)))
    registry.add_demo_step(DemoStep("properties-clearance", _seed_demo, "A home being cleared: a part-decided "
                                    "inventory and valuables in safekeeping",
                                    after=("people", "client-money", "properties-register")))
