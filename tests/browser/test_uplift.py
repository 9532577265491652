"""The April uplift and the assessment form's "Add another" rows in a real Chromium: a team leader reads
each person's income old and new and the per-person page (accessible), and an officer adds an income
row without JavaScript doing the work."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

from charging.uplift import services as uplift
from charging.assessments.calculator import IncomeItem, IncomeKind
from tests.charging.conftest import care_home, resident  # noqa: F401 (fixtures)
from tests.charging.run_fixtures import make_resident, rates_seeded  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS_DIR")  # set it to keep screenshots of the pages for a look


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_team_leader_reads_the_uplift_person_by_person(page, live_server, sign_in, assert_accessible,
                                                         make_resident, charging_leader):  # noqa: F811
    from decimal import Decimal

    make_resident(dt.date(2025, 9, 1), first_name="Ann", income=(
        IncomeItem(IncomeKind.NEW_STATE_PENSION, Decimal("230.25")),
        IncomeItem(IncomeKind.OCCUPATIONAL_PENSION, Decimal("50.00"), "Aviva")))
    run = uplift.uplift_preview_all(uplift.uplift_start(acting_user=charging_leader, uplift_date=dt.date(2026, 4, 6),
                                                        send=False))
    sign_in(page, charging_leader)
    page.goto(f"{live_server.url}/charging/uplifts/{run.pk}/")
    expect(page.get_by_text("£230.25 → £241.30")).to_be_visible()
    assert_accessible(page)
    shot(page, "uplift-detail")
    page.get_by_role("link", name="Ann Resident").click()
    expect(page.get_by_role("heading", name="Ann Resident")).to_be_visible()
    expect(page.get_by_test_id("new-charge")).to_have_text("£259.50")
    assert_accessible(page)
    shot(page, "uplift-person")


def test_an_officer_adds_another_income_line(page, live_server, sign_in, assert_accessible, other_officer,
                                            care_home):  # noqa: F811
    sign_in(page, other_officer)
    page.goto(f"{live_server.url}/charging/care-packages/{care_home.pk}/assessments/add/")
    rows = page.locator('[id^="income-row-"]')
    expect(rows).to_have_count(3)
    for index, (kind, weekly) in enumerate([("new_state_pension", "241.30"), ("aa_higher", "114.60"),
                                            ("occupational_pension", "50.00")]):
        page.locator(f'[name="income-{index}-kind"]').select_option(kind)
        page.locator(f'[name="income-{index}-weekly"]').fill(weekly)
    page.get_by_role("button", name="Add another income line").click()
    expect(rows).to_have_count(4)
    expect(page.locator('[name="income-2-weekly"]')).to_have_value("50.00")
    expect(page.locator('[name="income-0-kind"]')).to_have_value("new_state_pension")
    assert page.url.endswith("#income-add")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    assert_accessible(page)
    shot(page, "assessment-add-another")


def test_the_charge_in_force_today_heads_the_page_until_the_uprating_starts(
        page, live_server, sign_in, assert_accessible, make_resident, charging_leader, other_officer):  # noqa: F811
    from charging import services

    services.rate_add(acting_user=charging_leader, code="PEA", amount="33.00", effective_from=dt.date(2027, 4, 5),
                      source="Test figure for the uplift", reason="Uplift test")
    client = make_resident(dt.date(2026, 4, 16))[0]
    run = uplift.uplift_preview_all(uplift.uplift_start(acting_user=charging_leader, uplift_date=dt.date(2027, 4, 5),
                                                        send=False))
    uplift.uplift_commit_all(uplift.uplift_commit(acting_user=charging_leader, run=run, send=False))
    sign_in(page, other_officer)
    page.goto(f"{live_server.url}/clients/{client.pk}/charging/")
    expect(page.get_by_test_id("live-charge")).to_have_text("£143.85")
    expect(page.get_by_test_id("coming-charge")).to_contain_text("£142.65 a week from 5 April 2027")
    expect(page.get_by_test_id("assessment-state")).to_have_text(["Approved, from 5 April 2027",
                                                                  "In force until 4 April 2027"])
    assert_accessible(page)
    shot(page, "client-charging-coming")
