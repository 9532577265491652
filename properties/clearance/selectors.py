"""Reads of clearances and inventories, narrowed to the clients the user may see."""

from __future__ import annotations

from django.http import Http404

from properties.clearance.choices import ItemStatus
from properties.clearance.models import ClearancePlan, InventoryItem, SafekeepingReceipt, StorageContract
from properties.repairs.selectors import homes_visible_to, in_scope


def plans_visible_to(*, user):
    return ClearancePlan.objects.filter(home__in=homes_visible_to(user=user)).select_related("home__client")


def access_plan(*, user, pk) -> ClearancePlan:
    plan = plans_visible_to(user=user).filter(pk=pk).first()
    if plan is None:
        raise Http404("No clearance found.")
    return plan


def items_visible_to(*, user):
    return (InventoryItem.objects.filter(plan__home__in=homes_visible_to(user=user))
            .select_related("plan__home__client", "decided_by", "photograph", "safekeeping"))


def access_item(*, user, pk) -> InventoryItem:
    item = items_visible_to(user=user).filter(pk=pk).prefetch_related("decisions__decided_by").first()
    if item is None:
        raise Http404("No item found.")
    return item


def items_without_decision(*, user, scope=None):
    found = items_visible_to(user=user).filter(status=ItemStatus.ON_INVENTORY, decision="")
    return in_scope(found, scope, "plan__home__client")


def access_receipt(*, user, pk) -> SafekeepingReceipt:
    receipt = (SafekeepingReceipt.objects.filter(plan__home__in=homes_visible_to(user=user))
               .select_related("plan__home__client").filter(pk=pk).first())
    if receipt is None:
        raise Http404("No receipt found.")
    return receipt


def access_contract(*, user, pk) -> StorageContract:
    contract = (StorageContract.objects.filter(plan__home__in=homes_visible_to(user=user))
                .select_related("plan__home__client").filter(pk=pk).first())
    if contract is None:
        raise Http404("No storage contract found.")
    return contract
