"""In Chromium: a deferred payment agreement from the enquiry to its first statement. The officer records
the enquiry and the application (the equity limit and each eligibility test shown), offers the agreement and
records the signatures; the team leader approves it (the officer who prepared it may not); the legal charge
is requested, registered and confirmed, the weekly amount recorded, and a statement asked for and issued."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from deferred_payments.agreements.models import Agreement
from people.selectors import today
from tests.deferred_payments.case_fixtures import (  # noqa: F401 (fixtures)
    dpa_client,
    dpa_home,
    dpa_leader,
    dpa_officer,
    dpa_policy,
    dpa_team,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _date(page, name, day):
    page.locator(f'input[name="{name}_0"]').fill(str(day.day))
    page.locator(f'input[name="{name}_1"]').fill(str(day.month))
    page.locator(f'input[name="{name}_2"]').fill(str(day.year))


def test_an_agreement_from_application_to_its_first_statement(browser, page, live_server, sign_in, assert_accessible,
                                                              dpa_officer, dpa_leader, dpa_client, dpa_home,
                                                              dpa_policy):
    on = today()
    sign_in(page, dpa_officer)
    page.goto(f"{live_server.url}/clients/{dpa_client.pk}/deferred-payments/")
    assert_accessible(page)
    page.get_by_role("link", name="Record an enquiry").click()
    _date(page, "enquiry_on", on)
    page.get_by_role("button", name="Record the enquiry").click()
    expect(page.get_by_role("heading", name="Application", exact=True)).to_be_visible()
    page.get_by_label("The home (from the property register)").select_option(str(dpa_home.pk))
    page.get_by_label("The person's share of the home (per cent)").fill("100")
    page.get_by_label("Value of the home").fill("200000")
    _date(page, "valuation_on", on)
    page.get_by_label("Valuer").fill("J Smith MRICS")
    _date(page, "applied_on", on)
    page.get_by_label("Capital other than the home (£)").fill("9000")
    for name, answer in (("needs_met_in_care_home", "yes"), ("owns_main_or_only_home", "yes"),
                         ("home_value_disregarded", "no"), ("first_charge_possible", "yes"),
                         ("agrees_to_terms", "yes")):
        page.locator(f'input[name="{name}"][value="{answer}"]').check()
    page.get_by_label("Disposable income allowance chosen, a week (£)").fill("144")
    assert_accessible(page)
    page.get_by_role("button", name="Save the application").click()
    expect(page.get_by_text("Eligible: every test in regulation 2 is met.")).to_be_visible()
    expect(page.get_by_text("Equity limit: £165,750.00")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Offer the agreement").click()
    expect(page.get_by_text("Agreement offered: its document is being made.")).to_be_visible()
    for party, name in (("council", "Imran Qureshi"), ("person", "Edna Marsh")):
        page.locator(f'input[name="sign-party"][value="{party}"]').check()
        page.locator('input[name="sign-name"]').fill(name)
        page.locator('input[name="sign-capacity"]').fill("Signatory")
        _date(page, "sign-signed_on", on)
        page.get_by_role("button", name="Record the signature").click()
        expect(page.get_by_text("Signature recorded.")).to_be_visible()
    expect(page.get_by_text("You prepared this agreement: someone else must approve it.")).to_be_visible()
    agreement = Agreement.objects.get()

    leader = browser.new_context().new_page()
    sign_in(leader, dpa_leader)
    leader.goto(f"{live_server.url}/deferred-payments/agreements/{agreement.pk}/")
    leader.get_by_role("button", name="Approve the agreement").click()
    expect(leader.get_by_text("Agreement approved.")).to_be_visible()

    page.reload()
    page.get_by_role("button", name="Ask legal services to register the charge").click()
    page.locator('input[name="charge-register-title_number"]').fill("NYK 123456")
    _date(page, "charge-register-registered_on", on)
    page.get_by_role("button", name="Record the registration").click()
    expect(page.get_by_text("Registration recorded.")).to_be_visible()
    page.get_by_role("button", name="Confirm the charge").click()
    expect(page.get_by_text("Legal charge confirmed: deferral is allowed.")).to_be_visible()
    _date(page, "deferral-effective_from", on)
    page.locator('input[name="deferral-amount"]').fill("650.00")
    page.locator('input[name="deferral-source"]').fill("Financial assessment of this week")
    page.get_by_role("button", name="Record the weekly amount").click()
    expect(page.get_by_text("Weekly amount recorded.")).to_be_visible()
    assert_accessible(page)

    # The first statement, on request (the money page and statements are the accrual part's).
    page.get_by_role("link", name="Money: deferred amounts, interest, fees and statements").click()
    page.get_by_role("link", name="Record a request for a statement").click()
    _date(page, "requested_on", on)
    requested_by = page.locator('input[name="requested_by_name"]')
    if requested_by.count():
        requested_by.fill("Philip Marsh")
    page.get_by_role("button", name="Record the request").click()
    page.get_by_role("button", name="Issue it now").click()
    expect(page.get_by_text("Statement issued; its letter is being prepared")).to_be_visible()
    assert agreement.statements.count() == 1
