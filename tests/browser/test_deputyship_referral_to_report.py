"""A client followed from the referral to the first annual report to the OPG, in a real Chromium.

The referral is taken to an order through the referral pages (dated as it happened, 13 months ago); the
year of the client's money and the morning jobs that charge the fees and make the report run through the
services; then the officer finds the report due on *My work*, sees the figures the calculation gives, marks
it ready and records it as submitted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from deputyship.fees.services import fees_charge_run
from deputyship.returns.choices import ReturnStatus
from deputyship.returns.models import CourtReturn
from deputyship.returns.selectors import return_figures
from deputyship.returns.services import returns_run
from ledger.choices import MoneyInCategory, MoneyOutCategory
from tests.deputyship.fees.conftest import pay, rates, receive, today  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pounds(value: Decimal) -> str:
    return f"£{value:,.2f}"


def fill_date(page, name: str, day: dt.date) -> None:
    page.locator(f"#id_{name}").fill(str(day.day))
    page.locator(f"#id_{name}_1").fill(str(day.month))
    page.locator(f"#id_{name}_2").fill(str(day.year))


def test_from_referral_to_the_first_annual_report(page, live_server, sign_in, assert_accessible, officer,
                                                  north_client, rates, receive, pay, today, settings,  # noqa: F811
                                                  tmp_path):
    """The referral taken to an order through the pages (dated as it happened, 13 months ago); the year of
    money and the morning jobs through the services; then the first report through the pages."""
    from deputyship.authority.models import LegalAuthority
    from people import services as people_services
    from tests.factories import ContactFactory

    settings.MEDIA_ROOT = tmp_path
    son = ContactFactory(name="David Thornton", address="4 Mill Lane\nBorchester\nQB5 1AA")
    people_services.client_contact_link(acting_user=officer, client=north_client, contact=son,
                                        relationship="relative", description="Son")
    referred, submitted, made = (today - dt.timedelta(days=d) for d in (420, 410, 395))
    sign_in(page, officer)
    page.goto(f"{live_server.url}/clients/{north_client.pk}/")
    page.locator('[data-tab="deputyship"]').click()
    page.get_by_role("link", name="Record a referral").click()
    page.get_by_label("Care management (social worker)").check()
    page.get_by_label("Who referred").fill("Jo Bright, social worker")
    fill_date(page, "referred_on", referred)
    page.get_by_label("Urgent", exact=True).check()
    page.get_by_label("Property and affairs deputyship (Court of Protection)").check()
    page.get_by_label("Why is the council asked to act?").fill("Lacks capacity; savings; bills unpaid.")
    page.get_by_role("button", name="Save").click()
    for _ in range(4):
        page.get_by_role("button", name="Returned today").first.click()
        expect(page.get_by_text("recorded as returned")).to_be_visible()
    page.get_by_label("David Thornton (Son)").check()
    page.get_by_role("button", name="Name as an interested party").click()
    page.get_by_role("button", name="Send the letters to everyone not yet told").click()
    page.get_by_role("link", name="Record the application sent to the court").click()
    fill_date(page, "submitted_on", submitted)
    page.get_by_role("button", name="Record submission").click()
    page.get_by_role("link", name="Record the order received").click()
    page.get_by_label("Court case number").fill("1404512T")
    fill_date(page, "made_on", made)
    page.get_by_label("Scope of the powers, as written").fill("Property and financial affairs")
    page.get_by_role("button", name="Record the order").click()
    expect(page.get_by_text("Order recorded")).to_be_visible()
    order = LegalAuthority.objects.get(client=north_client)
    assert order.made_on == made

    # The year in the client account, and the morning jobs on the order's date and today.
    receive("6000.00", made + dt.timedelta(days=2), MoneyInCategory.SALE_OF_ASSETS)
    for n in range(13):
        day = made + dt.timedelta(days=5 + 28 * n)
        receive("884.80", day)
        pay("812.40", day + dt.timedelta(days=2), MoneyOutCategory.LOCAL_AUTHORITY_CHARGES, payee="The council")
    fees_charge_run(on=made + dt.timedelta(days=3), acting_user=officer)
    returns_run(on=today, acting_user=officer)
    report = CourtReturn.objects.get(authority=order, number=1)
    figures = return_figures(report)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Court returns due in the next 28 days").click()
    page.get_by_role("link", name=north_client.full_name).click()
    expect(page.locator("#total-in")).to_have_text(pounds(figures.total_in))
    expect(page.locator("#total-out")).to_have_text(pounds(figures.total_out))
    assert_accessible(page)
    page.get_by_role("button", name="Mark ready to send").click()
    expect(page.locator("#return-status")).to_have_text("Ready to submit")
    page.get_by_label("Date it was sent to the OPG (YYYY-MM-DD)").fill(today.isoformat())
    page.get_by_role("button", name="Record it as submitted").click()
    expect(page.locator("#return-status")).to_contain_text("Submitted to the OPG")
    assert CourtReturn.objects.get(pk=report.pk).status == ReturnStatus.SUBMITTED
