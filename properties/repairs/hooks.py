"""What the repairs part adds to the shared screens (:mod:`core.registry`): the repairs awaiting approval
panels, breadcrumbs, the overdue repairs job and the demo step."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry
from people.hooks import CLIENT, HOME
from properties.timeline import add_timeline_source

REPAIRS = Crumb("Repairs", "properties:repairs")


def _home_crumb(request):
    record = getattr(request, "rule_object", None)
    home = getattr(record, "home", None) or getattr(getattr(record, "plan", None), "home", None) \
        or getattr(getattr(getattr(record, "contract", None), "plan", None), "home", None) \
        or getattr(getattr(record, "sale", None), "home", None)
    return (str(home), reverse("properties:home-work", args=[home.pk])) if home is not None else None


HOME_CRUMB = Crumb(build=_home_crumb)


def repairs_mine(user) -> list[WorkCount]:
    from people.selectors import today
    from properties.repairs.selectors import repairs_awaiting_approval, repairs_overdue

    url = reverse("properties:repairs")
    return [WorkCount("Repairs waiting for a second approval", repairs_awaiting_approval(user=user)
                      .exclude(approval_requested_by=user).count(), f"{url}?status=awaiting_approval"),
            WorkCount("Repairs past their due date", repairs_overdue(user=user, on=today()).count(), url)]


def repairs_for_team(user, scope) -> list[WorkCount]:
    from people.choices import Service
    from people.selectors import today
    from properties.repairs.selectors import repairs_awaiting_approval, repairs_overdue

    if scope.team.service != Service.PROPERTY:
        return []
    url = reverse("properties:repairs")
    return [WorkCount("Repairs awaiting approval", repairs_awaiting_approval(user=user, scope=scope).count(),
                      f"{url}?status=awaiting_approval&{scope.query}"),
            WorkCount("Repairs past their due date", repairs_overdue(user=user, on=today(), scope=scope).count(),
                      f"{url}?{scope.query}")]


def repair_events(home):
    """The repairs' events for the property's timeline: reported, approved, completed, paid."""
    from properties.timeline import TimelineEvent

    events = []
    for repair in home.repairs.select_related("payment").order_by("id"):
        url = reverse("properties:repair-detail", args=[repair.pk])
        events.append(TimelineEvent(repair.reported_on, "Repair", f"Reported ({repair.get_urgency_display().lower()}): "
                                                                  f"{repair.what[:120]}", url))
        if repair.approved_at:
            events.append(TimelineEvent(repair.approved_at.date(), "Repair",
                                        f"Approved: £{repair.approval_amount:,}", url))
        if repair.completed_on:
            events.append(TimelineEvent(repair.completed_on, "Repair", "Completed", url))
        if repair.payment is not None:
            events.append(TimelineEvent(repair.payment.effective_date, "Repair",
                                        f"Invoice {repair.invoice_reference} paid: £{repair.payment.amount:,}", url))
    return events


def _seed_demo(run) -> dict[str, int]:
    from properties.repairs.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    """Register this part's sections, panels, jobs and demo step; called from ``properties.hooks.register()``."""
    from properties.repairs.tasks import SCHEDULE

    registry.add_jobs(SCHEDULE)
    add_timeline_source("repairs", repair_events)
    registry.add_work_panel(WorkPanel(key="property-repairs", title="Repairs to clients' homes",
                                      rule="properties.work_any", counts=repairs_mine, order=62))
    registry.add_work_panel(WorkPanel(key="property-repairs-team", title="Property: repairs", rule="properties.lead",
                                      counts=repairs_for_team, order=62, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("properties:repairs",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("properties:home-work",), (HOME, CLIENT)))
    registry.add_breadcrumbs(Breadcrumbs(("properties:repair-report",), (HOME, CLIENT, HOME_CRUMB)))
    registry.add_breadcrumbs(Breadcrumbs(("properties:repair-detail",), (HOME, REPAIRS, CLIENT, HOME_CRUMB)))
    registry.add_breadcrumbs(Breadcrumbs(
        ("properties:repair-quote-add", "properties:repair-approval-request", "properties:repair-approve",
         "properties:repair-complete", "properties:repair-pay", "properties:repair-cancel"),
        (HOME, REPAIRS, CLIENT, HOME_CRUMB)))
    registry.add_demo_step(DemoStep("properties-repairs", _seed_demo, "Repairs to clients' homes: one waiting for a "
                                    "second person's approval",
                                    after=("people", "client-money", "properties-register")))
