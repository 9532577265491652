"""Repair pages and API: reporting through the form, the second person's approval on the page and in
the API (refused to whoever asked), and the panels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.test import override_settings
from django.urls import reverse

from properties.repairs import services
from properties.repairs.models import Repair

TODAY = dt.date.today()


def _awaiting(pat, home):
    repair = services.repair_report(acting_user=pat, home=home, what="Roof", reported_on=TODAY, urgency="urgent",
                                    reported_by="Neighbour")
    quote = services.quote_add(acting_user=pat, repair=repair, trades_person="Roofers", amount=Decimal("2500.00"),
                               quoted_on=TODAY)
    return services.repair_approval_request(acting_user=pat, repair=repair, quote=quote)


def test_reporting_a_repair_through_the_form(client_as, pat, home):
    response = client_as(pat).post(reverse("properties:repair-report", args=[home.pk]), {
        "what": "Broken window", "reported_on_0": TODAY.day, "reported_on_1": TODAY.month,
        "reported_on_2": TODAY.year, "urgency": "routine", "reported_by": "Inspector"})
    repair = Repair.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("properties:repair-detail", args=[repair.pk])


def test_a_form_with_bad_input_changes_nothing(client_as, pat, home):
    response = client_as(pat).post(reverse("properties:repair-report", args=[home.pk]), {"what": "", "urgency": "x"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not Repair.objects.exists()


@override_settings(PROPERTY_REPAIR_SECOND_APPROVAL_ABOVE="1000.00")
def test_the_page_refuses_approval_by_whoever_asked_and_takes_anothers(client_as, pat, quinn, home):
    repair = _awaiting(pat, home)
    detail = client_as(pat).get(reverse("properties:repair-detail", args=[repair.pk]))
    assert "someone else in the property team must give it" in detail.content.decode()
    client_as(pat).post(reverse("properties:repair-approve", args=[repair.pk]))
    repair.refresh_from_db()
    assert repair.approved_by is None
    client_as(quinn).post(reverse("properties:repair-approve", args=[repair.pk]))
    repair.refresh_from_db()
    assert repair.approved_by == quinn


@override_settings(PROPERTY_REPAIR_SECOND_APPROVAL_ABOVE="1000.00")
def test_the_api_approval_by_whoever_asked_is_403(client_as, pat, quinn, home):
    repair = _awaiting(pat, home)
    assert client_as(pat).post(reverse("api:properties-repair-approve", args=[repair.pk])).status_code == 403
    done = client_as(quinn).post(reverse("api:properties-repair-approve", args=[repair.pk]))
    assert done.status_code == 200 and done.json()["approved_by"] == "quinn"


def test_the_api_reports_a_repair_and_refuses_bad_input(client_as, pat, home):
    browser = client_as(pat)
    bad = browser.post(reverse("api:properties-repairs"), {"home": home.pk, "what": "x", "urgency": "soon",
                                                           "reported_on": TODAY.isoformat(), "reported_by": "Me"},
                       content_type="application/json")
    assert bad.status_code == 400 and not Repair.objects.exists()
    made = browser.post(reverse("api:properties-repairs"), {"home": home.pk, "what": "Gutter", "urgency": "routine",
                                                            "reported_on": TODAY.isoformat(), "reported_by": "Me"},
                        content_type="application/json")
    assert made.status_code == 201
    assert browser.get(reverse("api:properties-repairs")).json()["count"] == 1


@override_settings(PROPERTY_REPAIR_SECOND_APPROVAL_ABOVE="1000.00")
def test_my_work_shows_repairs_waiting_for_my_approval(client_as, pat, quinn, home):
    _awaiting(pat, home)
    page = client_as(quinn).get(reverse("my-work")).content.decode()
    assert "Repairs waiting for a second approval" in page
