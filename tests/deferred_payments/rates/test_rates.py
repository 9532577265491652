"""The national maximum rates: seeded with their sources, entered by a team leader as whole half-years with a
reason and history, never overlapping, read by ``rates_between``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.exceptions import ApplicationError, PermissionDeniedError
from deferred_payments.interest.calculator import RatePeriod
from deferred_payments.rates.models import NationalRate
from deferred_payments.rates.selectors import first_missing_period, rates_between
from deferred_payments.rates.services import national_rate_record

D = Decimal
pytestmark = pytest.mark.django_db


def test_the_published_rates_are_seeded_with_their_source():
    assert [(r.starts_on, r.annual_rate) for r in NationalRate.objects.order_by("starts_on")] == [
        (dt.date(2023, 1, 1), D("3.1800")), (dt.date(2023, 7, 1), D("3.4300")), (dt.date(2024, 1, 1), D("4.6500")),
        (dt.date(2024, 7, 1), D("4.0500")), (dt.date(2025, 1, 1), D("4.2500"))]
    assert all("legislation.gov.uk/uksi/2014/2671" in r.source for r in NationalRate.objects.all())


def test_rates_between_gives_the_periods_touching_the_dates():
    assert rates_between(dt.date(2024, 6, 1), dt.date(2024, 8, 1)) == [
        RatePeriod(dt.date(2024, 1, 1), dt.date(2024, 6, 30), D("4.6500")),
        RatePeriod(dt.date(2024, 7, 1), dt.date(2024, 12, 31), D("4.0500"))]
    assert first_missing_period(on=dt.date(2026, 3, 1)) == dt.date(2025, 7, 1)


def test_a_team_leader_enters_the_next_period_with_a_reason(dp_leader):
    rate = national_rate_record(acting_user=dp_leader, starts_on=dt.date(2025, 7, 1), annual_rate=D("4.05"),
                                source="OBR EFO March 2025 + 0.15%", reason="Published")
    assert rate.ends_on == dt.date(2025, 12, 31)
    history = rate.history.get()
    assert history.history_user == dp_leader and history.history_change_reason == "Published"


def test_an_officer_may_not_enter_a_rate(dp_officer):
    with pytest.raises(PermissionDeniedError):
        national_rate_record(acting_user=dp_officer, starts_on=dt.date(2025, 7, 1), annual_rate=D("4"),
                             source="s", reason="r")


@pytest.mark.parametrize("starts_on, rate, field", [
    (dt.date(2025, 8, 1), D("4"), "starts_on"),
    (dt.date(2025, 7, 1), D("100"), "annual_rate"),
    (dt.date(2025, 7, 1), D("-1"), "annual_rate"),
    (dt.date(2025, 1, 1), D("4"), "starts_on"),  # already entered
])
def test_bad_rates_are_refused_and_nothing_changes(dp_leader, starts_on, rate, field):
    with pytest.raises(ApplicationError) as refused:
        national_rate_record(acting_user=dp_leader, starts_on=starts_on, annual_rate=rate, source="s", reason="r")
    assert field in refused.value.extra
    assert NationalRate.objects.count() == 5


def test_the_database_refuses_part_years_and_overlaps():
    with pytest.raises(IntegrityError), transaction.atomic():
        NationalRate.objects.create(starts_on=dt.date(2025, 7, 1), ends_on=dt.date(2025, 11, 30),
                                    annual_rate=D("4"), source="s")
    with pytest.raises(IntegrityError), transaction.atomic():
        NationalRate.objects.create(starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 6, 30),
                                    annual_rate=D("4"), source="s")


def test_a_rate_used_for_interest_cannot_be_changed(make_agreement, dp_leader):
    from deferred_payments.accrual.services import accrual_run

    make_agreement(starts_on=dt.date(2024, 1, 1))
    accrual_run(on=dt.date(2024, 7, 2))
    used = NationalRate.objects.get(starts_on=dt.date(2024, 1, 1))
    with pytest.raises(ApplicationError, match="already been posted"):
        national_rate_record(acting_user=dp_leader, rate=used, starts_on=used.starts_on, annual_rate=D("1"),
                             source="s", reason="r")


def test_the_rates_pages(client, dp_leader, dp_officer):
    client.force_login(dp_officer)
    page = client.get(reverse("deferred_payments:rates"))
    assert page.status_code == 200 and "4.65%" in page.content.decode() and "Enter a rate" not in page.content.decode()
    assert "no rate for the period from 1 July 2025" in page.content.decode()
    assert client.get(reverse("deferred_payments:rate-add")).status_code == 403
    client.force_login(dp_leader)
    posted = client.post(reverse("deferred_payments:rate-add"), {
        "starts_on_0": "1", "starts_on_1": "7", "starts_on_2": "2025", "annual_rate": "4.05", "source": "OBR",
        "reason": "Published"})
    assert posted.status_code == 302 and NationalRate.objects.filter(starts_on=dt.date(2025, 7, 1)).exists()
    refused = client.post(reverse("deferred_payments:rate-add"), {
        "starts_on_0": "2", "starts_on_1": "7", "starts_on_2": "2026", "annual_rate": "4.05", "source": "OBR",
        "reason": "Published"})
    assert refused.status_code == 200 and "1 January or 1 July" in refused.content.decode()
