"""What the sale part adds to the shared screens: the sales-in-progress panels, breadcrumbs, the stalled
sales job and the demo step."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import CLIENT, HOME
from properties.repairs.hooks import HOME_CRUMB

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


def _seed_demo(run) -> dict[str, int]:
    from properties.sale.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``properties.hooks.register()``."""
    from properties.sale.tasks import SCHEDULE

    registry.add_jobs(SCHEDULE)
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
                                    after=("people", "ledger")))
