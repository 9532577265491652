"""In Chromium: an officer takes an urgent referral to a Court of Protection order (the documents returned, the
daughter told by letter, the application submitted, the order recorded), and the authority shows on the client's
Deputyship tab; submitting before the interested parties are told is refused with the reason."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from deputyship.authority.models import LegalAuthority
from deputyship.referrals.models import Referral
from people import services as people_services
from tests.factories import ContactFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, name: str, day: dt.date) -> None:
    page.locator(f"#id_{name}").fill(str(day.day))
    page.locator(f"#id_{name}_1").fill(str(day.month))
    page.locator(f"#id_{name}_2").fill(str(day.year))


def test_a_referral_to_an_order(page, live_server, sign_in, assert_accessible, officer, north_client, settings,
                                tmp_path):
    settings.MEDIA_ROOT = tmp_path
    daughter = ContactFactory(name="Susan Thornton", address="18 Larkspur Way\nBorchester\nQB5 3TW")
    people_services.client_contact_link(acting_user=officer, client=north_client, contact=daughter,
                                        relationship="relative", description="Daughter")
    today = dt.date.today()
    sign_in(page, officer)
    page.goto(f"{live_server.url}/clients/{north_client.pk}/")
    page.locator('[data-tab="deputyship"]').click()
    expect(page.locator("#no-authority")).to_be_visible()
    assert_accessible(page)

    # The referral.
    page.get_by_role("link", name="Record a referral").click()
    page.get_by_label("Care management (social worker)").check()
    page.get_by_label("Who referred").fill("Jo Bright, social worker")
    fill_date(page, "referred_on", today - dt.timedelta(days=3))
    page.get_by_label("Urgent", exact=True).check()
    page.get_by_label("Property and affairs deputyship (Court of Protection)").check()
    page.get_by_label("Why is the council asked to act?").fill("Lacks capacity; £40,000 savings; bills unpaid.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#stage")).to_have_text("Awaiting documents")
    assert_accessible(page)

    # The documents come back.
    for _ in range(4):
        page.get_by_role("button", name="Returned today").first.click()
        expect(page.get_by_text("recorded as returned")).to_be_visible()
    expect(page.locator("#stage")).to_have_text("Interested parties to tell")

    # The daughter is named, and submitting before she is told is refused.
    page.get_by_label("Susan Thornton (Daughter)").check()
    page.get_by_role("button", name="Name as an interested party").click()
    page.get_by_role("link", name="Record the application sent to the court").click()
    fill_date(page, "submitted_on", today)
    page.get_by_role("button", name="Record submission").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Interested parties not yet told of the application: Susan Thornton")
    assert_accessible(page)
    assert Referral.objects.get().submitted_on is None

    # She is told by letter; then the application goes in, the court issues it, and the order comes.
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Send the letters to everyone not yet told").click()
    expect(page.get_by_text("Letters sent: 1 told of the application")).to_be_visible()
    expect(page.locator("#parties")).to_contain_text("By letter")
    expect(page.locator("#stage")).to_have_text("Ready to submit")
    page.get_by_role("link", name="Record the application sent to the court").click()
    fill_date(page, "submitted_on", today)
    page.get_by_role("button", name="Record submission").click()
    expect(page.locator("#stage")).to_have_text("Submitted to the court")
    page.get_by_role("link", name="Record the order received").click()
    page.get_by_label("Court case number").fill("1234567T")
    fill_date(page, "made_on", today)
    page.get_by_label("Scope of the powers, as written").fill("Property and financial affairs")
    page.get_by_label("Restrictions, as written").fill("No sale of her home without a further order")
    page.get_by_label("Security bond provider").fill("Howden Insurance Brokers")
    page.get_by_label("Security bond amount").fill("45,000.00")
    page.get_by_label("Security bond yearly premium").fill("202.50")
    fill_date(page, "bond_renewal_on", today + dt.timedelta(days=365))
    assert_accessible(page)
    page.get_by_role("button", name="Record the order").click()

    # The Deputyship tab shows the authority, its restriction and the bond.
    expect(page.get_by_text("Order recorded")).to_be_visible()
    authority = page.locator("#authority")
    expect(authority).to_contain_text("Property and affairs deputy")
    expect(authority).to_contain_text("1234567T")
    expect(authority).to_contain_text("No authority to sell")
    expect(authority).to_contain_text("No sale of her home without a further order")
    expect(authority).to_contain_text("Howden Insurance Brokers")
    expect(page.locator("#referrals [data-stage]")).to_have_text("Order received")
    assert_accessible(page)
    assert LegalAuthority.objects.get(client=north_client).reference == "1234567T"
