"""What the insurance part adds to the shared screens: its daily renewal job and its timeline events."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, registry
from properties.timeline import TimelineEvent, add_timeline_source


def insurance_events(home):
    url = reverse("properties:property-detail", args=[home.pk])
    for policy in home.insurance_policies.all():
        yield TimelineEvent(policy.starts_on, "Insurance", f"Insured with {policy.insurer} ({policy.policy_number}) "
                                                           f"to {policy.renews_on:%d %B %Y}.", url)
        if policy.cancelled_on:
            yield TimelineEvent(policy.cancelled_on, "Insurance", f"Policy {policy.policy_number} cancelled.", url)


def register() -> None:
    from people.hooks import HOME
    from properties.insurance import tasks
    from properties.register.hooks import HOME_CRUMB, PROPERTIES

    registry.add_jobs(tasks.SCHEDULE)
    add_timeline_source("insurance", insurance_events)
    registry.add_breadcrumbs(Breadcrumbs(("properties:policy-add",), (HOME, PROPERTIES, HOME_CRUMB)))
