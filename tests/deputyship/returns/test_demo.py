"""The fees and court returns demo: O'Connor's order, her year of money, her fees charged on the order's date
and anniversary, her first report in draft with figures from the ledger; a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from deputyship.fees.choices import FeeKind
from deputyship.fees.demo import seed_demo_step as seed_fees
from deputyship.fees.models import FeeCharge, FeeRate
from deputyship.returns.choices import ReturnStatus
from deputyship.returns.demo import seed_demo_step as seed_returns
from deputyship.returns.models import CourtReturn
from deputyship.returns.selectors import return_figures
from people.selectors import today
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_demo_oconnor_first_report_and_fees(officer, team_leader, administrator, north_team):
    client = ClientFactory(first_name="Sheila", last_name="O'Connor", team=north_team, team__officer=officer)
    run = SimpleNamespace(on=today(), made={"users": {"olivia": officer, "tom": team_leader, "admin": administrator},
                                            "clients": [(client, SimpleNamespace(last_name="O'Connor"), 0)]})
    made = seed_fees(run)
    assert made["fees"] == 2 and made["fee_rates"] == FeeRate.objects.count()
    assert {c.kind for c in FeeCharge.objects.all()} == {FeeKind.ORDER_WORK, FeeKind.ANNUAL_MANAGEMENT_FIRST}
    returns = seed_returns(run)
    assert returns["court_returns"] == 1 and returns["report_entries"] == 4
    first = CourtReturn.objects.get(client=client)
    assert first.status == ReturnStatus.DRAFT
    assert today() - dt.timedelta(days=70) < first.period_end < today() - dt.timedelta(days=50)
    figures = return_figures(first)
    assert figures.total_in > Decimal("24650.00") and figures.balances
    assert sum((i.value for i in figures.fees), Decimal("0")) == Decimal("944.00")  # order fee in the period
    assert seed_fees(run)["fees"] == 0 and seed_returns(run) == {"court_returns": 0, "report_entries": 0}
