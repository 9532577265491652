"""What officers and auditors do in the browser, checked in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from people.models import Note, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab(page, name: str):
    """A tab of the client's page, in its sub-navigation."""
    return page.locator("nav.app-subnav").get_by_role("link", name=name, exact=True)


def test_officer_finds_a_client_adds_a_note_and_a_task_and_sees_them_in_history(
    page, live_server, sign_in, assert_accessible, officer, north_client, charging_client
):
    sign_in(page, officer)
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Clients").first.click()
    page.get_by_label(re.compile("Name, reference or NHS number")).fill("peg thorn")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    expect(page.get_by_role("link", name=re.compile("Thornton"))).to_be_visible()
    # Another team's client never appears, even when searched for by name.
    page.get_by_label(re.compile("Name, reference or NHS number")).fill("Pemberton")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("No clients match")).to_be_visible()

    page.goto(f"{live_server.url}{north_client.get_absolute_url()}")
    expect(page.get_by_role("heading", name=re.compile("Margaret Thornton|Peggy Thornton"))).to_be_visible()
    assert_accessible(page)

    tab(page, "Notes").click()
    expect(tab(page, "Notes")).to_have_attribute("aria-current", "page")
    assert_accessible(page)
    page.get_by_role("link", name="Add a note").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save note").click()  # empty: refused with a message
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    assert Note.objects.count() == 0
    page.get_by_label("Note", exact=True).fill("Spoke to daughter about the care home fees.")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Spoke to daughter about the care home fees.")).to_be_visible()
    expect(tab(page, "Notes")).to_have_attribute("aria-current", "page")  # back on the tab it was added from

    tab(page, "Tasks").click()
    page.get_by_role("link", name="Add a task").click()
    page.get_by_label("Title").fill("Request six months of bank statements")
    page.get_by_label("Day").fill("15")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2030")
    page.get_by_role("button", name="Save task").click()
    expect(page.get_by_text("Request six months of bank statements").first).to_be_visible()

    tab(page, "History").click()
    history = page.locator("#history")
    expect(history.get_by_text("Case note added")).to_be_visible()
    expect(history.get_by_text("Task created")).to_be_visible()
    expect(history.get_by_text("Olivia Officer").first).to_be_visible()
    assert Task.objects.get().created_by == officer
    assert_accessible(page)


def test_another_teams_client_is_not_found(page, live_server, sign_in, officer, charging_client):
    sign_in(page, officer)
    response = page.goto(f"{live_server.url}{charging_client.get_absolute_url()}")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()


EDIT_WORDS = re.compile(r"^(add|edit|change|complete|save|create|new|remove|end)\b", re.IGNORECASE)


def test_auditor_sees_no_edit_control(page, live_server, sign_in, assert_accessible, auditor, north_client,
                                      charging_client, officer):
    from people import services

    services.task_create(acting_user=officer, title="Renew home insurance", assigned_to=officer,
                         due_date=north_client.date_of_birth.replace(year=2030), client=north_client)
    from django.urls import reverse

    sign_in(page, auditor)
    tabs = [reverse(name, args=[client.pk]) for client in (north_client, charging_client)
            for name in ("people:client-detail", "ledger:client-money", "charging:client-charging",
                         "people:client-contacts", "people:client-tasks", "people:client-notes",
                         "documents:client-letters", "audit:client-history")]
    for path in ["/", "/clients/", "/clients/?q=thornton", *tabs, "/contacts/"]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
        controls = page.locator("main a, main button, main input[type=submit]")
        labels = [controls.nth(i).inner_text().strip() for i in range(controls.count())]
        offending = [label for label in labels if EDIT_WORDS.match(label)]
        assert offending == [], f"{path} shows edit controls to an auditor: {offending}"
        assert page.locator("main form[method=post]").count() == 0, f"{path} has a form that writes"


def test_pages_work_without_javascript(browser, live_server, password, officer, north_client):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("olivia")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}{north_client.get_absolute_url()}")
    tab(page, "Notes").click()
    page.get_by_role("link", name="Add a note").click()
    page.get_by_label("Note", exact=True).fill("Visited at home; no concerns.")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Visited at home; no concerns.")).to_be_visible()
    assert Note.objects.get().author == officer
    context.close()
