"""A deputyship client's first annual report to the OPG, in a real Chromium.

Starts from a recorded court order (made 13 months ago) with a year of the client's money in the client
account, set up through the services; the morning jobs charge the fees and make the report. The officer
finds the report due from *My work*, checks its figures (the same as the calculation), adds a decision,
marks it ready and records it as submitted; the pages pass an accessibility check on the way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from deputyship.fees.models import FeeCharge
from deputyship.fees.services import fees_charge_run
from deputyship.returns.choices import ReturnStatus
from deputyship.returns.models import CourtReturn, ReportEntry
from deputyship.returns.selectors import return_figures
from deputyship.returns.services import returns_run
from ledger.choices import MoneyInCategory, MoneyOutCategory
from tests.deputyship.fees.conftest import make_order, pay, rates, receive, today  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pounds(value: Decimal) -> str:
    return f"£{value:,.2f}"


@pytest.fixture
def first_report(rates, make_order, receive, pay, today, officer):  # noqa: F811
    order = make_order(365 + 30)  # the first period ended 30 days ago: due in 26 days
    receive("6000.00", order.made_on + dt.timedelta(days=2), MoneyInCategory.SALE_OF_ASSETS)
    for n in range(13):
        day = order.made_on + dt.timedelta(days=5 + 28 * n)
        receive("884.80", day)
        pay("812.40", day + dt.timedelta(days=2), MoneyOutCategory.LOCAL_AUTHORITY_CHARGES, payee="The council")
    # The morning jobs, as they ran on the order's date and on the day the period ended.
    fees_charge_run(on=order.made_on + dt.timedelta(days=3), acting_user=officer)
    returns_run(on=today, acting_user=officer)
    return CourtReturn.objects.get(authority=order, number=1)


def test_an_officer_prepares_and_records_the_first_annual_report(page, live_server, sign_in, assert_accessible,
                                                                  officer, first_report, today):
    assert FeeCharge.objects.filter(authority=first_report.authority).count() == 1
    figures = return_figures(first_report)
    sign_in(page, officer)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Court returns due in the next 28 days").click()
    expect(page.get_by_role("heading", name="Court returns")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=first_report.client.full_name).click()
    expect(page.get_by_role("heading", name="Annual report 1 to the OPG")).to_be_visible()
    expect(page.locator("#total-in")).to_have_text(pounds(figures.total_in))
    expect(page.locator("#total-out")).to_have_text(pounds(figures.total_out))
    expect(page.locator("#balance-check")).to_contain_text("the accounts balance")
    expect(page.locator("#return-form")).to_have_text("Short report (OPG 103)")
    assert_accessible(page)

    page.get_by_label("What are you adding?").select_option("decision")
    page.get_by_label("What", exact=True).fill("Closed her building society account into the client account")
    page.get_by_label("Why (a decision), or how it is managed (a debt)").fill("One account to reconcile each month")
    page.get_by_label("Was the client involved in the decision?").select_option("yes")
    page.get_by_role("button", name="Add to the report").click()
    expect(page.get_by_text("Added to the report")).to_be_visible()
    assert ReportEntry.objects.get(court_return=first_report).client_involved is True

    page.get_by_role("button", name="Mark ready to send").click()
    expect(page.locator("#return-status")).to_have_text("Ready to submit")
    page.get_by_label("Date it was sent to the OPG (YYYY-MM-DD)").fill(today.isoformat())
    page.get_by_label("The OPG's reference or receipt, if any").fill("OPG-2026-0042")
    page.get_by_role("button", name="Record it as submitted").click()
    expect(page.locator("#return-status")).to_contain_text("Submitted to the OPG")
    done = CourtReturn.objects.get(pk=first_report.pk)
    assert (done.status, done.submitted_on, done.form) == (ReturnStatus.SUBMITTED, today, "103")
