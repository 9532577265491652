"""Ending: the settlement figure against an independent calculation, the 90 days after death, money
received posted once, part-payments, settling at nil with the final letter and the charge's removal."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest

from core.exceptions import ApplicationError
from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.ending.models import Repayment
from deferred_payments.ending.services import ending_record, repayment_record
from deferred_payments.ending.settlement import settlement_figure
from ledger.choices import TransactionKind
from ledger.receivables import charging_income_account
from ledger.selectors import account_balance
from ledger.services import PostingLine, transaction_post
from people.selectors import today
from tests.deferred_payments.case_fixtures import apply, to_active

D = Decimal


@pytest.fixture
def active(dpa_officer, dpa_leader, dpa_client, dpa_home, dpa_policy):
    application = apply(officer=dpa_officer, client=dpa_client, home=dpa_home)
    return to_active(officer=dpa_officer, leader=dpa_leader, application=application)


def defer(user, agreement, amount, on):
    """A deferred amount on the debt account, as the weekly deferral job posts it."""
    return transaction_post(acting_user=user, effective_date=on, kind=TransactionKind.CHARGE, memo="Deferred",
                            idempotency_key=f"test-defer-{agreement.pk}-{on}-{amount}",
                            postings=[PostingLine(agreement.debt_account, D(amount)),
                                      PostingLine(charging_income_account(acting_user=user), -D(amount))])


def independent_daily(amount: Decimal, days: int, rate: Decimal) -> Decimal:
    """Compound daily at rate/365 for ``days`` days on ``amount``, rounded once to the penny."""
    with localcontext() as ctx:
        ctx.prec = 50
        grown = amount * (1 + rate / 100 / 365) ** days
        return (grown - amount).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def ten_days_interest(amount: Decimal, started: dt.date, rate: Decimal) -> Decimal:
    """Interest on ``amount`` for the ten days from ``started``, independently: in one piece, or in two when a
    six-month end (30 June or 31 December) falls within them (the calculator posts at each, and the second piece
    bears interest on the first)."""
    last = started + dt.timedelta(days=9)
    half_end = dt.date(started.year, 6, 30) if started.month <= 6 else dt.date(started.year, 12, 31)
    if last <= half_end:
        return independent_daily(amount, 10, rate)
    first_days = (half_end - started).days + 1
    first = independent_daily(amount, first_days, rate)
    return first + independent_daily(amount + first, 10 - first_days, rate)


def test_ten_days_interest_splits_at_a_six_month_end():
    """The independent calculation itself, on fixed dates either side of 30 June."""
    assert ten_days_interest(D("1000.00"), dt.date(2026, 6, 1), D("4.25")) == D("1.16")
    first = independent_daily(D("1000.00"), 5, D("4.25"))  # 26 to 30 June
    assert first == D("0.58")
    assert ten_days_interest(D("1000.00"), dt.date(2026, 6, 26), D("4.25")) == first + independent_daily(
        D("1000.58"), 5, D("4.25"))


def test_the_settlement_figure_matches_an_independent_calculation(dpa_officer, active):
    defer(dpa_officer, active, "650.00", today())
    as_at = today() + dt.timedelta(days=30)  # a projection: paid then, 30 days' interest (today to the day before)
    # One piece unless the 30 days cross 30 June or 31 December (the calculator posts at each).
    half_end = dt.date(today().year, 6, 30) if today().month <= 6 else dt.date(today().year, 12, 31)
    figure = settlement_figure(active, as_at=as_at)
    if as_at - dt.timedelta(days=1) <= half_end:
        assert figure.interest_to_date == independent_daily(D("650.00"), 30, D("4.25"))
    else:
        first_days = (half_end - today()).days + 1
        first = independent_daily(D("650.00"), first_days, D("4.25"))
        second = independent_daily(D("650.00") + first, 30 - first_days, D("4.25"))
        assert figure.interest_to_date == first + second
    assert figure.figure == D("650.00") + figure.interest_to_date
    assert figure.posted_balance == D("650.00") and figure.interest_unposted == figure.interest_to_date


def test_a_part_payment_reduces_the_debt_and_the_interest(dpa_officer, active):
    defer(dpa_officer, active, "1000.00", today())
    before = settlement_figure(active, as_at=today() + dt.timedelta(days=60))
    repayment_record(acting_user=dpa_officer, agreement=active, kind="part_payment", amount="400.00",
                     received_on=today(), reference="BACS 1001")
    after = settlement_figure(active, as_at=today() + dt.timedelta(days=60))
    assert after.payments == D("-400.00")
    assert after.interest_to_date < before.interest_to_date
    assert account_balance(account=active.debt_account) == D("600.00")
    active.refresh_from_db()
    assert active.status == AgreementStatus.ACTIVE


def test_a_receipt_is_posted_once_and_a_different_one_under_the_same_reference_refused(dpa_officer, active):
    defer(dpa_officer, active, "1000.00", today())
    first = repayment_record(acting_user=dpa_officer, agreement=active, kind="part_payment", amount="100.00",
                             received_on=today(), reference="CHQ 77")
    again = repayment_record(acting_user=dpa_officer, agreement=active, kind="part_payment", amount="100.00",
                             received_on=today(), reference="CHQ 77")
    assert again.pk == first.pk and Repayment.objects.count() == 1
    with pytest.raises(ApplicationError):
        repayment_record(acting_user=dpa_officer, agreement=active, kind="part_payment", amount="99.00",
                         received_on=today(), reference="CHQ 77")
    assert account_balance(account=active.debt_account) == D("900.00")


@pytest.mark.parametrize("amount, received, field", [
    ("0", 0, "amount"), ("-5", 0, "amount"), ("10.001", 0, "amount"), ("10", 1, "received_on")])
def test_bad_receipts_are_refused_and_change_nothing(dpa_officer, active, amount, received, field):
    with pytest.raises(ApplicationError) as refused:
        repayment_record(acting_user=dpa_officer, agreement=active, kind="proceeds", amount=amount,
                         received_on=today() + dt.timedelta(days=received), reference="X")
    assert field in refused.value.extra
    assert not Repayment.objects.exists()


def test_after_death_the_debt_falls_due_in_90_days_with_a_task_before(dpa_officer, active):
    died = today()
    ending = ending_record(acting_user=dpa_officer, agreement=active, reason="death", event_on=died)
    assert ending.due_on == died + dt.timedelta(days=90)
    assert ending.due_task.due_date == ending.due_on - dt.timedelta(days=14)
    assert "interest continues" in ending.due_task.details
    active.refresh_from_db()
    assert active.status == AgreementStatus.ENDING and active.end_reason == "death"


def test_dates_out_of_order_are_refused(dpa_officer, active):
    with pytest.raises(ApplicationError):
        ending_record(acting_user=dpa_officer, agreement=active, reason="sale",
                      event_on=today() + dt.timedelta(days=1))
    with pytest.raises(ApplicationError):
        ending_record(acting_user=dpa_officer, agreement=active, reason="sale",
                      event_on=active.starts_on - dt.timedelta(days=1))
    active.refresh_from_db()
    assert active.status == AgreementStatus.ACTIVE


def test_proceeds_of_sale_settle_the_agreement_at_nil(dpa_officer, dpa_leader, active):
    from deferred_payments.agreements.models import Agreement

    started = today() - dt.timedelta(days=10)
    Agreement.objects.filter(pk=active.pk).update(starts_on=started)  # as if approved ten days ago
    active.refresh_from_db()
    defer(dpa_officer, active, "1000.00", started)
    ending_record(acting_user=dpa_officer, agreement=active, reason="sale", event_on=today())
    figure = settlement_figure(active, as_at=today())
    assert independent_daily(D("1000.00"), 10, D("4.25")) == D("1.16")  # 1000 x ((1 + 0.0425/365)^10 - 1)
    interest = ten_days_interest(D("1000.00"), started, D("4.25"))
    assert figure.figure == D("1000.00") + interest
    repayment_record(acting_user=dpa_officer, agreement=active, kind="part_payment", amount="500.00",
                     received_on=today(), reference="PART 1")
    active.refresh_from_db()
    assert active.status == AgreementStatus.ENDING
    repayment_record(acting_user=dpa_officer, agreement=active, kind="proceeds", amount=D("500.00") + interest,
                     received_on=today(), reference="COMPLETION 1")
    active.refresh_from_db()
    assert active.status == AgreementStatus.SETTLED and active.ended_on == today()
    assert account_balance(account=active.debt_account) == D("0.00")  # the day's interest posted, then cleared
    ending = active.ending
    assert ending.settled_on == today()
    assert ending.release_task.assigned_to == dpa_leader and "NYK123456" in ending.release_task.details
    assert ending.final_statement.data["figures"]["interest"] == f"£{interest}"


def test_the_settlement_figure_agrees_with_the_interest_the_accrual_run_posts(dpa_officer, active):
    """Once the six-monthly interest is posted, the figure for the next day carries no interest still to post,
    and equals the ledger's balance: the accrual run and the settlement work interest out the same way."""
    from deferred_payments.accrual.services import accrual_run
    from deferred_payments.agreements.models import Agreement
    from deferred_payments.agreements.services import weekly_deferral_record
    from deferred_payments.rates.selectors import half_year_of

    started = today() - dt.timedelta(days=300)
    Agreement.objects.filter(pk=active.pk).update(starts_on=started, deferral_allowed_from=started)
    active.refresh_from_db()
    weekly_deferral_record(acting_user=dpa_officer, agreement=active, effective_from=started, amount="612.50",
                           source="Assessment")
    accrual_run(on=today())
    period_start, _ = half_year_of(today())
    end = period_start - dt.timedelta(days=1)  # the last six-month period that has ended
    figure = settlement_figure(active, as_at=end + dt.timedelta(days=1))
    assert figure.interest_posted > 0
    assert figure.interest_unposted == D("0.00")
    same_day = account_balance(account=active.debt_account, as_at=end + dt.timedelta(days=1)) - \
        account_balance(account=active.debt_account, as_at=end)
    assert figure.figure == account_balance(account=active.debt_account, as_at=end) + same_day
