"""Clearance pages and API: the inventory page, a decision refused to an officer for disposal (page and
API), the printable safekeeping receipt."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from properties.clearance import services
from properties.clearance.models import InventoryDecision

TODAY = dt.date.today()


def _plan_with_item(pat, home):
    plan = services.clearance_plan_create(acting_user=pat, home=home, planned_on=TODAY, contractor="Clearers")
    return plan, services.inventory_item_add(acting_user=pat, plan=plan, item="Gold ring", estimated_value="300")


def test_the_inventory_page_shows_items_without_a_decision(client_as, pat, home):
    plan, _item = _plan_with_item(pat, home)
    page = client_as(pat).get(reverse("properties:clearance-detail", args=[plan.pk])).content.decode()
    assert "Gold ring" in page and "No decision" in page


def test_an_officer_cannot_decide_to_dispose_on_the_page_or_in_the_api(client_as, pat, home):
    _plan, item = _plan_with_item(pat, home)
    page = client_as(pat).post(reverse("properties:inventory-item-decide", args=[item.pk]), {"decision": "dispose"})
    assert page.status_code == 403
    api = client_as(pat).post(reverse("api:properties-inventory-item-decisions", args=[item.pk]),
                              {"decision": "dispose"}, content_type="application/json")
    assert api.status_code == 403
    assert not InventoryDecision.objects.exists()


def test_the_api_records_a_decision_and_lists_undecided_items(client_as, pat, lena, home):
    _plan, item = _plan_with_item(pat, home)
    undecided = reverse("api:properties-inventory-items") + "?undecided=true"
    assert client_as(pat).get(undecided).json()["count"] == 1
    made = client_as(lena).post(reverse("api:properties-inventory-item-decisions", args=[item.pk]),
                                {"decision": "sell", "note": "Auction"}, content_type="application/json")
    assert made.status_code == 201 and made.json()["decisions"][0]["decision"] == "sell"
    assert client_as(pat).get(undecided).json()["count"] == 0


def test_the_safekeeping_receipt_prints_as_a_pdf(client_as, pat, home):
    plan, item = _plan_with_item(pat, home)
    services.inventory_item_decide(acting_user=pat, item=item, decision="safekeeping")
    receipt = services.safekeeping_receive(acting_user=pat, plan=plan, items=[item], receipt_number="SK-77",
                                           place="Council safe", received_by="Cashier", received_on=TODAY)
    response = client_as(pat).get(reverse("properties:safekeeping-receipt-pdf", args=[receipt.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
