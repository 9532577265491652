"""A financial assessment in a real Chromium, end to end: an officer adds a care package and works out
a non-residential assessment with capital, income and expenses, sees the working and submits it; a
team leader finds it in the approvals queue and approves it; the letter (rendered with the documents
service) then says the same weekly charge and the same working lines as the page and as the API, to
the penny."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from charging.models import Assessment
from charging.assessments.presentation import money
from documents.services import document_render
from tests.charging.conftest import resident  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARE_STARTED = dt.date(2025, 6, 2)  # 2025/26: every rate this case needs is in the seeded table


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def fill_date(page, name: str, day: dt.date) -> None:
    for index, part in enumerate((day.day, day.month, day.year)):
        page.locator(f'[name="{name}_{index}"]').fill(str(part))


def fill_row(page, prefix: str, index: int, **values) -> None:
    for field, value in values.items():
        box = page.locator(f'[name="{prefix}-{index}-{field}"]')
        if field == "kind":
            box.select_option(value)
        else:
            box.fill(value)


def squash(value: str) -> str:
    return " ".join(value.split())


def test_an_officer_assesses_a_team_leader_approves_and_the_letter_agrees(
        browser, page, live_server, sign_in, assert_accessible, other_officer, charging_leader,  # noqa: F811
        resident):  # noqa: F811
    # The officer finds the client and opens Care and charging from the client's page.
    sign_in(page, other_officer)
    page.goto(f"{live_server.url}/clients/{resident.pk}/")
    page.get_by_role("link", name="Care packages and financial assessments").click()
    expect(page.get_by_role("heading", name="Care and charging")).to_be_visible()
    assert_accessible(page)

    # A care package: bad input first, then the real one.
    page.get_by_role("button", name="Add a care package").click()
    page.get_by_role("button", name="Add care package").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the type of care")
    assert_accessible(page)
    page.get_by_label("Care and support at home or in the community").check()
    page.get_by_label("Care provider").fill("Helping Hands Home Care")
    page.get_by_label("Weekly cost of care").fill("454.00")
    fill_date(page, "start_date", CARE_STARTED)
    page.get_by_role("button", name="Add care package").click()
    expect(page.get_by_text("Care package from Helping Hands Home Care added")).to_be_visible()

    # The assessment: capital (one item jointly owned), income, housing costs, DRE and a premium.
    page.get_by_role("link", name=re.compile("Start a financial assessment")).click()
    expect(page.get_by_role("heading", name="Start a financial assessment")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "date_of_birth", dt.date(1986, 1, 1))
    page.get_by_label("Has reached pension credit age").uncheck()
    fill_row(page, "capital", 0, description="Nationwide savings", kind="savings", value="16,999.00")
    fill_row(page, "capital", 1, description="Joint account with brother", kind="savings", value="1000",
             joint_owners="2")
    fill_row(page, "income", 0, kind="esa", weekly="225.45")
    fill_row(page, "income", 1, kind="pip_daily_living_enhanced", weekly="101.75")
    fill_row(page, "income", 2, kind="pip_mobility_standard", weekly="26.90")
    fill_row(page, "housing_costs", 0, description="Council tax", weekly="6.00")
    fill_row(page, "dre_items", 0, description="Cleaner", weekly="20.00")
    page.get_by_label("Disability premium", exact=True).check()
    page.get_by_label("Reason for the assessment").fill("New care package")
    # A half-filled row is refused, naming the row, and nothing is saved.
    fill_row(page, "income", 0, weekly="")
    page.get_by_role("button", name="Work out the charge and save the draft").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Income 1: Enter the amount")
    assert Assessment.objects.count() == 0
    fill_row(page, "income", 0, weekly="225.45")
    page.get_by_role("button", name="Work out the charge and save the draft").click()

    # The working, as stored: £17,499 capital gives £13 tariff income; income £340.20 less the MIG
    # £112.50, the disability premium £49.65, housing £6.00 and DRE £20.00.
    expect(page.get_by_test_id("weekly-charge")).to_have_text("£152.05")
    expect(page.get_by_test_id("council-share")).to_have_text("£301.95")
    expect(page.locator(".app-working")).to_have_count(4)
    expect(page.get_by_role("cell", name=re.compile(r"^Tariff income £1 a week for every £250.00"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text("Assessment submitted for approval")).to_be_visible()
    expect(page.get_by_test_id("approval-note")).to_have_text("You worked this assessment out, so a team leader other than you must approve it.")
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    assessment = Assessment.objects.get()

    # The team leader finds it on My work and approves it.
    leader_context = browser.new_context(accept_downloads=True)
    leader = leader_context.new_page()
    sign_in(leader, charging_leader)
    waiting = leader.get_by_test_id("waiting")
    expect(waiting.get_by_role("listitem").filter(has_text="Assessments waiting for your approval")).to_contain_text("1")
    assert_accessible(leader)
    waiting.get_by_role("link", name="Assessments waiting for your approval").click()
    assert_accessible(leader)
    leader.get_by_role("link", name=resident.full_name).click()
    leader.get_by_role("button", name="Approve").click()
    expect(leader.get_by_text("Assessment approved")).to_be_visible()
    expect(leader.get_by_test_id("status")).to_have_text("In force")

    # The letter is made (as the worker would) and downloaded from the assessment page.
    assessment.refresh_from_db()
    document_render(document_id=assessment.letter_id)
    leader.reload()
    assert_accessible(leader)
    with leader.expect_download() as download_info:
        leader.get_by_role("link", name=re.compile("Download the letter")).click()
    pdf = PdfReader(io.BytesIO(open(download_info.value.path(), "rb").read()))
    letter = squash(" ".join(p.extract_text() for p in pdf.pages))

    # The page, the API and the letter say the same, to the penny.
    api = leader_context.request.get(f"{live_server.url}/api/v1/charging/assessments/{assessment.pk}/").json()
    shown = leader.get_by_test_id("weekly-charge").inner_text()
    assert api["weekly_charge"] == "152.05" and shown == "£152.05" == money(api["weekly_charge"])
    assert f"You pay each week {shown}" in letter
    assert f"The council pays each week {money(api['council_share'])}" in letter
    assert leader.get_by_test_id("council-share").inner_text() == money(api["council_share"])
    page_rows = [
        (squash(row.locator("td").nth(1).inner_text()), squash(row.locator("td").nth(3).inner_text()))
        for row in leader.locator(".app-working tbody tr").all()
    ]
    api_rows = [(squash(f"{line['label']} {line['rule']}"), money(line["amount"])) for line in api["result"]["lines"]]
    assert page_rows == api_rows
    for line in api["result"]["lines"]:
        assert squash(line["label"]) in letter, line
        assert money(line["amount"]) in letter, line
        if line["rule"]:
            assert squash(line["rule"]) in letter, line
    assert assessment.backdating_explanation in letter
    leader_context.close()
