"""The Debts tab, the debtor page, the aged debt list and the aged debt panels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core.registry import DashboardScope
from debt_recovery.hooks import aged_debt_for_team, aged_debt_mine
from debt_recovery.services import debtor_account_open
from people.selectors import today
from tests.factories import ClientFactory


def ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


@pytest.fixture
def owing(debtor_client, debt_officer, ledger):
    """Norman owes £120.00 charged 100 days ago (£50.00 of it paid) and £75.25 charged 10 days ago."""
    debtor = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Invoiced")
    ledger.charge(debtor.ledger_account, "120.00", ago(100))
    ledger.charge(debtor.ledger_account, "75.25", ago(10))
    ledger.pay(debtor.ledger_account, "50.00", ago(5))
    return debtor


@pytest.mark.django_db
def test_the_debts_tab_shows_the_aged_balance_and_every_charge_and_payment(client_as, debt_officer, owing):
    page = client_as(debt_officer).get(reverse("debt_recovery:client-debts", args=[owing.client_id]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "£145.25" in text  # owed in all
    assert "£70.00" in text  # what is left of the oldest charge, 91-180 days
    assert "£75.25" in text and "£120.00" in text and "£50.00" in text
    assert owing.reference in text
    assert reverse("debt_recovery:debtor-detail", args=[owing.pk]) in text
    assert 'href="' + reverse("debt_recovery:client-debts", args=[owing.client_id]) + '"' in text  # the tab itself


@pytest.mark.django_db
def test_the_debtor_page_and_who_may_open_it(client_as, debt_officer, other_officer, auditor, owing):
    url = reverse("debt_recovery:debtor-detail", args=[owing.pk])
    page = client_as(debt_officer).get(url)
    assert page.status_code == 200
    assert "£145.25 owed" in page.content.decode()
    assert "no late payment interest" in page.content.decode()
    assert client_as(auditor).get(url).status_code == 200
    assert client_as(other_officer).get(url).status_code == 404  # not a client the charging officer sees


@pytest.mark.django_db
def test_the_aged_debt_list_filters_by_oldest_band(client_as, debt_officer, debt_team, owing, ledger):
    other = ClientFactory(first_name="Sheila", last_name="OConnor", team=debt_team, team__officer=debt_officer)
    recent = debtor_account_open(acting_user=debt_officer, client=other, kind="person", reason="Invoiced")
    ledger.charge(recent.ledger_account, "20.00", ago(3))
    url = reverse("debt_recovery:aged-debt")
    everything = client_as(debt_officer).get(url).content.decode()
    assert owing.reference in everything and recent.reference in everything
    assert everything.index(owing.reference) < everything.index(recent.reference)  # oldest debt first
    older = client_as(debt_officer).get(url + "?band=d91_180").content.decode()
    assert owing.reference in older and recent.reference not in older
    assert client_as(debt_officer).get(url + "?band=nonsense").status_code == 200


@pytest.mark.django_db
def test_the_aged_debt_list_totals_each_band(client_as, debt_officer, owing):
    page = client_as(debt_officer).get(reverse("debt_recovery:aged-debt"))
    totals = page.content.decode().split("Total owed, by age")[1].split("</table>")[0]
    assert "91 to 180 days" in totals and "0 to 28 days" in totals
    assert "£70.00" in totals  # what is left of the oldest charge
    assert "£145.25" in totals  # owed in all
    assert client_as(debt_officer).get(reverse("debt_recovery:aged-debt") + "?page=abc").status_code == 400


@pytest.mark.django_db
def test_the_aged_debt_list_marks_a_debt_on_hold(client_as, debt_officer, owing):
    from debt_recovery.holds.services import hold_place

    url = reverse("debt_recovery:aged-debt")
    assert "On hold" not in client_as(debt_officer).get(url).content.decode()
    hold_place(acting_user=debt_officer, debtor=owing, reason="dispute", review_on=today() + dt.timedelta(days=14),
               note="Disputes the charge for the week in hospital.")
    row = client_as(debt_officer).get(url).content.decode().split(owing.reference)[1].split("</tr>")[0]
    assert "On hold" in row


@pytest.mark.django_db
def test_the_panels_count_debtors_by_their_oldest_debt(debt_officer, debt_leader, debt_team, owing):
    mine = {line.label: line.count for line in aged_debt_mine(debt_officer)}
    assert mine["Debtors owing for 91 to 180 days"] == 1
    assert mine["Debtors owing for 57 to 90 days"] == 0
    team = {line.label: line for line in aged_debt_for_team(debt_leader, DashboardScope(team=debt_team))}
    assert team["Debtors owing for 91 to 180 days"].count == 1
    assert "band=d91_180" in team["Debtors owing for 91 to 180 days"].url
    someone_else = DashboardScope(team=debt_team, officer=debt_leader)
    assert all(line.count == 0 for line in aged_debt_for_team(debt_leader, someone_else))


@pytest.mark.django_db
def test_the_dashboard_shows_the_aged_debt_panel_to_the_team_leader(client_as, debt_leader, debt_team, owing):
    page = client_as(debt_leader).get(reverse("people:team-caseload", args=[debt_team.pk]))
    assert page.status_code == 200
    assert "Debtors owing for 91 to 180 days" in page.content.decode()


@pytest.mark.django_db
def test_the_api_lists_and_shows_debtor_accounts_with_their_ageing(client_as, debt_officer, other_officer, owing):
    api = client_as(debt_officer)
    listed = api.get("/api/v1/debt-recovery/debtors/", {"client": owing.client_id}).json()
    assert listed["count"] == 1
    found = listed["results"][0]
    assert found["reference"] == owing.reference
    assert found["aged"]["balance"] == "145.25"
    assert found["aged"]["d91_180"] == "70.00" and found["aged"]["d0_28"] == "75.25"
    assert found["aged"]["oldest_band"] == "d91_180"
    assert found["late_payment_interest_applies"] is False
    detail = api.get(f"/api/v1/debt-recovery/debtors/{owing.pk}/").json()
    assert [line["amount"] for line in detail["lines"]] == ["120.00", "75.25", "-50.00"]
    as_at = api.get(f"/api/v1/debt-recovery/debtors/{owing.pk}/", {"as_at": ago(50).isoformat()}).json()
    assert as_at["aged"]["balance"] == "120.00" and as_at["aged"]["d29_56"] == "120.00"
    assert client_as(other_officer).get(f"/api/v1/debt-recovery/debtors/{owing.pk}/").status_code == 404
    assert client_as(other_officer).get("/api/v1/debt-recovery/debtors/").json()["count"] == 0
    assert api.get("/api/v1/debt-recovery/debtors/", {"as_at": "not-a-date"}).status_code == 400
    assert Decimal(found["aged"]["owed"]) == sum(Decimal(found["aged"][k]) for k in
                                                 ("d0_28", "d29_56", "d57_90", "d91_180", "d181_365", "over_365"))


@pytest.mark.django_db
def test_a_commercial_debtor_page_shows_the_interest_before_it_is_charged(client_as, debt_officer, debtor_client,
                                                                         administrator, ledger):
    from charging.services import rate_add
    from debt_recovery.interest.selectors import interest_before_charging

    business = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="commercial",
                                   name="Brookside Care Ltd", customer_type="commercial", reason="Respite invoices")
    ledger.charge(business.ledger_account, "1500.00", ago(100))
    ledger.charge(business.ledger_account, "300.00", ago(10))  # not yet due (30 days)
    ledger.pay(business.ledger_account, "500.00", ago(20))
    url = reverse("debt_recovery:debtor-detail", args=[business.pk])
    missing = client_as(debt_officer).get(url).content.decode()
    assert "Bank of England base rate" in missing  # the missing rate is named, nothing guessed
    rate_add(acting_user=administrator, code="BOE_BASE_RATE", amount="4.00", effective_from=ago(800),
             source="Bank of England, Bank Rate history", reason="Base rate")
    found = interest_before_charging(debtor=business, as_at=today())
    assert [item["charge"].outstanding for item in found] == [Decimal("1000.00"), Decimal("300.00")]
    first, second = found
    assert first["working"].days_late == 70 and first["working"].compensation == Decimal("70.00")
    assert first["working"].interest == (Decimal("1000.00") * 12 * 70 / 36500).quantize(Decimal("0.01"))
    assert second["working"].days_late == 0 and second["working"].total == 0
    page = client_as(debt_officer).get(url).content.decode()
    assert "Late payment interest, if charged today" in page and f"£{first['working'].interest}" in page
    person = debtor_account_open(acting_user=debt_officer, client=ClientFactory(team=debt_officer.memberships.get().team,
                                                                                team__officer=debt_officer),
                                 kind="person", reason="Invoiced")
    assert interest_before_charging(debtor=person, as_at=today()) == []
