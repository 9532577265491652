"""In Chromium: an administrator opens an account with a set-password link and puts the person in a
team; the person chooses a password from the link and signs in to their team's work. And an officer
adding someone already on the record is shown who, and goes ahead only with a reason."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from people.models import Client, TeamMembership
from tests.factories import ClientFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_account_from_opening_to_first_sign_in(browser, page, live_server, sign_in, assert_accessible,
                                                  administrator, north_team, north_client):
    sign_in(page, administrator)
    page.get_by_role("link", name="Users and teams").click()
    assert_accessible(page)
    page.get_by_role("button", name="Open an account").click()
    page.get_by_label("First name").fill("Kiran")
    page.get_by_label("Last name").fill("Patel")
    page.get_by_label("Username").fill("kpatel")
    page.get_by_label("Work email address").fill("kiran.patel@council.example")
    page.get_by_label("Reason").fill("Starts in client affairs on Monday")
    assert_accessible(page)
    page.get_by_role("button", name="Open the account").click()
    link = page.get_by_test_id("password-link").inner_text()
    url = re.search(r"https?://\S+/set-password/\S+/", link).group(0)
    assert_accessible(page)
    page.get_by_role("button", name="Add to a team").click()
    page.get_by_label("Team", exact=True).select_option(label="Client affairs (North) (Client affairs)")
    page.get_by_label("Reason").fill("Joins the North team")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Kiran Patel is in the team now")).to_be_visible()
    assert TeamMembership.objects.filter(user__username="kpatel", team=north_team, is_leader=False).exists()
    page.reload()
    expect(page.get_by_test_id("password-link")).to_have_count(0)  # shown once

    newcomer = browser.new_context().new_page()
    newcomer.goto(url)
    expect(newcomer.get_by_role("heading", name="Choose your password")).to_be_visible()
    assert_accessible(newcomer)
    newcomer.get_by_label("New password", exact=True).fill("Primroses-in-May-2027")
    newcomer.get_by_label("Type the new password again").fill("Primroses-in-May-2027")
    newcomer.get_by_role("button", name="Set my password").click()
    expect(newcomer.get_by_text("Your password is set: sign in with it now")).to_be_visible()
    newcomer.get_by_label("Username").fill("kpatel")
    newcomer.get_by_label("Password").fill("Primroses-in-May-2027")
    newcomer.get_by_role("button", name="Sign in").click()
    newcomer.get_by_role("link", name="Clients").first.click()
    expect(newcomer.get_by_role("link", name="Margaret Thornton")).to_be_visible()
    newcomer.goto(url)
    expect(newcomer.get_by_role("heading", name="This link does not work any more")).to_be_visible()


def test_adding_someone_already_on_the_record(page, live_server, sign_in, assert_accessible, officer, north_team):
    ClientFactory(council_reference="ASC-100077", first_name="Zoë", last_name="O'Brien",
                  date_of_birth=dt.date(1941, 5, 2), team=north_team)
    sign_in(page, officer)
    page.goto(f"{live_server.url}/clients/add/")
    page.get_by_label("First name").fill("Zoe")
    page.get_by_label("Last name").fill("OBrien")
    page.get_by_label("Day").first.fill("2")
    page.get_by_label("Month").first.fill("5")
    page.get_by_label("Year").first.fill("1941")
    page.get_by_label("Address line 1").fill("3 Church Street")
    page.get_by_label("Town or city").fill("Borchester")
    page.get_by_label("Postcode").fill("QB1 2AB")
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_role("heading", name="This person may already be on the record")).to_be_visible()
    expect(page.get_by_role("cell", name="ASC-100077")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("This is a different person", exact=True).check()
    page.get_by_label("How do you know this is a different person").fill("Different NHS number and GP")
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_text(re.compile(r"Zoe OBrien has been added with reference ASC-"))).to_be_visible()
    added = Client.objects.get(first_name="Zoe")
    assert added.history.get().history_change_reason.endswith("Different NHS number and GP")
