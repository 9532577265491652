"""In Chromium: a deferred payment agreement from the enquiry to its settlement. The officer records
the enquiry and the application (the equity limit and each eligibility test shown), offers the agreement and
records the signatures; the team leader approves it (the officer who prepared it may not); the legal charge
is requested, registered and confirmed, the weekly amount recorded, and a statement asked for and issued.
Then the person dies: the officer records the death (the debt falls due 90 days later), works out the
settlement figure as at a date, records a part-payment and the estate's proceeds, and the agreement is
settled with its final statement and a task for legal services to remove the charge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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


def test_an_agreement_from_application_to_settlement(browser, page, live_server, sign_in, assert_accessible,
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

    # The weekly job posts the first week's amount (as if the agreement had been approved a week ago).
    from deferred_payments.accrual.services import accrual_run
    from deferred_payments.ending.settlement import settlement_figure

    Agreement.objects.filter(pk=agreement.pk).update(starts_on=on - dt.timedelta(days=7),
                                                     deferral_allowed_from=on - dt.timedelta(days=7))
    agreement.weekly_deferrals.update(effective_from=on - dt.timedelta(days=7))
    accrual_run(on=on)
    agreement.refresh_from_db()
    owed = settlement_figure(agreement, as_at=on).figure
    assert owed >= Decimal("650.00")

    # The death, the 90 days, the settlement figure, a part-payment and the estate's proceeds.
    page.goto(f"{live_server.url}/deferred-payments/agreements/{agreement.pk}/")
    page.get_by_role("link", name="Ending: the sale or death").click()
    page.locator('input[name="ending-reason"][value="death"]').check()
    _date(page, "ending-event_on", on)
    page.get_by_role("button", name="Record the sale or death").click()
    expect(page.get_by_text("Sale or death recorded")).to_be_visible()
    due = on + dt.timedelta(days=90)
    expect(page.get_by_test_id("due-on")).to_contain_text(f"{due.day} {due:%B %Y} (90 days after death)")
    _date(page, "settle-as_at", on)
    page.get_by_role("button", name="Work it out").click()
    expect(page.get_by_test_id("settlement-figure")).to_have_text(f"£{owed:,.2f}")
    assert_accessible(page)
    page.locator('input[name="repayment-kind"][value="part_payment"]').check()
    page.locator('input[name="repayment-amount"]').fill("100.00")
    _date(page, "repayment-received_on", on)
    page.locator('input[name="repayment-reference"]').fill("PART 1")
    page.get_by_role("button", name="Record money received").click()
    expect(page.get_by_text("Money recorded against the debt.")).to_be_visible()
    expect(page.get_by_test_id("settlement-figure")).to_have_text(f"£{owed - 100:,.2f}")  # paid the same day
    page.locator('input[name="repayment-kind"][value="proceeds"]').check()
    page.locator('input[name="repayment-amount"]').fill(f"{owed - 100:.2f}")
    _date(page, "repayment-received_on", on)
    page.locator('input[name="repayment-reference"]').fill("ESTATE 1")
    page.get_by_role("button", name="Record money received").click()
    expect(page.get_by_text("Agreement settled")).to_be_visible()
    expect(page.get_by_test_id("release-task")).to_contain_text(f"Remove the legal charge: deferred payment "
                                                                f"agreement {agreement.reference}")
    page.get_by_role("link", name="the final statement").click()
    expect(page.get_by_role("heading", name="Final statement")).to_be_visible()
    expect(page.get_by_test_id("final-balance")).to_have_text("£0.00")
    assert_accessible(page)
    agreement.refresh_from_db()
    assert agreement.status == "settled" and agreement.ending.settled_on == on
    assert agreement.ending.release_task.status == "open" and agreement.ending.final_statement_id is not None
