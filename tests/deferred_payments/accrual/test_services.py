"""The accrual run: deferrals, fees and interest posted exactly once, matching the calculator and the ledger;
the equity cap, warnings and projection; a missing rate stopping interest and telling a team leader once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.history import save_attributed
from deferred_payments.accrual.models import AccrualPosting, EquityPosition, EquityWarning, FeeScheduleItem
from deferred_payments.accrual.services import accrual_chunk, accrual_run, fee_schedule_item_record
from deferred_payments.interest.calculator import Convention, Movement, RatePeriod, accrue
from deferred_payments.rates.models import MissingRateNotice, NationalRate
from deferred_payments.rates.services import national_rate_record
from ledger.choices import Purpose
from ledger.models import Account, Posting, Transaction
from people.models import Task

D = Decimal
pytestmark = pytest.mark.django_db


def balance(account) -> Decimal:
    return sum((p.amount for p in Posting.objects.filter(account=account)), D("0"))


def national() -> list[RatePeriod]:
    return [RatePeriod(r.starts_on, r.ends_on, r.annual_rate) for r in NationalRate.objects.order_by("starts_on")]


def test_a_year_of_weekly_deferrals_and_interest_is_posted_and_matches_the_calculator(make_agreement, dp_leader):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1), weekly=D("612.45"))
    summary = accrual_run(on=dt.date(2025, 1, 2))
    agreement.refresh_from_db()
    deferrals = AccrualPosting.objects.filter(agreement=agreement, kind="deferral").order_by("starts_on")
    # weeks from 1 Jan 2024, each posted on its 7th day: the last ended by 2 Jan 2025 ran 23 to 29 Dec 2024
    assert deferrals.count() == 52 and deferrals.last().starts_on == dt.date(2024, 12, 23)
    assert {p.amount for p in deferrals} == {D("612.45")}
    interest = list(AccrualPosting.objects.filter(agreement=agreement, kind="interest").order_by("starts_on"))
    assert [(p.starts_on, p.ends_on, p.annual_rate) for p in interest] == [
        (dt.date(2024, 1, 1), dt.date(2024, 6, 30), D("4.65")), (dt.date(2024, 7, 1), dt.date(2024, 12, 31), D("4.05"))]
    # The same figures from the calculator over the same movements, independently of the run.
    movements = [Movement(p.posted_on, p.amount, "deferral") for p in deferrals if p.posted_on <= dt.date(2024, 12, 31)]
    expected = accrue(opening=D("0"), start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), movements=movements,
                      rates=national(), convention=Convention("daily", "365"))
    assert [p.interest for p in expected.periods] == [p.amount for p in interest]
    # The ledger agrees: the debt account holds every posting, the council's accounts the other side.
    total = sum((p.amount for p in AccrualPosting.objects.filter(agreement=agreement)), D("0"))
    assert balance(agreement.debt_account) == total
    assert balance(Account.objects.get(purpose=Purpose.INTEREST_INCOME)) == -sum(p.amount for p in interest)
    assert summary["interest"] == 2 and summary["agreements"] == 1


def test_a_rerun_and_a_run_the_next_day_post_nothing_twice(make_agreement):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1))
    accrual_run(on=dt.date(2024, 8, 1))
    count, txns = AccrualPosting.objects.count(), Transaction.objects.count()
    again = accrual_run(on=dt.date(2024, 8, 1))
    assert (AccrualPosting.objects.count(), Transaction.objects.count()) == (count, txns)
    assert again.get("deferral", 0) == 0 and again.get("interest", 0) == 0
    accrual_run(on=dt.date(2024, 8, 2))  # one more week has ended (the week from 26 Jul ends 1 Aug: already in)
    keys = list(AccrualPosting.objects.filter(agreement=agreement).values_list("key", flat=True))
    assert len(keys) == len(set(keys))


def test_a_crash_half_way_then_a_rerun_gives_each_posting_once(make_agreement, dp_client, dp_leader):
    first = make_agreement(starts_on=dt.date(2024, 1, 1))
    second = make_agreement(starts_on=dt.date(2024, 1, 1))
    # The first chunk committed, then the worker died before the second.
    accrual_chunk(acting_user=dp_leader, agreement_ids=[first.pk], on=dt.date(2024, 7, 10))
    assert not AccrualPosting.objects.filter(agreement=second).exists()
    accrual_run(on=dt.date(2024, 7, 10))
    for agreement in (first, second):
        rows = AccrualPosting.objects.filter(agreement=agreement)
        assert rows.filter(kind="interest").count() == 1
        assert rows.filter(kind="deferral").count() == 27
    assert (AccrualPosting.objects.filter(agreement=first).values_list("amount", flat=True).order_by("key").count()
            == AccrualPosting.objects.filter(agreement=second).count())


def test_fees_fall_due_on_the_start_and_each_anniversary(make_agreement, dp_leader):
    fee_schedule_item_record(acting_user=dp_leader, name="Legal set-up fee", kind="set_up", amount=D("567.00"),
                             effective_from=dt.date(2023, 1, 1), source="Reading 2024/25", reason="Test")
    fee_schedule_item_record(acting_user=dp_leader, name="Annual administration fee", kind="annual",
                             amount=D("281.90"), effective_from=dt.date(2023, 1, 1), source="Reading 2024/25",
                             reason="Test")
    agreement = make_agreement(starts_on=dt.date(2024, 2, 29))
    accrual_run(on=dt.date(2025, 3, 1))
    fees = list(AccrualPosting.objects.filter(agreement=agreement, kind="fee").order_by("posted_on")
                .values_list("posted_on", "amount"))
    assert fees == [(dt.date(2024, 2, 29), D("567.00")), (dt.date(2025, 2, 28), D("281.90"))]
    assert balance(Account.objects.get(purpose=Purpose.FEE_INCOME)) == -D("848.90")


def test_fee_bad_input_is_refused(dp_leader):
    from core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        fee_schedule_item_record(acting_user=dp_leader, name="X", kind="annual", amount=D("-1"),
                                 effective_from=dt.date(2024, 1, 1), source="s", reason="r")
    assert not FeeScheduleItem.objects.exists()


def test_simple_interest_agreement_is_charged_on_deferrals_only(make_agreement):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1), compounding="simple", weekly=D("1000"))
    accrual_run(on=dt.date(2025, 1, 5))
    h1, h2 = AccrualPosting.objects.filter(agreement=agreement, kind="interest").order_by("starts_on")
    movements = [Movement(p.posted_on, p.amount, "deferral")
                 for p in AccrualPosting.objects.filter(agreement=agreement, kind="deferral",
                                                        posted_on__range=(dt.date(2024, 7, 1), dt.date(2024, 12, 31)))]
    opening = sum((p.amount for p in AccrualPosting.objects.filter(agreement=agreement,
                                                                   posted_on__lt=dt.date(2024, 7, 1))), D("0"))
    expected = accrue(opening=opening, opening_interest=h1.amount, start=dt.date(2024, 7, 1),
                      end=dt.date(2024, 12, 31), movements=movements, rates=national(),
                      convention=Convention("simple", "365"))
    assert h2.amount == expected.interest


def test_deferral_stops_at_the_equity_limit_while_interest_continues(make_agreement, dp_officer):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1), weekly=D("1000"), limit=D("10500"))
    accrual_run(on=dt.date(2024, 12, 31))
    deferrals = list(AccrualPosting.objects.filter(agreement=agreement, kind="deferral").order_by("starts_on"))
    deferred = sum(p.amount for p in deferrals)
    assert deferred == D("10500.00")  # ten full weeks and £500 of the eleventh, then nothing
    assert deferrals[-1].amount == D("500.00") and len(deferrals) == 11
    assert AccrualPosting.objects.filter(agreement=agreement, kind="interest").count() == 1
    accrual_run(on=dt.date(2025, 1, 1))
    assert AccrualPosting.objects.filter(agreement=agreement, kind="interest").count() == 2
    warnings = list(EquityWarning.objects.filter(agreement=agreement).order_by("threshold")
                    .values_list("threshold", flat=True))
    assert warnings == [70, 90, 100]
    assert Task.objects.filter(assigned_to=dp_officer, title__contains="equity limit reached").count() == 1
    accrual_run(on=dt.date(2025, 1, 2))
    assert EquityWarning.objects.filter(agreement=agreement).count() == 3  # once each
    position = EquityPosition.objects.get(agreement=agreement)
    assert position.deferral_stopped_on is not None


def test_interest_not_counted_keeps_deferring_to_the_limit_of_deferrals(make_agreement):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1), weekly=D("1000"), limit=D("30000"),
                               interest_counts=False)
    accrual_run(on=dt.date(2024, 12, 31))
    assert sum(AccrualPosting.objects.filter(agreement=agreement, kind="deferral")
               .values_list("amount", flat=True)) == D("30000.00")


def test_the_projected_limit_date_is_stored(make_agreement):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1), weekly=D("500"), limit=D("60000"))
    accrual_run(on=dt.date(2024, 3, 1))
    position = EquityPosition.objects.get(agreement=agreement)
    # about 120 weeks of £500 less the interest counted: some time in 2026
    assert dt.date(2025, 12, 1) < position.limit_reached_on < dt.date(2026, 5, 1)
    assert "Projected to reach the limit" in position.working


def test_a_missing_rate_stops_interest_and_tells_a_team_leader_once(make_agreement, dp_leader):
    agreement = make_agreement(starts_on=dt.date(2025, 1, 1))
    summary = accrual_run(on=dt.date(2026, 1, 3))  # 2025 H2 has no published rate in the seed data
    assert summary["missing_rate_from"] == "2025-07-01"
    assert list(AccrualPosting.objects.filter(agreement=agreement, kind="interest").values_list("starts_on", flat=True)) \
        == [dt.date(2025, 1, 1)]
    assert AccrualPosting.objects.filter(agreement=agreement, kind="deferral", posted_on__gt=dt.date(2025, 7, 1)).exists()
    notice = MissingRateNotice.objects.get()
    assert notice.starts_on == dt.date(2025, 7, 1) and notice.task.assigned_to == dp_leader
    accrual_run(on=dt.date(2026, 1, 4))
    assert MissingRateNotice.objects.count() == 1
    assert Task.objects.filter(title__startswith="Enter the deferred payment interest rate").count() == 1
    # The leader enters it; the next run posts the interest held back.
    national_rate_record(acting_user=dp_leader, starts_on=dt.date(2025, 7, 1), annual_rate=D("4.00"),
                         source="Test", reason="Published")
    accrual_run(on=dt.date(2026, 1, 5))
    assert AccrualPosting.objects.get(agreement=agreement, kind="interest", starts_on=dt.date(2025, 7, 1)).annual_rate \
        == D("4.0000")


def test_a_fixed_rate_agreement_uses_its_own_rate(make_agreement):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1), rate_kind="fixed", fixed_rate=D("2.5"))
    accrual_run(on=dt.date(2024, 7, 2))
    assert AccrualPosting.objects.get(agreement=agreement, kind="interest").annual_rate == D("2.5")


def test_an_agreement_not_active_defers_nothing(make_agreement):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1), status="approved")
    accrual_run(on=dt.date(2024, 8, 1))
    assert not AccrualPosting.objects.filter(agreement=agreement).exists()


def test_a_payment_by_another_part_reduces_the_interest(make_agreement, dp_leader):
    from ledger.receivables import council_bank_account
    from ledger.services import PostingLine, transaction_post

    paid = make_agreement(starts_on=dt.date(2024, 1, 1), weekly=D("1000"))
    unpaid = make_agreement(starts_on=dt.date(2024, 1, 1), weekly=D("1000"))
    accrual_run(on=dt.date(2024, 3, 1))
    bank = council_bank_account(acting_user=dp_leader)
    transaction_post(acting_user=dp_leader, effective_date=dt.date(2024, 3, 2), kind="receipt",
                     idempotency_key="test-dpa-payment", memo="Part payment",
                     postings=[PostingLine(bank, D("5000")), PostingLine(paid.debt_account, D("-5000"))])
    accrual_run(on=dt.date(2024, 7, 1))
    a = AccrualPosting.objects.get(agreement=paid, kind="interest").amount
    b = AccrualPosting.objects.get(agreement=unpaid, kind="interest").amount
    assert a < b
