"""What the sale part adds to the shared screens: the sales-in-progress panels, breadcrumbs, the stalled
sales job and the demo step."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import CLIENT, HOME
from properties.repairs.hooks import HOME_CRUMB
from properties.timeline import add_timeline_source

SALES = Crumb("Sales", "properties:sales")


def sales_mine(user) -> list[WorkCount]:
    from properties.sale.selectors import sales_in_progress

    return [WorkCount("Sales of clients' homes in progress", sales_in_progress(user=user).count(),
                      reverse("properties:sales"))]


def sales_for_team(user, scope) -> list[WorkCount]:
    from people.choices import Service
    from properties.sale.selectors import sales_in_progress

    if scope.team.service != Service.PROPERTY:
        return []
    return [WorkCount("Sales in progress", sales_in_progress(user=user, scope=scope).count(),
                      f"{reverse('properties:sales')}?{scope.query}")]


def sale_events(home):
    """The sale's events for the property's timeline: started or applied to the court, permission, on the
    market, offers, exchange, completion."""
    from properties.timeline import TimelineEvent

    events = []
    for sale in home.sales.prefetch_related("offers").order_by("id"):
        url = reverse("properties:sale-detail", args=[sale.pk])
        if sale.court_applied_on:
            events.append(TimelineEvent(sale.court_applied_on, "Sale", "Applied to the court for permission to sell",
                                        url))
        else:
            events.append(TimelineEvent(sale.recorded_at.date(), "Sale", f"Sale started: {sale.authority_reason}", url))
        if sale.court_granted_on:
            events.append(TimelineEvent(sale.court_granted_on, "Sale",
                                        f"The court gave permission ({sale.court_permission_reference})", url))
        if sale.on_market_on:
            events.append(TimelineEvent(sale.on_market_on, "Sale", f"On the market with {sale.agent} at "
                                                                   f"£{sale.asking_price:,}", url))
        for offer in sale.offers.all():
            events.append(TimelineEvent(offer.made_on, "Sale", f"Offer of £{offer.amount:,} from {offer.buyer} "
                                                               f"({offer.get_status_display().lower()})", url))
        if sale.exchanged_on:
            events.append(TimelineEvent(sale.exchanged_on, "Sale", "Contracts exchanged", url))
        if sale.completed_on:
            events.append(TimelineEvent(sale.completed_on, "Sale", f"Completed: £{sale.net_proceeds:,} net to the "
                                                                   "client's account", url))
    return events


def _seed_demo(run) -> dict[str, int]:
    from properties.sale.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``properties.hooks.register()``."""
    from properties.sale.tasks import SCHEDULE

    registry.add_jobs(SCHEDULE)
    add_timeline_source("sale", sale_events)
    registry.add_work_panel(WorkPanel(key="property-sales", title="Sales", rule="properties.work_any",
                                      counts=sales_mine, order=64))
    registry.add_work_panel(WorkPanel(key="property-sales-team", title="Property: sales", rule="properties.lead",
                                      counts=sales_for_team, order=64, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("properties:sales",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("properties:sale-start", "properties:sale-court-application"),
                                         (HOME, CLIENT, HOME_CRUMB)))
    registry.add_breadcrumbs(Breadcrumbs(
        ("properties:sale-detail", "properties:sale-court-permission", "properties:sale-market",
         "properties:sale-offer-add", "properties:sale-offer-decide", "properties:sale-solicitor",
         "properties:sale-exchange", "properties:sale-complete", "properties:sale-withdraw"),
        (HOME, SALES, CLIENT, HOME_CRUMB)))
    registry.add_demo_step(DemoStep("properties-sale", _seed_demo, "Sales: one in progress with the order's authority, "
                                    "one refused for lack of it and recorded as a court application",
                                    after=("people", "client-money", "properties-register")))
