"""A write-off in a real Chromium: an officer recommends writing off part of a debt from the debtor's
page; the page will not let them approve it themselves; a team leader finds it waiting, approves it, and
the debtor's balance falls by that amount."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from debt_recovery.accounts.selectors import aged_balances
from debt_recovery.writeoffs.models import WriteOff
from tests.debt_recovery.conftest import debt_leader, debt_officer, debt_team, debtor_client, ledger  # noqa: F401
from tests.debt_recovery.writeoffs.conftest import bands, owing  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_recommends_and_a_team_leader_approves_a_write_off(
        page, live_server, sign_in, assert_accessible, debt_officer, debt_leader, bands, owing):  # noqa: F811
    sign_in(page, debt_officer)
    page.goto(f"{live_server.url}/debts/debtors/{owing.pk}/")
    page.get_by_role("link", name="Recommend a write-off").click()
    expect(page.get_by_role("heading", name="Recommend a write-off")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Amount to write off").fill("1,250.00")
    page.get_by_label("Uneconomic to recover").check()
    page.get_by_label("What was tried, and what was found").fill("Disputed charges from before the review")
    page.get_by_role("button", name="Recommend the write-off").click()
    expect(page.get_by_text("You recommended this write-off: someone else must approve or reject it.")).to_be_visible()
    expect(page.get_by_role("button", name="Approve and write off")).to_have_count(0)

    page.context.clear_cookies()
    sign_in(page, debt_leader)
    page.goto(f"{live_server.url}/debts/write-offs/")
    assert_accessible(page)
    page.get_by_role("link", name=owing.name).first.click()
    page.get_by_role("button", name="Approve and write off").click()
    expect(page.get_by_text("Write-off approved and posted to the ledger.")).to_be_visible()
    assert WriteOff.objects.get().status == "approved"
    owed = aged_balances(ledger_account_ids=[owing.ledger_account_id])[owing.ledger_account_id].owed
    assert str(owed) == "4950.00"
