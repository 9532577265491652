"""The rates pages: everyone reads the figures and their sources; team leaders add the new year's
figures, with a reason kept in the history; bad input changes nothing."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from charging.models import Rate
from charging.selectors import rates_in_force

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def form(**overrides) -> dict:
    data = {"code": "PEA", "amount": "33.00", "effective_from_0": "5", "effective_from_1": "4",
            "effective_from_2": "2027", "source": "DHSC LAC(DHSC)(2027)1 (test figure)",
            "reason": "April 2027 uprating"}
    return {**data, **overrides}


@pytest.fixture
def rates(rates_seeded):
    return Rate.objects.count()


def test_everyone_reads_the_rates_with_their_sources(client_as, other_officer, rates):
    page = text(client_as(other_officer).get(reverse("charging:rates")))
    assert "Personal expenses allowance (care home), a week" in page and "Upper capital limit" in page
    assert "£23,250.00" in page
    assert "Add a figure" not in page
    # The 2024/25 carer premium is the last known; with no 2025/26 figure none is in force now.
    carer = page[page.index("Carer premium"):page.index("Dependent child")]
    assert "None in force" in carer and "£52.35 from 8 Apr 2024" in carer
    detail = text(client_as(other_officer).get(reverse("charging:rate-detail", args=["PEA"])))
    assert "£30.15" in detail and "£31.80" in detail and "Seeded from charging/fixtures/rates.json" in detail
    assert client_as(other_officer).get(reverse("charging:rate-detail", args=["NOPE"])).status_code == 404


@pytest.mark.parametrize("who", ["other_officer", "auditor"])
def test_only_team_leaders_add_figures(client_as, request, who, rates):
    browser = client_as(request.getfixturevalue(who))
    assert browser.get(reverse("charging:rate-add")).status_code == 403
    assert browser.post(reverse("charging:rate-add"), form()).status_code == 403
    assert Rate.objects.count() == rates


@pytest.mark.parametrize(("overrides", "message"), [
    ({"code": ""}, "Choose a rate"),
    ({"amount": "thirty"}, "Enter the figure as a number, like 31.80"),
    ({"amount": "33.001"}, "An amount in pounds has at most two decimal places."),
    ({"amount": "-1"}, "A rate cannot be negative."),
    ({"effective_from_0": "31", "effective_from_1": "2"}, "must be a real date"),
    ({"source": ""}, "Say where the figure comes from"),
    ({"reason": ""}, "Enter a reason for the change"),
])
def test_a_bad_figure_is_refused_with_a_message_and_nothing_saved(client_as, charging_leader, rates, overrides,
                                                                  message):
    page = text(client_as(charging_leader).post(reverse("charging:rate-add"), form(**overrides)))
    assert "There is a problem" in page and message in page
    assert Rate.objects.count() == rates


def test_a_team_leader_adds_the_new_years_figure_with_history(client_as, charging_leader, rates):
    browser = client_as(charging_leader)
    done = text(browser.post(reverse("charging:rate-add"), form(), follow=True))
    assert "Personal expenses allowance (care home), a week: £33.00 from 5 April 2027 added" in done
    assert rates_in_force(dt.date(2027, 4, 5)).get("PEA").amount == Decimal("33.00")
    assert rates_in_force(dt.date(2027, 4, 4)).get("PEA").amount == Decimal("31.80")
    row = Rate.history.filter(code="PEA", effective_from=dt.date(2027, 4, 5)).get()
    assert row.history_user == charging_leader and row.history_change_reason == "April 2027 uprating"
    assert "April 2027 uprating" in done

    again = text(browser.post(reverse("charging:rate-add"), form()))
    assert "There is already a figure for Personal expenses allowance" in again
    assert Rate.objects.count() == rates + 1
