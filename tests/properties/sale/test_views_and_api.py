"""Sale pages and API: a sale without authority is refused with the reason (page and API) and nothing is
written; with authority it starts; the court application page records one."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from properties.sale.models import Sale


def test_the_page_refuses_a_sale_without_authority_with_the_reason(client_as, pat, home, may_not_sell):
    browser = client_as(pat)
    page = browser.get(reverse("properties:sale-start", args=[home.pk]))
    assert page.status_code == 200
    assert "does not give authority to sell" in page.content.decode()
    assert "Start the sale" not in page.content.decode()
    refused = browser.post(reverse("properties:sale-start", args=[home.pk]))
    assert refused.status_code == 400 and "The sale cannot start" in refused.content.decode()
    assert not Sale.objects.exists()


def test_the_page_starts_a_sale_with_authority(client_as, pat, home, may_sell):
    response = client_as(pat).post(reverse("properties:sale-start", args=[home.pk]))
    sale = Sale.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("properties:sale-detail", args=[sale.pk])
    detail = client_as(pat).get(response["Location"])
    assert "COP-1234567" in detail.content.decode()


def test_the_api_refuses_a_sale_without_authority_with_the_reason(client_as, pat, home, may_not_sell):
    response = client_as(pat).post(reverse("api:properties-sales"), {"home": home.pk}, content_type="application/json")
    assert response.status_code == 400
    assert "does not give authority to sell" in response.content.decode()
    assert not Sale.objects.exists()


def test_the_api_starts_and_reads_a_sale(client_as, pat, home, may_sell):
    browser = client_as(pat)
    made = browser.post(reverse("api:properties-sales"), {"home": home.pk}, content_type="application/json")
    assert made.status_code == 201 and made.json()["status"] == "authorised"
    read = browser.get(reverse("api:properties-sale", args=[made.json()["id"]]))
    assert read.json()["home"] == home.pk


def test_the_court_application_page_records_it(client_as, pat, home, may_not_sell):
    applied = dt.date.today() - dt.timedelta(days=3)
    response = client_as(pat).post(reverse("properties:sale-court-application", args=[home.pk]), {
        "applied_on_0": applied.day, "applied_on_1": applied.month, "applied_on_2": applied.year,
        "court_reference": "COP-APP-1"})
    assert response.status_code == 302
    sale = Sale.objects.get()
    assert sale.status == "court" and sale.court_applied_on == applied


def test_a_future_application_date_is_shown_and_nothing_is_written(client_as, pat, home, may_not_sell):
    applied = dt.date.today() + dt.timedelta(days=3)
    response = client_as(pat).post(reverse("properties:sale-court-application", args=[home.pk]), {
        "applied_on_0": applied.day, "applied_on_1": applied.month, "applied_on_2": applied.year})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not Sale.objects.exists()


def test_someone_outside_the_property_team_cannot_start_a_sale(client_as, officer, home, may_sell):
    assert client_as(officer).post(reverse("properties:sale-start", args=[home.pk])).status_code == 403
    api = client_as(officer).post(reverse("api:properties-sales"), {"home": home.pk}, content_type="application/json")
    assert api.status_code == 403
    assert not Sale.objects.exists()
