"""Writing a clearance: the plan, the inventory and the decision for each item, items leaving the home,
sale proceeds received for the client, valuables to safekeeping, storage contracts and their costs.

An item leaves the inventory (kept, stored, sold, given, disposed of, taken to safekeeping) only with a
decision recorded by an authorised person: the officer holding the case may decide to keep or store it or
take it to safekeeping; selling, giving away and disposing of it are a team leader's decisions. Each
decision is appended to the item's decisions; the latest is on the item."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from ledger.choices import MoneyInCategory, MoneyOutCategory
from ledger.client_money import client_payment_make, client_receipt_record
from properties.clearance.choices import LEADER_DECISIONS, LEAVES_AS, Decision, ItemStatus, Period
from properties.clearance.models import (
    ClearancePlan,
    InventoryDecision,
    InventoryItem,
    SafekeepingReceipt,
    StorageContract,
    StoragePayment,
)
from properties.repairs.services import money, not_future, responsible_for, task_once


class ClearanceError(ApplicationError):
    code = "clearance"


def _text(value, field: str, message: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ClearanceError(message, extra={field: [message]})
    return text


def clearance_plan_create(*, acting_user, home, planned_on: dt.date, contractor: str, notes: str = "") -> ClearancePlan:
    require(acting_user, "properties.work_client", home)
    contractor = _text(contractor, "contractor", "Give the contractor clearing the home.")
    if not isinstance(planned_on, dt.date):
        raise ClearanceError("Give the planned date.", extra={"planned_on": ["Give the planned date."]})
    plan = ClearancePlan(home=home, planned_on=planned_on, contractor=contractor, notes=(notes or "").strip(),
                         recorded_by=acting_user)
    with transaction.atomic():
        save_attributed(plan, user=acting_user, reason="Clearance planned")
    return plan


def inventory_item_add(*, acting_user, plan: ClearancePlan, item: str, description: str = "", estimated_value=0,
                       photograph_upload=None) -> InventoryItem:
    """Add a belonging to the inventory, with its photograph (stored as a document about the client)."""
    require(acting_user, "properties.work_client", plan)
    name = _text(item, "item", "Say what the item is.")
    value = money(estimated_value, "estimated_value") if estimated_value not in (0, "0", None, "") else 0
    with transaction.atomic():
        photograph = None
        if photograph_upload is not None:
            from documents.choices import DocumentKind
            from documents.services import document_upload

            photograph = document_upload(acting_user=acting_user, client=plan.client, kind=DocumentKind.EVIDENCE,
                                         title=f"Photograph: {name}"[:200], upload=photograph_upload,
                                         reason="Photograph of a belonging for the inventory")
        entry = InventoryItem(plan=plan, item=name, description=(description or "").strip(), estimated_value=value,
                              photograph=photograph, recorded_by=acting_user)
        save_attributed(entry, user=acting_user, reason="Added to the inventory")
    return entry


def _locked_item(item: InventoryItem) -> InventoryItem:
    return InventoryItem.objects.select_for_update(of=("self",)).select_related("plan__home__client").get(pk=item.pk)


def inventory_item_decide(*, acting_user, item: InventoryItem, decision: str, note: str = "") -> InventoryItem:
    """Record a decision about an item still on the inventory; appended to its decisions."""
    if decision not in Decision.values:
        raise ClearanceError("Choose what is to happen to it.", extra={"decision": ["Choose a decision."]})
    require(acting_user, "properties.decide_item", item)
    if decision in LEADER_DECISIONS:
        require(acting_user, "properties.decide_item_for_good", item)
    with transaction.atomic():
        item = _locked_item(item)
        if item.status != ItemStatus.ON_INVENTORY:
            raise ClearanceError(f"This item has left the home ({item.get_status_display().lower()}): its decision "
                                 "cannot change.", code="already_left")
        now = timezone.now()
        save_attributed(InventoryDecision(item=item, decision=decision, decided_by=acting_user, decided_at=now,
                                          note=(note or "").strip()),
                        user=acting_user, reason=f"Decision: {Decision(decision).label.lower()}")
        item.decision, item.decided_by, item.decided_at = decision, acting_user, now
        save_attributed(item, user=acting_user, reason=f"Decision recorded: {Decision(decision).label.lower()}")
    return item


def _leave(item: InventoryItem, *, acting_user, went_to: str, left_on: dt.date, reason: str) -> InventoryItem:
    if not item.decision or item.decided_by_id is None:
        raise ClearanceError("Nothing leaves the inventory without a recorded decision: record one first.",
                             code="no_decision")
    if item.status != ItemStatus.ON_INVENTORY:
        raise ClearanceError("This item has already left the home.", code="already_left")
    item.status, item.went_to, item.left_on = LEAVES_AS[item.decision], went_to, left_on
    save_attributed(item, user=acting_user, reason=reason)
    return item


def inventory_item_leave(*, acting_user, item: InventoryItem, went_to: str, left_on: dt.date) -> InventoryItem:
    """Mark an item gone from the home (kept, stored, sold, given, disposed of) as its decision says."""
    require(acting_user, "properties.decide_item", item)
    went_to = _text(went_to, "went_to", "Say where it went, and to whom.")
    left_on = not_future(left_on, "left_on", "it left")
    with transaction.atomic():
        item = _locked_item(item)
        if item.decision == Decision.SAFEKEEPING:
            raise ClearanceError("Valuables go to safekeeping with a receipt: record the receipt.",
                                 code="use_safekeeping")
        return _leave(item, acting_user=acting_user, went_to=went_to, left_on=left_on,
                      reason=f"Left the home: {went_to}")


def inventory_sale_proceeds_receive(*, acting_user, item: InventoryItem, amount, received_on: dt.date) -> InventoryItem:
    """Record the money an item sold for into the client's ledger (OPG money in: sale of assets), once."""
    require(acting_user, "properties.decide_item", item)
    amount = money(amount)
    received_on = not_future(received_on, "received_on", "the money was received")
    with transaction.atomic():
        item = _locked_item(item)
        if item.sale_receipt_id is not None:
            return item
        if item.status != ItemStatus.SOLD:
            raise ClearanceError("Record the item as sold (with its decision) before its proceeds.", code="not_sold")
        item.sale_receipt = client_receipt_record(
            acting_user=acting_user, client=item.client, amount=amount, effective_date=received_on,
            category=MoneyInCategory.SALE_OF_ASSETS, memo=f"Sale of {item.item} from {item.plan.home}",
            idempotency_key=f"property-inventory-sale:{item.pk}")
        save_attributed(item, user=acting_user, reason=f"Sale proceeds of £{amount:,} received for the client")
    return item


