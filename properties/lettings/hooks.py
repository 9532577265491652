"""What the lettings part adds to the shared screens: its daily certificate reminders and its timeline
events (certificates, tenancies, rent received, rent reviews)."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, registry
from properties.timeline import TimelineEvent, add_timeline_source


def lettings_events(home):
    from properties.lettings.models import RentReceipt, RentReview

    url = reverse("properties:property-detail", args=[home.pk])
    for certificate in home.certificates.all():
        yield TimelineEvent(certificate.checked_on, "Certificate", f"{certificate.get_kind_display()}"
                                                                   f"{' rated ' + certificate.rating if certificate.rating else ''}"
                                                                   f", runs out {certificate.expires_on:%d %B %Y}.", url)
    for tenancy in home.tenancies.all():
        tenancy_url = reverse("properties:tenancy-detail", args=[tenancy.pk])
        yield TimelineEvent(tenancy.starts_on, "Tenancy", f"Let to {tenancy.tenant}.", tenancy_url)
        if tenancy.ends_on:
            yield TimelineEvent(tenancy.ends_on, "Tenancy", f"Tenancy of {tenancy.tenant} ends.", tenancy_url)
    for receipt in RentReceipt.objects.filter(tenancy__home=home).select_related("tenancy"):
        yield TimelineEvent(receipt.received_on, "Rent", f"£{receipt.amount:,.2f} rent received from "
                                                         f"{receipt.tenancy.tenant}.",
                            reverse("properties:tenancy-detail", args=[receipt.tenancy_id]))
    for review in RentReview.objects.filter(tenancy__home=home):
        yield TimelineEvent(review.reviewed_on, "Rent", f"Rent reviewed: market £{review.market_rent:,.2f}, set at "
                                                        f"£{review.new_rent:,.2f}.",
                            reverse("properties:tenancy-detail", args=[review.tenancy_id]))


def register() -> None:
    from people.hooks import HOME
    from properties.lettings import tasks
    from properties.register.hooks import HOME_CRUMB, PROPERTIES

    registry.add_jobs(tasks.SCHEDULE)
    add_timeline_source("lettings", lettings_events)
    registry.add_breadcrumbs(Breadcrumbs(("properties:certificate-add", "properties:tenancy-add",
                                          "properties:tenancy-detail"), (HOME, PROPERTIES, HOME_CRUMB)))
