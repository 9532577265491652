"""A debt recovery officer's day in a real Chromium: the overdue list, agreeing a payment plan from an
income and expenditure statement, importing the bank's ARUDD report of unpaid direct debits, and
recommending a write-off that the team leader then approves (and that its recommender cannot)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.roles import Role
from debt_recovery.directdebits.choices import CollectionStatus, MandateStatus
from debt_recovery.directdebits.models import Collection
from debt_recovery.directdebits.services import mandate_create
from debt_recovery.holds.choices import HoldReason
from debt_recovery.holds.models import Hold
from debt_recovery.ladder.defaults import seed_default_ladder
from debt_recovery.ladder.services import ladder_run
from debt_recovery.payments.models import Payment
from debt_recovery.payments.services import payment_record
from debt_recovery.plans.models import PaymentPlan
from debt_recovery.services import debtor_account_open
from debt_recovery.writeoffs.demo import WOKING_BANDS, WOKING_SOURCE
from debt_recovery.writeoffs.models import WriteOff
from debt_recovery.writeoffs.services import authority_bands_seed
from people.choices import Service
from people.models import Address, Task
from tests.debt_recovery.bacs_reports.conftest import DUE, PROCESSED, arudd
from tests.debt_recovery.conftest import Ledger
from tests.factories import ClientFactory, TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("test-results")


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"debt-day-{name}.png", full_page=True)


@pytest.fixture
def team(db):
    debt_team = TeamFactory(name="Income and debt recovery", service=Service.DEBT_RECOVERY)
    officer = UserFactory(username="dev", first_name="Dev", last_name="Malhotra", roles=[Role.OFFICER])
    TeamMembershipFactory(team=debt_team, user=officer)
    leader = UserFactory(username="joan", first_name="Joan", last_name="Okafor", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=debt_team, user=leader, is_leader=True)
    administrator = UserFactory(username="admin1", roles=[Role.ADMINISTRATOR])
    seed_default_ladder(acting_user=leader)
    authority_bands_seed(acting_user=administrator, bands=WOKING_BANDS, source=WOKING_SOURCE, reason="Set up")
    return debt_team, officer, leader


def _debtor(team, officer, first, last, street):
    client = ClientFactory(first_name=first, last_name=last, team=team, team__officer=officer)
    Address.objects.create(client=client, line_1=street, town="Anytown", postcode="AN1 4ML",
                           start_date=dt.date(2020, 1, 1))
    return debtor_account_open(acting_user=officer, client=client, kind="person", reason="Care charges invoiced")


@pytest.fixture
def debtors(team):
    """Three people owing care charges, and the ladder run of this morning that found them overdue."""
    debt_team, officer, leader = team
    today = timezone.localdate()
    ledger = Ledger(officer)
    # Edith owes two months of residential charges, long overdue: the one to agree a plan with.
    edith = _debtor(debt_team, officer, "Edith", "Crabtree", "12 Orchard Way")
    ledger.charge(edith.ledger_account, "620.00", today - dt.timedelta(days=90))
    ledger.charge(edith.ledger_account, "620.00", today - dt.timedelta(days=62))
    # Norman pays by direct debit: a live mandate and a collection the bank paid ten days ago.
    norman = _debtor(debt_team, officer, "Norman", "Haworth", "4 Mill Lane")
    ledger.charge(norman.ledger_account, "85.40", PROCESSED - dt.timedelta(days=28))
    mandate = mandate_create(acting_user=officer, debtor=norman, payer_name="Norman Haworth", sort_code="30-94-57",
                             account_number="31926819", frequency="four_weekly", amount_basis="fixed",
                             regular_amount=Decimal("85.40"), signed_on=PROCESSED - dt.timedelta(days=40),
                             first_collection_on=DUE, reference="HAWORTH0001")
    type(mandate).objects.filter(pk=mandate.pk).update(status=MandateStatus.LIVE, auddis_state="new_lodged",
                                                       lodged_on=PROCESSED - dt.timedelta(days=30))
    payment = payment_record(acting_user=officer, debtor=norman, amount=Decimal("85.40"), method="direct_debit",
                             received_on=DUE, reference="HAWORTH0001", idempotency_key="dd-collection-haworth")
    Collection.objects.create(mandate=mandate, due_on=DUE, amount=Decimal("85.40"), transaction_code="17",
                              status=CollectionStatus.COLLECTED, payment=payment)
    # Walter left a small balance after his care ended; letters come back "gone away".
    walter = _debtor(debt_team, officer, "Walter", "Pryce", "9 Canal Street")
    ledger.charge(walter.ledger_account, "18.75", today - dt.timedelta(days=75))
    ladder_run(on=today)
    return edith, norman, walter, payment


def test_a_debt_officers_day(page, live_server, sign_in, assert_accessible, tmp_path_factory, team, debtors):
    debt_team, officer, leader = team
    edith, norman, walter, dd_payment = debtors
    url = live_server.url

    # 1. The officer signs in and opens the overdue list from the menu.
    sign_in(page, officer)
    shot(page, "01-home")
    page.get_by_role("link", name="Debts", exact=True).first.click()
    shot(page, "02-aged-debt")
    assert_accessible(page)
    page.get_by_role("link", name="Overdue debts on the recovery ladder").click()
    expect(page.get_by_role("heading", name="Overdue debts")).to_be_visible()
    shot(page, "03-overdue")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Crabtree")
    expect(row).to_contain_text("£1,240.00")
    row.get_by_role("link").first.click()
    shot(page, "04-debtor-ladder")
    assert_accessible(page)
    page.get_by_role("link", name="Everything owed and paid").click()
    shot(page, "05-debtor")
    assert_accessible(page)

    # 2. Income and expenditure, and a payment plan agreed from it.
    page.get_by_role("link", name="Payments, refunds and payment plans").click()
    shot(page, "06-payments")
    page.get_by_role("link", name="Agree a payment plan").click()
    shot(page, "07-plan-form")
    assert_accessible(page)
    page.get_by_label("Pensions (a month)").fill("1,180.00")
    page.get_by_label("Benefits and tax credits (a month)").fill("310.00")
    page.get_by_label("Home and contents (a month)").fill("420.00")
    page.get_by_label("Utilities (a month)").fill("160.00")
    page.get_by_label("Food and housekeeping (a month)").fill("320.00")
    page.get_by_label("Communications and leisure (a month)").fill("60.00")
    # The statement leaves £530.00 a month: £600.00 a month is refused, with the reason, and nothing is kept.
    page.get_by_label("Each instalment").fill("600.00")
    page.get_by_role("group", name="How often").get_by_label("Monthly").check()
    start = timezone.localdate() + dt.timedelta(days=10)
    first = page.get_by_role("group", name="First instalment due")
    first.get_by_label("Day").fill(str(start.day))
    first.get_by_label("Month").fill(str(start.month))
    first.get_by_label("Year").fill(str(start.year))
    page.get_by_role("group", name="How the debtor pays").get_by_label("Debit or credit card").check()
    page.get_by_role("button", name="Agree plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("£530.00 a month")
    shot(page, "08-plan-refused")
    assert_accessible(page)
    assert not PaymentPlan.objects.exists()
    page.get_by_label("Each instalment").fill("250.00")
    page.get_by_role("button", name="Agree plan").click()
    expect(page.get_by_text("Payment plan agreed")).to_be_visible()
    shot(page, "09-plan-agreed")
    assert_accessible(page)
    expect(page.get_by_role("heading", name=re.compile(r"£250\.00 monthly from .*: In force"))).to_be_visible()
    expect(page.get_by_text("£1,240.00 to pay")).to_be_visible()
    page.get_by_role("link", name="The debtor account").click()
    page.get_by_role("link", name="Recovery ladder and holds").click()
    shot(page, "10-on-hold")
    expect(page.locator(".govuk-summary-list").get_by_text("Yes")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Payment plan")).to_contain_text("In force")
    plan = PaymentPlan.objects.get(debtor=edith)
    assert plan.agreed_by == officer and plan.total == Decimal("1240.00")
    assert Hold.objects.get(debtor=edith, released_at__isnull=True).reason == HoldReason.PAYMENT_PLAN
    # Back on the overdue list, Edith's debt is marked as held.
    page.get_by_role("link", name="Debts", exact=True).first.click()
    page.get_by_role("link", name="Overdue debts on the recovery ladder").click()
    expect(page.get_by_role("row").filter(has_text="Crabtree")).to_contain_text("On hold")
    expect(page.get_by_role("row").filter(has_text="Pryce")).not_to_contain_text("On hold")

    # 3. The bank's ARUDD report: Norman's direct debit came back unpaid (refer to payer).
    report = tmp_path_factory.mktemp("bacs") / "ARUDD-report.xml"
    report.write_bytes(arudd([("HAWORTH0001", "85.40", "0", "REFER TO PAYER", PROCESSED)]))
    page.get_by_role("link", name="Debts", exact=True).first.click()
    page.get_by_role("link", name="Bacs reports").click()
    shot(page, "12-bacs-reports")
    assert_accessible(page)
    page.get_by_role("link", name="Import a report").click()
    page.get_by_label(re.compile("report", re.IGNORECASE)).set_input_files(report)
    page.get_by_role("button", name="Check the report").click()
    shot(page, "13-bacs-preview")
    assert_accessible(page)
    preview = page.get_by_role("row").filter(has_text="HAWORTH0001")
    expect(preview).to_contain_text("Norman Haworth")
    expect(preview).to_contain_text("£85.40")
    assert not Payment.objects.get(pk=dd_payment.pk).is_reversed  # nothing changes before the import
    page.get_by_role("button", name="Import the report").click()
    shot(page, "14-bacs-imported")
    assert_accessible(page)
    assert Payment.objects.get(pk=dd_payment.pk).is_reversed
    task = Task.objects.get(title__icontains="direct debit", client=norman.client)
    # The same report again changes nothing, and says so before anything is pressed.
    page.get_by_role("link", name="Bacs reports").first.click()
    page.get_by_role("link", name="Import a report").click()
    page.get_by_label(re.compile("report", re.IGNORECASE)).set_input_files(report)
    page.get_by_role("button", name="Check the report").click()
    expect(page.get_by_text("Importing it again changes nothing")).to_be_visible()
    assert Task.objects.filter(client=norman.client).count() == 1
    page.get_by_role("link", name="See what it did").click()
    expect(page.get_by_role("row").filter(has_text="HAWORTH0001")).to_contain_text(task.title)
    page.get_by_role("link", name="Norman Haworth").click()
    page.get_by_role("link", name="Payments, refunds and payment plans").click()
    shot(page, "15-norman-payments")
    expect(page.get_by_role("row").filter(has_text="HAWORTH0001")).to_contain_text("Reversed")
    page.get_by_role("link", name="My work").first.click()
    shot(page, "16-my-work")
    expect(page.get_by_text(task.title).first).to_be_visible()

    # 4. Walter's small balance: recommend a write-off.
    page.get_by_role("link", name="Debts", exact=True).first.click()
    page.get_by_role("link", name="Walter Pryce").click()
    page.get_by_role("link", name="Recommend a write-off").click()
    shot(page, "17-recommend")
    assert_accessible(page)
    page.get_by_label("Amount to write off").fill("18.75")
    page.get_by_role("group", name=re.compile("Why should it be written off")).get_by_label(
        re.compile("uneconomic", re.IGNORECASE)).check()
    page.get_by_label("What was tried, and what was found").fill(
        "The reminder came back 'gone away'; no forwarding address. Tracing would cost more than is owed.")
    page.get_by_role("button", name="Recommend the write-off").click()
    shot(page, "18-recommended")
    assert_accessible(page)
    writeoff = WriteOff.objects.get(debtor=walter)
    # The recommender cannot approve their own: no approve button, and a direct post is refused.
    expect(page.get_by_text("Write-off recommended")).to_be_visible()
    expect(page.get_by_role("heading", name="Write-off of £18.75")).to_be_visible()
    shot(page, "19-own-writeoff")
    expect(page.get_by_text("You recommended this write-off")).to_be_visible()
    expect(page.get_by_role("button", name="Approve and write off")).to_have_count(0)
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    response = page.request.post(f"{url}/debts/write-offs/{writeoff.pk}/approve/",
                                 form={"csrfmiddlewaretoken": token, "note": "Approving my own"},
                                 headers={"Referer": page.url})
    assert response.status == 403 and "You cannot do that" in response.text()
    writeoff.refresh_from_db()
    assert writeoff.status == "recommended"

    page.get_by_role("button", name="Sign out").click()

    # The team leader approves.
    sign_in(page, leader)
    shot(page, "20-leader-home")
    page.get_by_role("link", name="Write-offs waiting for your approval").click()
    shot(page, "21-leader-writeoffs")
    assert_accessible(page)
    expect(page.get_by_text("Your authority: Debt recovery manager (team leader)")).to_be_visible()
    waiting = page.get_by_role("table", name="Waiting for your approval")
    expect(waiting.get_by_role("row").filter(has_text="Walter Pryce")).to_contain_text("£18.75")
    waiting.get_by_role("row").filter(has_text="Walter Pryce").get_by_role("link").first.click()
    shot(page, "22-leader-writeoff")
    page.get_by_role("button", name="Approve and write off").click()
    shot(page, "23-approved")
    expect(page.get_by_text("Write-off approved and posted to the ledger")).to_be_visible()
    expect(page.locator(".govuk-summary-list__row").filter(has_text="Status")).to_contain_text("Written off")
    assert_accessible(page)
    page.get_by_role("link", name="Walter Pryce").first.click()
    shot(page, "24-walter-after")
    balance = page.locator(".govuk-summary-list__row").filter(has_text="Balance on")
    expect(balance).to_contain_text("£0.00 owed")
    expect(page.get_by_role("row").filter(has_text="Written off")).to_contain_text("£18.75")
    writeoff.refresh_from_db()
    assert writeoff.status == "approved" and writeoff.decided_by == leader
