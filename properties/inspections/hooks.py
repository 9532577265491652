"""What the inspections part adds to the shared screens: its daily escalation job and its timeline events."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, registry
from properties.timeline import TimelineEvent, add_timeline_source


def inspection_events(home):
    url = reverse("properties:property-detail", args=[home.pk])
    for visit in home.inspections.all():
        yield TimelineEvent(visit.visited_on, "Inspection", f"Inspected by {visit.inspector}: "
                                                            f"{visit.get_condition_display().lower()}.", url)


def register() -> None:
    from people.hooks import HOME
    from properties.inspections import tasks
    from properties.register.hooks import HOME_CRUMB, PROPERTIES

    registry.add_jobs(tasks.SCHEDULE)
    add_timeline_source("inspections", inspection_events)
    registry.add_breadcrumbs(Breadcrumbs(("properties:inspection-add",), (HOME, PROPERTIES, HOME_CRUMB)))
