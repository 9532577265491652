"""What the register part adds to the shared screens (:mod:`core.registry`): the client's *Property*
tab and its "Home" summary row, the *Property* menu item, the property team's panels, breadcrumbs, the
register's timeline events and the demo."""

from __future__ import annotations

from django.urls import reverse

from core.registry import (
    Breadcrumbs, ClientSection, Crumb, DemoStep, MenuItem, SummaryRow, WorkCount, WorkPanel, registry,
)
from people.hooks import CLIENT, CLIENTS, HOME
from properties.timeline import TimelineEvent, add_timeline_source

PROPERTIES = Crumb("Property", "properties:properties")


def _home_crumb(request):
    home = getattr(request, "rule_object", None)
    home = getattr(home, "home", home)
    if home is None or not hasattr(home, "address_line_1"):
        return None
    return home.address_line_1, reverse("properties:property-detail", args=[home.pk])


HOME_CRUMB = Crumb(build=_home_crumb)


def property_tab(*, client, user) -> dict:
    from properties.register.selectors import property_rows

    return {"rows": property_rows(client=client)}


def home_summary(*, client, user) -> dict:
    from properties.register.selectors import property_rows

    return {"rows": property_rows(client=client)}


def register_events(home):
    from properties.register.models import Valuation

    url = reverse("properties:property-detail", args=[home.pk])
    yield TimelineEvent(home.recorded_at.date(), "Registered", f"Added to the register by {home.recorded_by.get_full_name() or home.recorded_by.get_username()}.", url)
    for change in home.occupancy_changes.all():
        yield TimelineEvent(change.since, "Occupancy", f"{change.get_occupancy_display()}"
                                                       f"{': ' + change.note if change.note else ''}.", url)
    for valuation in Valuation.objects.filter(home=home):
        yield TimelineEvent(valuation.valued_on, "Valuation", f"Valued at £{valuation.value:,.2f} by {valuation.valuer}.", url)
    for keys in home.keys.all():
        yield TimelineEvent(keys.since, "Keys", f"{keys.number_of_keys} key(s) held by {keys.held_by}.", url)
        if keys.returned_on:
            yield TimelineEvent(keys.returned_on, "Keys", f"Keys returned by {keys.held_by}.", url)


def _team_counts(user, scope) -> list[WorkCount]:
    from people.choices import Service
    from properties.register.selectors import properties_of_team

    if scope.team.service != Service.PROPERTY:
        return []
    homes = properties_of_team(team=scope.team, officer=scope.officer, unallocated=scope.unallocated)
    return _counts(homes, scope.query)


def _my_counts(user) -> list[WorkCount]:
    from properties.register.selectors import properties_of_officer

    return _counts(properties_of_officer(user=user), "")


def _counts(homes, query: str) -> list[WorkCount]:
    from properties.inspections.selectors import inspections_overdue
    from properties.insurance.selectors import empty_without_unoccupied_cover, uninsured
    from properties.lettings.selectors import certificates_expiring

    def url(name, flag):
        return reverse(name) + "?" + "&".join(part for part in (f"flag={flag}" if flag else "", query) if part)

    return [
        WorkCount("Uninsured homes", uninsured(homes).count(), url("properties:properties", "uninsured")),
        WorkCount("Empty homes without unoccupied cover", empty_without_unoccupied_cover(homes).count(),
                  url("properties:properties", "no-unoccupied-cover")),
        WorkCount("Empty-home inspections overdue", len(inspections_overdue(homes)),
                  url("properties:properties", "inspection-overdue")),
        WorkCount("Certificates expiring", certificates_expiring(homes).count(),
                  url("properties:properties", "certificates")),
    ]


def _seed_demo(run) -> dict[str, int]:
    from properties.register.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    registry.add_client_section(ClientSection(
        "property", "Property", "properties:client-property", "properties.view_client", order=35,
        template="properties/register/client_property.html", context=property_tab))
    registry.add_summary_row(SummaryRow("property", "Home", "properties.view_client",
                                        "properties/register/_summary_home.html", home_summary, order=35))
    registry.add_menu_item(MenuItem("Property", "properties:properties", "properties.view_any", order=58,
                                    prefixes=("/properties/",)))
    registry.add_work_panel(WorkPanel(key="property", title="Property", rule="properties.work_any",
                                      counts=_my_counts, order=48))
    registry.add_work_panel(WorkPanel(key="property-team", title="Property", rule="properties.lead",
                                      counts=_team_counts, order=48, place="dashboard"))
    registry.add_breadcrumbs(Breadcrumbs(("properties:properties",), (HOME,)))
    registry.add_breadcrumbs(Breadcrumbs(("properties:client-property",), (HOME, CLIENTS, CLIENT)))
    registry.add_breadcrumbs(Breadcrumbs(("properties:property-detail",), (HOME, PROPERTIES)))
    registry.add_breadcrumbs(Breadcrumbs((
        "properties:property-timeline", "properties:joint-owner-add", "properties:occupancy-change",
        "properties:keys-add", "properties:keys-returned", "properties:valuation-add"), (HOME, PROPERTIES, HOME_CRUMB)))
    add_timeline_source("register", register_events)
    registry.add_demo_step(DemoStep("properties-register", _seed_demo, "Clients' homes with valuations, insurance, "
                                    "inspections of an empty home and a let home's certificates and rent",
                                    after=("people", "client-money")))