def safekeeping_receive(*, acting_user, plan: ClearancePlan, items: list[InventoryItem], receipt_number: str,
                        place: str, received_by: str, received_on: dt.date) -> SafekeepingReceipt:
    """Valuables taken to safekeeping, with a receipt naming them, where they are and who received them.
    Each must have the decision to take it to safekeeping."""
    require(acting_user, "properties.decide_item", plan)
    receipt_number = _text(receipt_number, "receipt_number", "Give the receipt number.")
    place = _text(place, "place", "Say where the valuables are kept.")
    received_by = _text(received_by, "received_by", "Say who received them.")
    received_on = not_future(received_on, "received_on", "they were received")
    if not items:
        raise ClearanceError("Choose the valuables taken to safekeeping.", extra={"items": ["Choose at least one."]})
    with transaction.atomic():
        if SafekeepingReceipt.objects.filter(receipt_number__iexact=receipt_number).exists():
            raise ClearanceError("That receipt number is already used.", extra={"receipt_number": ["Already used."]})
        locked = [_locked_item(item) for item in items]
        for item in locked:
            if item.plan_id != plan.pk:
                raise ClearanceError(f"{item.item} is not on this inventory.", extra={"items": ["Not on it."]})
            if item.decision != Decision.SAFEKEEPING:
                raise ClearanceError(f"{item.item}: record the decision to take it to safekeeping first.",
                                     code="no_decision", extra={"items": ["Record the decision first."]})
        receipt = SafekeepingReceipt(plan=plan, receipt_number=receipt_number, place=place, received_by=received_by,
                                     received_on=received_on, recorded_by=acting_user)
        save_attributed(receipt, user=acting_user, reason=f"Valuables received into safekeeping ({place})")
        for item in locked:
            item.safekeeping = receipt
            _leave(item, acting_user=acting_user, went_to=place, left_on=received_on,
                   reason=f"Taken to safekeeping: receipt {receipt_number}")
    return receipt


