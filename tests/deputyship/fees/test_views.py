"""The fees pages and API: the rate table kept by a team leader, fees due and charged, reversal."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from deputyship.fees.choices import FeeKind, FeeStatus
from deputyship.fees.hooks import fees_for_team, fees_mine
from deputyship.fees.models import FeeCharge, FeeRate

pytestmark = pytest.mark.django_db


def test_rates_page_shows_sources_and_missing_rates_and_a_leader_adds_one(client_as, team_leader, officer, rates):
    page = client_as(officer).get(reverse("deputyship:fee-rates")).content.decode()
    assert "slough.gov.uk" in page and "No rate in force for" in page
    assert client_as(officer).get(reverse("deputyship:fee-rate-add")).status_code == 403
    browser = client_as(team_leader)
    bad = browser.post(reverse("deputyship:fee-rate-add"), {"kind": "travel", "amount": "40", "effective_from":
                                                            "2025-04-01", "source": ""})
    assert bad.status_code == 200 and not FeeRate.objects.filter(kind=FeeKind.TRAVEL).exists()
    browser.post(reverse("deputyship:fee-rate-add"), {"kind": "travel", "amount": "40.00",
                                                      "effective_from": "2025-04-01", "source": "Council policy"})
    assert FeeRate.objects.get(kind=FeeKind.TRAVEL).amount == Decimal("40.00")


def test_fees_due_charged_from_the_page_and_reversed(client_as, officer, team_leader, north_team, rates, make_order,
                                                     receive):
    order = make_order(20)
    assert {c.label: c.count for c in fees_mine(officer)} == {"Deputyship fees due and not charged": 1}
    team = {c.label: c.count for c in fees_for_team(team_leader, SimpleNamespace(team=north_team, officer=None,
                                                                                 unallocated=False))}
    assert team == {"Deputyship fees due and not charged": 1,
                    "Fees more than a year late (need the court's permission)": 0}
    browser = client_as(officer)
    assert "Work up to and including" in browser.get(reverse("deputyship:fees")).content.decode()
    refused = browser.post(reverse("deputyship:fee-charge"), {"authority": order.pk, "kind": "order_work", "year": 0},
                           follow=True)
    assert "no funds held by the council" in refused.content.decode() and not FeeCharge.objects.exists()
    receive("2000.00", order.made_on)
    browser.post(reverse("deputyship:fee-charge"), {"authority": order.pk, "kind": "order_work", "year": 0})
    charge = FeeCharge.objects.get()
    assert fees_mine(officer)[0].count == 0
    api = browser.get("/api/v1/deputyship/fees/").json()
    assert api["results"][0]["amount"] == "944.00" and api["results"][0]["kind"] == "order_work"
    assert browser.get("/api/v1/deputyship/fees/rates/").status_code == 200
    browser.post(reverse("deputyship:fee-reverse", args=[charge.pk]), {"reason": "Charged twice by mistake"})
    assert FeeCharge.objects.get().status == FeeStatus.REVERSED
