"""Client money in a real Chromium: import a bank statement (with its preview), allocate a line from
suspense, reconcile the month, have the team leader sign it off (closing the month), download the PDF,
and reopen the month with a reason."""

import io
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from ledger.models import Reconciliation, StatementImport, StatementLine
from ledger.selectors import available_funds
from tests.ledger.statements import data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_import_allocate_reconcile_and_download_the_pdf(browser, page, live_server, sign_in, assert_accessible,
                                                         officer, team_leader, clients, tmp_path):
    peggy = clients[0]
    statement = tmp_path / "natwest-november.csv"
    statement.write_bytes(data("natwest.csv"))

    # The officer uploads the statement and sees what it will do before anything is recorded.
    sign_in(page, officer)
    page.get_by_role("link", name="Client money").first.click()
    page.get_by_role("link", name="Bank statements").click()
    assert_accessible(page)
    page.get_by_role("button", name="Check the file").click()  # no file: refused with a message
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a bank statement file")
    page.get_by_label("Bank statement file (CSV)").set_input_files(str(statement))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Check the bank statement before importing it")).to_be_visible()
    expect(page.get_by_test_id("matched-count")).to_have_text("5")
    expect(page.get_by_test_id("suspense-count")).to_have_text("3")
    assert_accessible(page)
    assert StatementImport.objects.count() == 0
    page.get_by_role("button", name="Import the statement").click()
    expect(page.get_by_text("natwest-november.csv imported: 5 matched to clients, 3 to suspense")).to_be_visible()
    assert StatementLine.objects.count() == 8

    # A line nobody could match is allocated to Peggy from suspense.
    page.get_by_role("link", name="Client money").first.click()
    page.get_by_role("link", name="Suspense", exact=True).click()
    assert_accessible(page)
    before = available_funds(client=peggy)
    page.get_by_role("link", name=re.compile(r"Allocate £50\.00")).click()
    page.get_by_label("Name or council reference").fill("100001")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 client found")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Margaret Thornton").check()
    page.get_by_label("What the money is").select_option(label="Refunds")
    page.get_by_role("button", name="Allocate to this client").click()
    expect(page.get_by_text(re.compile(r"£50\.00 allocated to .*Thornton"))).to_be_visible()
    assert available_funds(client=peggy) == before + Decimal("50.00")

    # The officer prepares November's reconciliation; she cannot sign off her own.
    page.get_by_role("link", name="Reconciliations").click()
    page.get_by_label("Month").select_option(label="November")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Prepare reconciliation").click()
    expect(page.get_by_role("heading", name="Reconciliation for November 2026")).to_be_visible()
    expect(page.get_by_test_id("bank-balance")).to_have_text("£12.45")
    expect(page.get_by_test_id("difference")).to_have_text("£0.00")
    expect(page.get_by_text("You prepared this reconciliation, so a client affairs team leader other than you "
                            "must sign it off.")).to_be_visible()
    expect(page.get_by_role("button", name="Sign off and close the month")).to_have_count(0)
    assert_accessible(page)
    detail_url = page.url

    # Her team leader signs it off and downloads the statement.
    leader_context = browser.new_context(accept_downloads=True)
    leader = leader_context.new_page()
    sign_in(leader, team_leader)
    leader.goto(detail_url)
    leader.get_by_role("button", name="Sign off and close the month").click()
    expect(leader.get_by_text("Reconciliation for November 2026 signed off")).to_be_visible()
    expect(leader.get_by_text("Signed off: month closed")).to_be_visible()
    with leader.expect_download() as download_info:
        leader.get_by_role("link", name="Download the reconciliation statement (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "client-account-reconciliation-2026-11.pdf"
    content = open(download.path(), "rb").read()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "November 2026" in text and "12.45" in text
    record = Reconciliation.objects.get()
    assert record.signed_off_by == team_leader and record.prepared_by == officer

    # The team leader reopens November, saying why; the page says so from then on.
    leader.get_by_role("link", name="Reopen November 2026").click()
    assert_accessible(leader)
    leader.get_by_role("button", name="Reopen the month").click()
    expect(leader.locator(".govuk-error-summary")).to_contain_text("Enter why the month needs to be reopened")
    leader.get_by_label("Why does the month need to be reopened").fill("The bank corrected a line after sign-off")
    leader.get_by_role("button", name="Reopen the month").click()
    expect(leader.get_by_text("November 2026 reopened: prepare its reconciliation again")).to_be_visible()
    expect(leader.get_by_test_id("reopened-note")).to_contain_text("The bank corrected a line after sign-off")
    assert_accessible(leader)
    leader.goto(detail_url)
    expect(leader.get_by_test_id("reopened-warning")).to_contain_text("This sign-off no longer stands")
    assert_accessible(leader)
    record.refresh_from_db()
    assert record.status == "reopened" and record.pdf_sha256
    leader_context.close()


def test_an_auditor_sees_client_money_without_any_control_that_writes(page, live_server, sign_in, auditor,
                                                                      officer, clients, assert_accessible):
    from ledger.imports import statement_import

    statement_import(acting_user=officer, file_name="natwest.csv", content=data("natwest.csv"), commit=True)
    sign_in(page, auditor)
    for path in ["/money/", "/money/pooled-account/?start=2026-11-01&end=2026-11-30", "/money/suspense/",
                 "/money/imports/", "/money/reconciliations/", f"/clients/{clients[0].pk}/money/"]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
        assert page.locator("main form[method=post]").count() == 0, f"{path} has a form that writes"
        for word in ("Allocate", "Record money received", "Make a payment", "Check the file"):
            expect(page.locator("main").get_by_role("link", name=word)).to_have_count(0)
            expect(page.locator("main").get_by_role("button", name=word)).to_have_count(0)
