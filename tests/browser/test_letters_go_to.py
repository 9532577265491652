"""Where a client's letters go, set in the browser: the client page's row, the rule's page (accessible,
working without JavaScript), and the row again afterwards."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from people import services
from people.models import CorrespondenceRule
from people.selectors import today
from people.services import AddressInput

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_sends_letters_to_the_care_home_with_a_copy_to_the_attorney(
    page, live_server, sign_in, assert_accessible, officer, north_client, tmp_path
):
    services.address_add(acting_user=officer, client=north_client, data=AddressInput(
        line_1="14 Chapel Lane", town="Anytown", postcode="AN3 4CD", start_date=dt.date(1990, 6, 1)))
    services.address_add(acting_user=officer, client=north_client, data=AddressInput(
        kind="care_home", line_1="Meadowbank Care Home", town="Anytown", postcode="AN5 7LP",
        start_date=today() - dt.timedelta(days=90)))
    daughter = services.contact_create(acting_user=officer, name="Susan Thornton",
                                       address="18 Larkspur Way\nAnytown\nAN6 3TW")
    services.client_contact_link(acting_user=officer, client=north_client, contact=daughter,
                                 relationship="attorney", description="Daughter")
    sign_in(page, officer)

    page.goto(f"{live_server.url}{north_client.get_absolute_url()}")
    row = page.get_by_test_id("letters-go-to")
    expect(row).to_contain_text("Meadowbank Care Home")
    page.get_by_role("link", name=re.compile("Change where letters go")).click()
    expect(page.get_by_role("heading", name="Where letters go")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("The care home where they live").check()
    page.get_by_role("combobox", name=re.compile("Their representative")).select_option(
        label="Susan Thornton (Attorney (lasting or enduring power of attorney))")
    page.get_by_label("When letters go to the person, send their representative a copy").check()
    page.get_by_role("button", name="Save where letters go").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # no reason given: nothing saved
    assert_accessible(page)
    assert not CorrespondenceRule.objects.exists()
    page.screenshot(path=str(tmp_path / "rule-refused.png"), full_page=True)

    page.get_by_label("Reason for the change").fill("Susan asked for a copy of every letter")
    page.get_by_role("button", name="Save where letters go").click()
    expect(page.get_by_test_id("letters-go-to")).to_contain_text("Copy to: Susan Thornton (attorney)")
    page.get_by_test_id("letters-go-to").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "client-page.png"), full_page=True)
    assert CorrespondenceRule.objects.get(client=north_client).history.get().history_user == officer
