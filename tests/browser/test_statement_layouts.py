"""A client affairs team leader adds a bank's statement layout in a real Chromium: uploads a sample,
chooses the columns, previews the first lines, saves; an officer's statement in it is then recognised."""

import pytest
from playwright.sync_api import expect

from ledger.models import StatementImport, StatementLayout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = ("Account:,Council client account\n"
          "Posted,Narrative,Their ref,Money in,Money out,Running balance\n"
          "03 Nov 2026,DWP STATE PENSION ASC-100001,SP1,230.25,,242.70\n"
          "04 Nov 2026,ANGLIAN WATER ASC-100001,W55,,32.10,210.60\n")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_team_leader_maps_a_layout_and_an_officer_imports_in_it(browser, page, live_server, sign_in,
                                                                  assert_accessible, officer, team_leader,
                                                                  clients, tmp_path):
    sample = tmp_path / "mutual.csv"
    sample.write_text(SAMPLE)

    sign_in(page, team_leader)
    page.goto(f"{live_server.url}/money/imports/")
    page.get_by_role("link", name="Add a bank's statement layout").click()
    assert_accessible(page)
    page.get_by_label("Sample statement file (CSV)").set_input_files(str(sample))
    page.get_by_label("Row that holds the column headings").fill("2")
    page.get_by_role("button", name="Read the sample").click()
    expect(page.get_by_test_id("sample-read")).to_be_visible()
    page.get_by_label("Name of the layout").fill("Test Mutual Bank")
    page.get_by_label("Date column").select_option("Posted")
    page.get_by_label("Description column").select_option("Narrative")
    page.get_by_label("Money in column").select_option("Money in")
    page.get_by_label("Money out column").select_option("Money out")
    page.get_by_label("Reference column").select_option("Their ref")
    page.get_by_label("Running balance column").select_option("Running balance")
    page.get_by_role("button", name="Preview the first lines").click()
    expect(page.get_by_test_id("preview-count")).to_have_text("2 lines in the sample.")
    expect(page.get_by_role("cell", name="-£32.10")).to_have_count(1)
    assert StatementLayout.objects.count() == 0  # nothing saved by a preview
    assert_accessible(page)
    page.get_by_role("button", name="Save the layout").click()
    expect(page.get_by_text("Layout Test Mutual Bank saved")).to_be_visible()
    assert StatementLayout.objects.get().created_by == team_leader

    # The officer's statement in the new layout is recognised.
    officer_context = browser.new_context()
    officer_page = officer_context.new_page()
    sign_in(officer_page, officer)
    officer_page.goto(f"{live_server.url}/money/imports/")
    officer_page.get_by_label("Bank statement file (CSV)").set_input_files(str(sample))
    officer_page.get_by_role("button", name="Check the file").click()
    expect(officer_page.get_by_test_id("layout")).to_have_text("Test Mutual Bank")
    officer_page.get_by_role("button", name="Import the statement").click()
    expect(officer_page.get_by_text("mutual.csv imported: 2 matched to clients")).to_be_visible()
    assert StatementImport.objects.get().layout.startswith("mapped-")
    officer_context.close()


def test_a_team_leader_records_the_bank_details_then_changes_and_retires_a_layout(page, live_server, sign_in,
                                                                                   assert_accessible, team_leader,
                                                                                   tmp_path):
    # The bank details the wrong-account check needs, typed as they are written on the bank's letter.
    sign_in(page, team_leader)
    page.goto(f"{live_server.url}/money/pooled-account/")
    page.get_by_role("link", name="The account's bank details").click()
    assert_accessible(page)
    page.get_by_label("Sort code").fill("60-16-1")
    page.get_by_label("Account number").fill("3192 6819")
    page.get_by_label("IBAN (optional)").fill("GB29 NWBK 6016 1331 9268 19")
    page.get_by_label("Why are you recording or changing these details?").fill("From the bank's letter")
    page.get_by_role("button", name="Save the bank details").click()
    expect(page.get_by_role("link", name="Enter the sort code as 6 digits, like 60-00-00")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Sort code").fill("60-16-13")
    page.get_by_role("button", name="Save the bank details").click()
    expect(page.get_by_text("The client bank account's details are saved")).to_be_visible()
    expect(page.get_by_test_id("sort-code")).to_have_text("60-16-13")
    expect(page.get_by_test_id("iban")).to_have_text("GB29NWBK60161331926819")
    expect(page.get_by_role("cell", name="Bank details recorded: From the bank's letter")).to_be_visible()

    # A layout mapped earlier is changed after the bank renamed a column, then retired.
    sample = tmp_path / "mutual.csv"
    sample.write_text(SAMPLE)
    renamed = tmp_path / "mutual-new.csv"
    renamed.write_text(SAMPLE.replace("Narrative", "Details"))
    page.goto(f"{live_server.url}/money/imports/layouts/new/")
    page.get_by_label("Sample statement file (CSV)").set_input_files(str(sample))
    page.get_by_label("Row that holds the column headings").fill("2")
    page.get_by_role("button", name="Read the sample").click()
    page.get_by_label("Name of the layout").fill("Test Mutual Bank")
    page.get_by_label("Date column").select_option("Posted")
    page.get_by_label("Description column").select_option("Narrative")
    page.get_by_label("Money in column").select_option("Money in")
    page.get_by_label("Money out column").select_option("Money out")
    page.get_by_role("button", name="Preview the first lines").click()
    page.get_by_role("button", name="Save the layout").click()

    page.get_by_role("link", name="Statement layouts").click()
    page.get_by_role("link", name="Test Mutual Bank").click()
    assert_accessible(page)
    page.get_by_role("link", name="Change this layout").click()
    page.get_by_label("Sample statement file (CSV)").set_input_files(str(renamed))
    page.get_by_label("Row that holds the column headings").fill("2")
    page.get_by_role("button", name="Read the sample").click()
    expect(page.get_by_label("Date column")).to_have_value("Posted")  # the current mapping is kept
    page.get_by_label("Description column").select_option("Details")
    page.get_by_role("button", name="Preview the first lines").click()
    expect(page.get_by_test_id("preview-count")).to_have_text("2 lines in the sample.")
    page.get_by_label("Why are you changing this layout?").fill("The bank renamed the narrative column")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("Layout Test Mutual Bank changed.")).to_be_visible()
    expect(page.get_by_role("cell", name="Statement layout changed: The bank renamed the narrative column")) \
        .to_be_visible()

    page.get_by_label("Why are you retiring this layout?").fill("The bank replaced this export")
    page.get_by_role("button", name="Retire the layout").click()
    expect(page.get_by_text("retired: statements in it are no longer recognised")).to_be_visible()
    assert StatementLayout.objects.get().retired_by == team_leader
    assert_accessible(page)
