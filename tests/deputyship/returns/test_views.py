"""The court return pages, API and panels: the same figures as the calculation, the draft's forms, the
refusals shown as sentences."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from deputyship.fees.choices import FeeKind
from deputyship.fees.services import fee_charge
from deputyship.returns.choices import ReturnStatus
from deputyship.returns.hooks import returns_for_team, returns_mine
from deputyship.returns.models import CourtReturn, ReportEntry
from deputyship.returns.selectors import return_figures
from deputyship.returns.services import returns_make
from ledger.choices import MoneyInCategory, MoneyOutCategory
from ledger.models import Account
from ledger.services import PostingLine, transaction_post
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(rates, make_order, receive, pay, today, officer):
    order = make_order(365 + 70)  # first period ended 70 days ago: overdue by 14 days
    receive("3000.00", order.made_on + dt.timedelta(days=3), MoneyInCategory.STATE_PENSION)
    pay("400.00", order.made_on + dt.timedelta(days=10), MoneyOutCategory.CARE_FEES)
    fee_charge(acting_user=officer, authority=order, kind=FeeKind.ORDER_WORK, year=0, on=order.made_on)
    returns_make(acting_user=officer, authority=order, on=today)
    return CourtReturn.objects.get(authority=order, number=1)


def test_list_and_page_show_the_calculated_figures(client_as, officer, report):
    browser = client_as(officer)
    listing = browser.get(reverse("deputyship:returns"))
    assert listing.status_code == 200 and report.client.full_name in listing.content.decode()
    page = browser.get(reverse("deputyship:return-detail", args=[report.pk])).content.decode()
    figures = return_figures(report)
    assert (figures.total_in, figures.total_out, figures.closing) == (
        Decimal("3000.00"), Decimal("1344.00"), Decimal("1656.00"))
    for shown in ("£3,000.00", "£1,344.00", "£1,656.00", "Short report (OPG 103)", "the accounts balance"):
        assert shown in page, shown


def test_adding_an_entry_and_a_bad_one(client_as, officer, report):
    browser = client_as(officer)
    url = reverse("deputyship:return-entry-add", args=[report.pk])
    bad = browser.post(url, {"kind": "decision", "summary": "Moved her savings"})
    assert bad.status_code == 200 and "Say whether the client was involved" in bad.content.decode()
    assert not ReportEntry.objects.exists()
    good = browser.post(url, {"kind": "decision", "summary": "Moved her savings", "reason": "Better interest",
                              "client_involved": "yes"})
    assert good.status_code == 302 and ReportEntry.objects.get().client_involved is True


def test_ready_refused_with_a_sentence_while_a_difference_is_unexplained(client_as, officer, report):
    funds = Account.objects.get(client=report.client, purpose="CLIENT_FUNDS")
    bank = Account.objects.get(purpose="POOLED_BANK")
    transaction_post(acting_user=officer, effective_date=report.period_start + dt.timedelta(days=20),
                     kind="adjustment", idempotency_key="view-uncategorised", client_money=True,
                     postings=[PostingLine(bank, Decimal("5.00")), PostingLine(funds, Decimal("-5.00"))])
    browser = client_as(officer)
    response = browser.post(reverse("deputyship:return-ready", args=[report.pk]), follow=True)
    assert "nobody has explained" in response.content.decode()
    assert CourtReturn.objects.get(pk=report.pk).status == ReturnStatus.DRAFT
    browser.post(reverse("deputyship:return-difference", args=[report.pk]), {"note": "Bank interest, uncategorised"})
    browser.post(reverse("deputyship:return-ready", args=[report.pk]))
    assert CourtReturn.objects.get(pk=report.pk).status == ReturnStatus.READY
    response = browser.post(reverse("deputyship:return-submitted", args=[report.pk]),
                            {"submitted_on": dt.date.today().isoformat(), "reference": "OPG 77"})
    assert response.status_code == 302
    assert CourtReturn.objects.get(pk=report.pk).status == ReturnStatus.SUBMITTED


def test_api_figures_are_the_calculation(client_as, officer, other_officer, report):
    browser = client_as(officer)
    listing = browser.get("/api/v1/deputyship/returns/").json()
    assert [r["id"] for r in listing["results"]] == [report.pk]
    detail = browser.get(f"/api/v1/deputyship/returns/{report.pk}/").json()
    assert detail["due_on"] == (report.period_end + dt.timedelta(days=56)).isoformat()
    figures = browser.get(f"/api/v1/deputyship/returns/{report.pk}/figures/").json()
    assert (figures["total_in"], figures["total_out"], figures["closing"], figures["form"]) == (
        "3000.00", "1344.00", "1656.00", "103")
    assert client_as(other_officer).get(f"/api/v1/deputyship/returns/{report.pk}/figures/").status_code in (403, 404)


def test_panels_count_overdue_and_due(officer, team_leader, north_team, report):
    mine = {c.label: c.count for c in returns_mine(officer)}
    assert mine == {"Court returns overdue": 1, "Court returns due in the next 28 days": 0}
    team = {c.label: c.count for c in returns_for_team(team_leader, SimpleNamespace(
        team=north_team, officer=None, unallocated=False))}
    assert team["Court returns overdue"] == 1
    assert returns_for_team(team_leader, SimpleNamespace(team=TeamFactory(service="charging"), officer=None,
                                                         unallocated=False)) == []
