"""The cards, estates and life events list and its panel counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from deputyship.cards.choices import CardHolder
from deputyship.cards.services import prepaid_card_issue
from deputyship.lifeevents.hooks import _counts


@pytest.mark.django_db
def test_the_list_and_counts_show_a_card_due(client_as, officer, north_client, other_officer):
    prepaid_card_issue(acting_user=officer, client=north_client, provider="Allpay", last_four="1111",
                       holder=CardHolder.CLIENT, weekly_spend=Decimal("30.00"), issued_on=dt.date.today())
    page = client_as(officer).get(reverse("deputyship:life-casework"))
    assert page.status_code == 200 and "card ending 1111" in page.content.decode()
    counts = {c.label: c.count for c in _counts(officer)}
    assert counts["Prepaid card top-ups due this week"] == 1
    assert {c.label: c.count for c in _counts(other_officer)}["Prepaid card top-ups due this week"] == 0
    assert client_as(other_officer).get(reverse("deputyship:life-casework")).status_code == 403
