"""The property pages as the property team uses them: the flags wherever a home appears, the forms'
refusals shown on the form, the timeline, and the panels."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from properties.register.choices import Occupancy
from properties.register.services import occupancy_change


def test_an_uninsured_home_is_flagged_on_the_list_page_tab_summary_and_panel(home, prop_officer, client_as):
    browser = client_as(prop_officer)
    for url in (reverse("properties:properties"), reverse("properties:property-detail", args=[home.pk]),
                reverse("properties:client-property", args=[home.client.pk]),
                reverse("people:client-detail", args=[home.client.pk])):
        assert "Uninsured: no live insurance policy." in browser.get(url).content.decode(), url
    my_work = browser.get(reverse("my-work")).content.decode()
    assert "Uninsured homes" in my_work
    listed = browser.get(reverse("properties:properties") + "?flag=uninsured").content.decode()
    assert "14 Mill Lane" in listed


def test_the_team_leaders_dashboard_has_the_property_panel(home, prop_leader, property_team, client_as):
    page = client_as(prop_leader).get(reverse("people:team-caseload", args=[property_team.pk])).content.decode()
    assert "Empty-home inspections overdue" in page and "Certificates expiring" in page


def test_shares_over_100_are_refused_on_the_form(home, prop_officer, client_as):
    response = client_as(prop_officer).post(reverse("properties:joint-owner-add", args=[home.pk]),
                                            {"name": "Graham Marsden", "share": "60"})
    assert response.status_code == 200
    assert "they cannot be more than 100%" in response.content.decode()
    assert not home.joint_owners.exists()


def test_a_tenancy_refused_shows_why(home, prop_officer, client_as, today):
    response = client_as(prop_officer).post(reverse("properties:tenancy-add", args=[home.pk]), {
        "tenant": "Jo Bloggs", "rent": "750", "rent_frequency": "monthly", "starts_on_0": today.day,
        "starts_on_1": today.month, "starts_on_2": today.year})
    assert response.status_code == 200
    assert "no gas safety record in date" in response.content.decode()


def test_the_timeline_lists_events(home, prop_officer, client_as, today):
    occupancy_change(acting_user=prop_officer, home=home, occupancy=Occupancy.EMPTY, since=today - dt.timedelta(days=3))
    page = client_as(prop_officer).get(reverse("properties:property-timeline", args=[home.pk])).content.decode()
    assert page.count('data-testid="timeline-event"') == 3  # registered, first occupancy, empty


def test_the_property_page_says_whether_it_may_be_sold(home, prop_officer, client_as):
    page = client_as(prop_officer).get(reverse("properties:property-detail", args=[home.pk])).content.decode()
    assert "holds no legal authority" in page


def test_an_empty_home_without_unoccupied_cover_is_listed(home, prop_officer, client_as, today):
    from decimal import Decimal

    from properties.insurance.services import policy_record

    policy_record(acting_user=prop_officer, home=home, insurer="Borsetshire Mutual", policy_number="BM-9",
                  cover="Buildings", starts_on=today - dt.timedelta(days=5), renews_on=today + dt.timedelta(days=360),
                  premium=Decimal("100"))
    browser = client_as(prop_officer)
    url = reverse("properties:properties") + "?flag=no-unoccupied-cover"
    assert "14 Mill Lane" not in browser.get(url).content.decode()
    occupancy_change(acting_user=prop_officer, home=home, occupancy=Occupancy.EMPTY, since=today)
    assert "14 Mill Lane" in browser.get(url).content.decode()
    assert "Empty homes without unoccupied cover" in browser.get(reverse("my-work")).content.decode()
