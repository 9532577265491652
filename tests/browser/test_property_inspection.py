"""A property officer's visit to an empty home, in a real Chromium: the home is flagged overdue for
inspection; the officer records the visit with a photograph, and the flag clears; then records the gas
safety certificate, which shows with the date it runs out (12 months on)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from properties.inspections.models import InspectionVisit
from properties.lettings.models import Certificate
from properties.register.choices import Occupancy
from properties.register.services import occupancy_change
from tests.properties.conftest import home, prop_client, prop_leader, prop_officer, property_team, today  # noqa: F401
from tests.properties.inspections.test_services import PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def fill_date(page, name: str, day: dt.date) -> None:
    for index, part in enumerate((day.day, day.month, day.year)):
        page.locator(f'[name="{name}_{index}"]').fill(str(part))


def test_an_officer_records_an_inspection_and_a_gas_certificate(page, live_server, sign_in, assert_accessible,
                                                                 home, prop_officer, today, tmp_path):  # noqa: F811
    occupancy_change(acting_user=prop_officer, home=home, occupancy=Occupancy.EMPTY, since=today - dt.timedelta(days=60))
    photo = tmp_path / "back window.png"
    photo.write_bytes(PNG)

    sign_in(page, prop_officer)
    page.goto(f"{live_server.url}/properties/{home.pk}/")
    expect(page.get_by_test_id("inspection-overdue")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record an inspection").click()
    fill_date(page, "visited_on", today)
    page.get_by_label("Who inspected it").fill("Owen Price")
    page.get_by_label("Fair: some things to see to").check()
    page.get_by_label("What was found").fill("Back window cracked; post cleared")
    page.get_by_label("Photographs (JPEG, PNG or PDF)").set_input_files(str(photo))
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Inspection recorded")).to_be_visible()
    expect(page.get_by_test_id("inspection-overdue")).to_have_count(0)
    expect(page.get_by_test_id("inspection-schedule")).to_contain_text(
        f"Next due {(today + dt.timedelta(days=30)).strftime('%-d %B %Y')}")
    visit = InspectionVisit.objects.get()
    assert visit.photos.count() == 1 and visit.inspector == "Owen Price"

    page.get_by_role("link", name="Record a certificate").click()
    page.get_by_label("Gas safety record").check()
    fill_date(page, "checked_on", today)
    page.get_by_label("Engineer or assessor").fill("Gas Safe reg. 512345")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Certificate recorded")).to_be_visible()
    expires = Certificate.objects.get().expires_on
    assert expires == today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else True
    expect(page.get_by_text(f"runs out {expires.strftime('%-d %B %Y')}")).to_be_visible()
    assert_accessible(page)
