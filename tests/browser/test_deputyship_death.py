"""A deputyship client's death, wound up in a real Chromium: the officer records the death from the Deputyship tab,
the letters are made for everyone on the contacts, the client's money is frozen except the funeral costs the
executor agreed to, the final account is prepared, the grant is recorded and the estate released, leaving nothing
in the client's money; the pages pass an accessibility check on the way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from deputyship.death.models import Death, DeathLetter
from ledger.client_money import payment_hold_release
from ledger.models import Payment
from ledger.selectors import available_funds
from tests.deputyship.conftest import fund  # noqa: F401 (fixture)
from tests.deputyship.death.conftest import contacts, deputy  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, name: str, day: dt.date) -> None:
    page.locator(f"#id_{name}").fill(str(day.day))
    page.locator(f"#id_{name}_1").fill(str(day.month))
    page.locator(f"#id_{name}_2").fill(str(day.year))


def test_an_officer_winds_up_a_clients_affairs_after_death(page, live_server, sign_in, assert_accessible, officer,
                                                           team_leader, north_client, deputy, contacts,  # noqa: F811
                                                           fund):  # noqa: F811
    today = dt.date.today()
    died = today - dt.timedelta(days=6)
    fund(north_client, "4250.00", on=died - dt.timedelta(days=20))
    sign_in(page, officer)
    page.goto(f"{live_server.url}{north_client.get_absolute_url()}")
    page.locator('[data-tab="deputyship"]').click()
    page.get_by_role("link", name="Death and estate").click()
    expect(page.locator("#no-death")).to_be_visible()
    page.get_by_role("link", name="Record the client's death").click()
    assert_accessible(page)

    # The date the council was told may not come before the death: refused, nothing recorded.
    fill_date(page, "died_on", died)
    fill_date(page, "notified_on", died - dt.timedelta(days=1))
    page.get_by_label("By the care home").check()
    page.get_by_label("There is a valid will").check()
    page.get_by_label("Executor or next of kin dealing with the estate (optional)").fill("Ann Smith")
    page.get_by_role("button", name="Record the death").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be the same as or after the date of death")
    assert not Death.objects.exists()
    fill_date(page, "notified_on", died + dt.timedelta(days=1))
    page.get_by_role("button", name="Record the death").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Death recorded")
    death = Death.objects.get(client=north_client)
    notifications = page.locator("#notifications")
    for recipient in ("Ann Smith", "Jane Thornton", "Northern Bank plc", "Office of the Public Guardian"):
        expect(notifications).to_contain_text(recipient)
    expect(page.locator("#waiting")).to_contain_text("Old Friend")
    assert DeathLetter.objects.filter(death=death).count() >= 5
    expect(page.get_by_text("The client's money is frozen")).to_be_visible()
    assert_accessible(page)

    # Funeral costs: only with the executor's consent, and only up to it.
    page.get_by_role("link", name="Record the executor's consent to funeral costs").click()
    page.get_by_label("Who consented").fill("Ann Smith")
    fill_date(page, "consented_on", today)
    page.get_by_label("Funeral director").fill("Co-op Funeralcare, Harrogate")
    page.get_by_label("Amount consented to").fill("3,200.00")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Pay Co-op Funeralcare, Harrogate").click()
    page.get_by_label("Amount to pay").fill("3300.00")
    fill_date(page, "effective_date", today)
    page.get_by_label("Invoice or reference").fill("FC-88412")
    page.get_by_role("button", name="Pay the funeral costs").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert not Payment.objects.filter(payee__startswith="Co-op").exists()
    page.get_by_label("Amount to pay").fill("3185.00")
    page.get_by_role("button", name="Pay the funeral costs").click()
    expect(page.locator("#funeral")).to_contain_text("£3,185.00")
    expect(page.locator("#funeral")).to_contain_text("held")
    # Over the council's £1,000 limit, a second officer releases it (on their own approvals page, tested elsewhere).
    payment_hold_release(acting_user=team_leader, hold=Payment.objects.get(payee__startswith="Co-op"))
    assert available_funds(client=north_client) == Decimal("1065.00")
    page.reload()
    expect(page.locator("#funeral")).to_contain_text("£3,185.00 (released and paid)")

    # The final account, from the ledger.
    page.get_by_role("link", name="Prepare the final account").click()
    fill_date(page, "as_at", today)
    page.get_by_role("button", name="Prepare the final account").click()
    section = page.locator("#final-account")
    expect(section).to_contain_text("£4,250.00")
    expect(section).to_contain_text("£1,065.00")

    # The grant, then the estate released to the executor it names: nothing is left in the client's money.
    page.get_by_role("link", name="Record the grant").click()
    page.get_by_label("Grant of probate").check()
    fill_date(page, "issued_on", today)
    page.get_by_label("Grant reference").fill("PRB-2026-0114")
    page.get_by_label("Granted to").fill("Ann Smith")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Release the estate to Ann Smith").click()
    fill_date(page, "released_on", today)
    page.get_by_role("button", name="Release the estate").click()
    expect(page.locator("#release")).to_contain_text("£1,065.00 to Ann Smith")
    release = Payment.objects.get(payee__contains="Ann Smith")
    assert release.status == "held"  # over £1,000 too: a second officer releases it
    payment_hold_release(acting_user=team_leader, hold=release)
    assert available_funds(client=north_client) == Decimal("0.00")
    assert_accessible(page)
