"""The fee schedule: a team leader changes a fee (the old item closes the day before, a new one opens with its
source), bad input is refused with nothing changed, officers may only read, and the accrual run charges each
amount in force when the fee fell due."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError, PermissionDeniedError
from deferred_payments.accrual.fees import fee_schedule_change, fee_schedule_in_force
from deferred_payments.accrual.models import FeeScheduleItem
from people.selectors import today

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def annual(dp_leader):
    return FeeScheduleItem.objects.create(name="Annual administration fee", kind="annual", amount=D("75.00"),
                                          effective_from=dt.date(2024, 1, 1), source="Fees list 2024",
                                          recorded_by=dp_leader)


def test_a_change_closes_the_old_fee_and_opens_a_new_one_with_its_source(dp_leader, annual):
    start = today() + dt.timedelta(days=10)
    new = fee_schedule_change(acting_user=dp_leader, item=annual, amount="80.00", effective_from=start,
                              source="Cabinet 12 March item 7")
    annual.refresh_from_db()
    assert annual.effective_to == start - dt.timedelta(days=1) and annual.amount == D("75.00")
    assert (new.name, new.kind, new.amount, new.effective_from, new.effective_to, new.source) == (
        "Annual administration fee", "annual", D("80.00"), start, None, "Cabinet 12 March item 7")
    assert list(fee_schedule_in_force(on=start - dt.timedelta(days=1))) == [annual]
    assert list(fee_schedule_in_force(on=start)) == [new]
    assert "Cabinet 12 March item 7" in annual.history.first().history_change_reason
    assert new.history.first().history_user == dp_leader
    with pytest.raises(ApplicationError):  # the closed item cannot be changed again
        fee_schedule_change(acting_user=dp_leader, item=annual, amount="90.00", effective_from=start,
                            source="Again")


@pytest.mark.parametrize("amount, days, source, field", [
    ("0", 1, "Decision", "amount"), ("80.001", 1, "Decision", "amount"), ("-5", 1, "Decision", "amount"),
    ("80.00", -1, "Decision", "effective_from"), ("80.00", 1, "  ", "source")])
def test_bad_changes_are_refused_and_change_nothing(dp_leader, annual, amount, days, source, field):
    with pytest.raises(ApplicationError) as refused:
        fee_schedule_change(acting_user=dp_leader, item=annual, amount=amount,
                            effective_from=today() + dt.timedelta(days=days), source=source)
    assert field in refused.value.extra
    annual.refresh_from_db()
    assert annual.effective_to is None and FeeScheduleItem.objects.count() == 1


def test_only_a_team_leader_changes_fees(dp_officer, annual):
    with pytest.raises(PermissionDeniedError):
        fee_schedule_change(acting_user=dp_officer, item=annual, amount="80.00", effective_from=today(),
                            source="Decision")
    assert FeeScheduleItem.objects.count() == 1


def test_the_fee_pages(client, dp_leader, dp_officer, annual):
    client.force_login(dp_officer)
    listing = client.get(reverse("deferred_payments:fees"))
    assert listing.status_code == 200 and "Annual administration fee" in listing.content.decode()
    assert reverse("deferred_payments:fee-change", args=[annual.pk]) not in listing.content.decode()
    assert client.get(reverse("deferred_payments:fee-change", args=[annual.pk])).status_code == 403
    client.force_login(dp_leader)
    url = reverse("deferred_payments:fee-change", args=[annual.pk])
    start = today() + dt.timedelta(days=1)
    bad = client.post(url, {"amount": "80.00", "effective_from_0": "1", "effective_from_1": "1",
                            "effective_from_2": "2020", "source": "Decision"})
    assert bad.status_code == 200 and "today or later" in bad.content.decode()
    done = client.post(url, {"amount": "80.00", "effective_from_0": str(start.day),
                             "effective_from_1": str(start.month), "effective_from_2": str(start.year),
                             "source": "Cabinet 12 March item 7"})
    assert done.status_code == 302
    assert FeeScheduleItem.objects.get(effective_to__isnull=True).amount == D("80.00")
