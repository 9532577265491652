"""Clearance: nothing leaves the inventory without a recorded decision by an authorised person (service
and database), decisions are appended, sale proceeds are received once, valuables go to safekeeping with a
receipt, storage contracts raise a review task and are paid once a period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError, PermissionDeniedError
from ledger.choices import MoneyInCategory
from ledger.models import Payment, Transaction
from people.models import Task
from properties.clearance import services
from properties.clearance.choices import ItemStatus
from properties.clearance.models import InventoryDecision, InventoryItem, SafekeepingReceipt, StorageContract

TODAY = dt.date.today()
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def plan(pat, home):
    return services.clearance_plan_create(acting_user=pat, home=home, planned_on=TODAY + dt.timedelta(days=14),
                                          contractor="Borchester Clearances Ltd")


def _item(pat, plan, name="Oak dresser", value="120.00", **kwargs):
    return services.inventory_item_add(acting_user=pat, plan=plan, item=name, estimated_value=Decimal(value), **kwargs)


def test_an_item_with_a_photograph_stored_as_a_document(pat, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = _item(pat, plan, photograph_upload=SimpleUploadedFile("dresser.png", PNG, content_type="image/png"))
    assert item.photograph is not None and item.photograph.client == plan.client


def test_nothing_leaves_without_a_decision(pat, plan):
    item = _item(pat, plan)
    with pytest.raises(ApplicationError) as refused:
        services.inventory_item_leave(acting_user=pat, item=item, went_to="The tip", left_on=TODAY)
    assert "decision" in refused.value.message
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_INVENTORY and item.left_on is None


def test_the_database_refuses_an_item_leaving_without_a_decision(pat, plan):
    item = _item(pat, plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        InventoryItem.objects.filter(pk=item.pk).update(status=ItemStatus.DISPOSED, left_on=TODAY, went_to="Skip")


def test_disposing_selling_or_giving_away_is_a_team_leaders_decision(pat, lena, plan):
    item = _item(pat, plan)
    for decision in ("dispose", "sell", "give"):
        with pytest.raises(PermissionDeniedError):
            services.inventory_item_decide(acting_user=pat, item=item, decision=decision)
    assert not InventoryDecision.objects.exists()
    services.inventory_item_decide(acting_user=lena, item=item, decision="dispose", note="Broken beyond repair")
    item = services.inventory_item_leave(acting_user=pat, item=item, went_to="Council tip", left_on=TODAY)
    assert item.status == ItemStatus.DISPOSED and item.decided_by == lena


def test_decisions_are_appended_and_the_latest_is_the_items(pat, lena, plan):
    item = _item(pat, plan)
    services.inventory_item_decide(acting_user=pat, item=item, decision="store")
    services.inventory_item_decide(acting_user=lena, item=item, decision="give", note="Her son asked for it")
    item.refresh_from_db()
    assert item.decision == "give" and item.decided_by == lena
    assert list(item.decisions.values_list("decision", flat=True)) == ["store", "give"]


def test_an_item_that_has_left_keeps_its_decision(pat, plan):
    item = _item(pat, plan)
    services.inventory_item_decide(acting_user=pat, item=item, decision="keep")
    services.inventory_item_leave(acting_user=pat, item=item, went_to="To Meadowbank with her", left_on=TODAY)
    with pytest.raises(ApplicationError):
        services.inventory_item_decide(acting_user=pat, item=item, decision="store")
    assert item.decisions.count() == 1


def test_someone_outside_the_team_cannot_decide(officer, pat, plan):
    item = _item(pat, plan)
    with pytest.raises(PermissionDeniedError):
        services.inventory_item_decide(acting_user=officer, item=item, decision="keep")


def test_bad_input_changes_nothing(pat, plan):
    with pytest.raises(ApplicationError):
        services.inventory_item_add(acting_user=pat, plan=plan, item="  ")
    with pytest.raises(ApplicationError):
        services.inventory_item_add(acting_user=pat, plan=plan, item="Clock", estimated_value="-3")
    assert not InventoryItem.objects.exists()
    item = _item(pat, plan)
    with pytest.raises(ApplicationError):
        services.inventory_item_decide(acting_user=pat, item=item, decision="burn")
    assert not InventoryDecision.objects.exists()


def test_sale_proceeds_are_received_once_as_sale_of_assets(pat, lena, plan, owner):
    item = _item(pat, plan)
    with pytest.raises(ApplicationError):
        services.inventory_sale_proceeds_receive(acting_user=pat, item=item, amount="80.00", received_on=TODAY)
    services.inventory_item_decide(acting_user=lena, item=item, decision="sell")
    services.inventory_item_leave(acting_user=pat, item=item, went_to="Borchester Auctions", left_on=TODAY)
    item = services.inventory_sale_proceeds_receive(acting_user=pat, item=item, amount="80.00", received_on=TODAY)
    assert item.sale_receipt.category == MoneyInCategory.SALE_OF_ASSETS
    services.inventory_sale_proceeds_receive(acting_user=pat, item=item, amount="80.00", received_on=TODAY)
    assert Transaction.objects.filter(category=MoneyInCategory.SALE_OF_ASSETS).count() == 1


def test_valuables_go_to_safekeeping_with_a_receipt(pat, plan):
    ring, watch = _item(pat, plan, "Gold ring", "400"), _item(pat, plan, "Watch", "150")
    chair = _item(pat, plan, "Chair")
    services.inventory_item_decide(acting_user=pat, item=ring, decision="safekeeping")
    services.inventory_item_decide(acting_user=pat, item=watch, decision="safekeeping")
    with pytest.raises(ApplicationError):
        services.safekeeping_receive(acting_user=pat, plan=plan, items=[ring, chair], receipt_number="SK-1",
                                     place="Council safe", received_by="Cashier", received_on=TODAY)
    assert not SafekeepingReceipt.objects.exists()
    ring.refresh_from_db()
    assert ring.status == ItemStatus.ON_INVENTORY
    receipt = services.safekeeping_receive(acting_user=pat, plan=plan, items=[ring, watch], receipt_number="SK-1",
                                           place="Council safe", received_by="Cashier", received_on=TODAY)
    assert set(receipt.items.values_list("status", flat=True)) == {ItemStatus.IN_SAFEKEEPING}
    with pytest.raises(ApplicationError):
        services.inventory_item_leave(acting_user=pat, item=chair, went_to="x", left_on=TODAY)


def test_a_storage_contract_raises_a_review_task_and_is_paid_once_a_period(pat, plan, funds, owner):
    contract = services.storage_contract_add(acting_user=pat, plan=plan, company="SafeStore", starts_on=TODAY,
                                             cost_per_period="85.00", period="month",
                                             review_on=TODAY + dt.timedelta(days=90))
    task = Task.objects.get(object_id=contract.pk, title__contains="storage contract")
    assert task.due_date == TODAY + dt.timedelta(days=90) and task.assigned_to == pat
    paid = services.storage_cost_pay(acting_user=pat, contract=contract, period_start=TODAY, amount="85.00",
                                     paid_on=TODAY)
    again = services.storage_cost_pay(acting_user=pat, contract=contract, period_start=TODAY, amount="85.00",
                                      paid_on=TODAY)
    assert paid.pk == again.pk and Payment.objects.filter(client=owner).count() == 1


def test_a_storage_review_before_its_start_is_refused(pat, plan):
    with pytest.raises(ApplicationError):
        services.storage_contract_add(acting_user=pat, plan=plan, company="SafeStore", starts_on=TODAY,
                                      cost_per_period="85.00", period="month", review_on=TODAY - dt.timedelta(days=1))
    assert not StorageContract.objects.exists() and not Task.objects.exists()
