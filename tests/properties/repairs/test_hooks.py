"""The repairs, clearance and sale events on the property's timeline, and the team leader's panels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core.registry import DashboardScope
from properties.clearance import services as clearance
from properties.clearance.hooks import items_for_team
from properties.repairs import services as repairs
from properties.repairs.hooks import repairs_for_team
from properties.sale import services as sale
from properties.sale.hooks import sales_for_team
from properties.timeline import property_timeline, timeline_sources

TODAY = dt.date.today()


def test_the_timeline_and_the_dashboard_show_repairs_clearance_and_sale(pat, lena, home, may_sell, property_team,
                                                                        settings):
    settings.PROPERTY_REPAIR_SECOND_APPROVAL_ABOVE = "100.00"
    repair = repairs.repair_report(acting_user=pat, home=home, what="Boiler", reported_on=TODAY, urgency="urgent",
                                   reported_by="Inspector")
    quote = repairs.quote_add(acting_user=pat, repair=repair, trades_person="Gas Ltd", amount=Decimal("300"),
                              quoted_on=TODAY)
    repairs.repair_approval_request(acting_user=pat, repair=repair, quote=quote)
    plan = clearance.clearance_plan_create(acting_user=pat, home=home, planned_on=TODAY, contractor="Clearers")
    item = clearance.inventory_item_add(acting_user=pat, plan=plan, item="Sideboard")
    clearance.inventory_item_add(acting_user=pat, plan=plan, item="Lamp")
    clearance.inventory_item_decide(acting_user=lena, item=item, decision="sell")
    sale.sale_start(acting_user=pat, home=home)
    assert {"repairs", "clearance", "sale"} <= set(timeline_sources())
    texts = [event.text for event in property_timeline(home=home)]
    assert any(text.startswith("Reported (urgent): Boiler") for text in texts)
    assert any("Sideboard: sell" in text for text in texts)
    assert any(text.startswith("Sale started") for text in texts)
    scope = DashboardScope(team=property_team)
    assert [(c.label, c.count) for c in repairs_for_team(lena, scope)][0] == ("Repairs awaiting approval", 1)
    assert [(c.label, c.count) for c in items_for_team(lena, scope)] == [("Belongings without a decision", 1)]
    assert [(c.label, c.count) for c in sales_for_team(lena, scope)] == [("Sales in progress", 1)]