def storage_contract_add(*, acting_user, plan: ClearancePlan, company: str, starts_on: dt.date, cost_per_period,
                         period: str, review_on: dt.date) -> StorageContract:
    """A storage contract for the client's belongings, with a task to review it on its review date."""
    require(acting_user, "properties.work_client", plan)
    company = _text(company, "company", "Give the storage company.")
    cost = money(cost_per_period, "cost_per_period")
    if period not in Period.values:
        raise ClearanceError("Choose how often it is charged.", extra={"period": ["Choose a period."]})
    if not isinstance(starts_on, dt.date) or not isinstance(review_on, dt.date):
        raise ClearanceError("Give the start and review dates.", extra={"starts_on": ["Give the dates."]})
    if review_on < starts_on:
        raise ClearanceError("The review cannot be before the contract starts.",
                             extra={"review_on": ["It cannot be before the start."]})
    with transaction.atomic():
        contract = StorageContract(plan=plan, company=company, starts_on=starts_on, cost_per_period=cost,
                                   period=period, review_on=review_on, recorded_by=acting_user)
        save_attributed(contract, user=acting_user, reason="Storage contract recorded")
        person = responsible_for(plan.client) or acting_user
        task_once(by=acting_user, title=f"Review the storage contract with {company}", client=plan.client,
                  assigned_to=person, due=review_on, subject=contract,
                  details=f"£{cost:,} a {Period(period).label.lower()} since {starts_on:%d %B %Y}: is storage still "
                          "needed, and is the cost right for the client?")
    return contract


def storage_cost_pay(*, acting_user, contract: StorageContract, period_start: dt.date, amount,
                     paid_on: dt.date) -> StoragePayment:
    """Pay one period's storage from the client's money, once per period (its own idempotency key)."""
    require(acting_user, "properties.work_client", contract)
    amount = money(amount)
    paid_on = not_future(paid_on, "paid_on", "of the payment")
    if not isinstance(period_start, dt.date) or period_start < contract.starts_on:
        raise ClearanceError("The period cannot start before the contract.",
                             extra={"period_start": ["It cannot be before the contract starts."]})
    with transaction.atomic():
        contract = StorageContract.objects.select_for_update().get(pk=contract.pk)
        done = StoragePayment.objects.filter(contract=contract, period_start=period_start).first()
        if done is not None:
            return done
        payment = client_payment_make(
            acting_user=acting_user, client=contract.client, amount=amount, effective_date=paid_on,
            category=MoneyOutCategory.OTHER_SPENDING, payee=contract.company,
            reference=f"Storage from {period_start:%d/%m/%Y}", memo=f"Storage of belongings: {contract.company}",
            idempotency_key=f"property-storage:{contract.pk}:{period_start.isoformat()}")
        paid = StoragePayment(contract=contract, period_start=period_start, amount=amount, payment=payment,
                              recorded_by=acting_user)
        save_attributed(paid, user=acting_user, reason="Storage paid from the client's money")
    return paid
