"""Court returns: the periods from the order's date, due 56 days after each; reminders and escalation once
per stage; the report's figures from the ledger; ready only when the balance check is explained; the PDF
rendered from the same figures; the submission recorded."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal

import pytest

from core.exceptions import ConflictError, PermissionDeniedError
from core.models import JobRun
from deputyship.authority.services import authority_end
from deputyship.fees.choices import FeeKind
from deputyship.fees.services import fee_charge
from deputyship.returns.choices import EntryKind, ReminderStage, ReturnStatus
from deputyship.returns.models import CourtReturn, ReturnReminder
from deputyship.returns.selectors import ledger_figures, return_figures
from deputyship.returns.services import (
    ReturnError, periods_of, report_entry_add, return_difference_explain, return_mark_ready,
    return_mark_submitted, return_render, returns_make, returns_run,
)
from deputyship.returns.tasks import court_returns_daily
from documents.services import document_render
from ledger.choices import MoneyInCategory, MoneyOutCategory, Purpose
from ledger.models import Account
from ledger.selectors import account_balance
from ledger.services import PostingLine, transaction_post
from people.models import Task

pytestmark = pytest.mark.django_db


def test_periods_run_twelve_months_from_the_order_and_the_last_ends_with_the_deputyship(make_order, today, officer):
    order = make_order(800)
    periods = periods_of(order, on=today)
    assert [(n, s, e) for n, s, e, _ in periods][:2] == [
        (1, order.made_on, order.made_on.replace(year=order.made_on.year + 1) - dt.timedelta(days=1)),
        (2, order.made_on.replace(year=order.made_on.year + 1),
         order.made_on.replace(year=order.made_on.year + 2) - dt.timedelta(days=1))]
    ended = authority_end(acting_user=officer, authority=order, ends_on=today - dt.timedelta(days=5), reason="Died")
    periods = periods_of(ended, on=today)
    assert periods[-1][2] == today - dt.timedelta(days=5) and periods[-1][3] is True


def test_the_job_makes_the_return_and_reminds_once_per_stage(make_order, today, officer, team_leader):
    order = make_order(365 + 20)  # the first period ended 20 days ago: due in 36 days
    summary = returns_run(on=today, acting_user=officer)
    court_return = CourtReturn.objects.get(authority=order)
    assert summary["returns"] == 1 and court_return.due_on == court_return.period_end + dt.timedelta(days=56)
    assert not ReturnReminder.objects.exists()
    returns_run(on=court_return.due_on - dt.timedelta(days=28), acting_user=officer)
    returns_run(on=court_return.due_on - dt.timedelta(days=27), acting_user=officer)
    returns_run(on=court_return.due_on - dt.timedelta(days=14), acting_user=officer)
    returns_run(on=court_return.due_on + dt.timedelta(days=1), acting_user=officer)
    returns_run(on=court_return.due_on + dt.timedelta(days=2), acting_user=officer)
    reminders = {r.stage: r for r in ReturnReminder.objects.select_related("task")}
    assert set(reminders) == {ReminderStage.DAYS_28, ReminderStage.DAYS_14, ReminderStage.OVERDUE}
    assert reminders[ReminderStage.DAYS_28].task.assigned_to == officer
    assert reminders[ReminderStage.OVERDUE].task.assigned_to == team_leader
    assert "Overdue" in reminders[ReminderStage.OVERDUE].task.title
    assert CourtReturn.objects.count() == 1 and Task.objects.count() == 3


def test_a_submitted_return_gets_no_reminder(make_order, today, officer):
    make_order(365 + 10)  # due in 46 days: no reminder yet
    returns_run(on=today, acting_user=officer)
    assert not ReturnReminder.objects.exists()
    CourtReturn.objects.update(status=ReturnStatus.SUBMITTED, submitted_on=today, form="103")
    returns_run(on=today + dt.timedelta(days=60), acting_user=officer)
    assert not ReturnReminder.objects.exists()


def test_the_daily_task_is_exactly_once_per_day(make_order, today):
    make_order(365 + 50)
    court_returns_daily(today.isoformat())
    court_returns_daily(today.isoformat())
    run = JobRun.objects.get(job="court-returns", period=today.isoformat())
    assert run.attempts == 1 and run.summary["returns"] == 1
    assert ReturnReminder.objects.filter(stage=ReminderStage.DAYS_14).count() == 1


@pytest.fixture
def year_of_money(rates, make_order, receive, pay, today, officer):
    """An order made 13 months ago, with money moved through the client account in its first year."""
    order = make_order(365 + 30)
    start = order.made_on
    receive("1250.00", start - dt.timedelta(days=3), MoneyInCategory.SALE_OF_ASSETS)  # before the period
    for n in range(12):
        day = start + dt.timedelta(days=28 * n + 5)
        receive("884.80", day)
        receive("290.00", day, MoneyInCategory.ATTENDANCE_ALLOWANCE)
        pay("812.40", day + dt.timedelta(days=2), MoneyOutCategory.LOCAL_AUTHORITY_CHARGES, payee="The council")
    fee_charge(acting_user=officer, authority=order, kind=FeeKind.ORDER_WORK, year=0, on=start + dt.timedelta(days=40))
    receive("50.00", today)  # after the period
    returns_make(acting_user=officer, authority=order, on=today)
    return CourtReturn.objects.get(authority=order, number=1)


def test_figures_come_from_the_ledger_and_agree_with_its_balances(year_of_money):
    court_return = year_of_money
    figures = return_figures(court_return)
    funds = Account.objects.get(client=court_return.client, purpose=Purpose.CLIENT_FUNDS)
    assert figures.opening == account_balance(account=funds, as_at=court_return.period_start - dt.timedelta(days=1))
    assert figures.closing == account_balance(account=funds, as_at=court_return.period_end)
    # Hand-worked: in 12 × (884.80 + 290.00) = 14,097.60; out 12 × 812.40 + 944.00 = 10,692.80.
    assert (figures.opening, figures.total_in, figures.total_out) == (
        Decimal("1250.00"), Decimal("14097.60"), Decimal("10692.80"))
    assert figures.closing == Decimal("4654.80") and figures.balances and figures.form == "103"
    assert [(i.description, i.value) for i in figures.fees] == [(FeeKind.ORDER_WORK.label, Decimal("944.00"))]


def test_an_unexplained_difference_stops_the_report_being_ready(year_of_money, officer):
    court_return = year_of_money
    funds = Account.objects.get(client=court_return.client, purpose=Purpose.CLIENT_FUNDS)
    bank = Account.objects.get(purpose=Purpose.POOLED_BANK)
    transaction_post(acting_user=officer, effective_date=court_return.period_start + dt.timedelta(days=100),
                     kind="adjustment", memo="Bank correction", idempotency_key="test-uncategorised",
                     postings=[PostingLine(bank, Decimal("12.34")), PostingLine(funds, Decimal("-12.34"))],
                     client_money=True)
    figures = return_figures(court_return)
    assert figures.difference == Decimal("12.34") and not figures.may_be_ready
    with pytest.raises(ReturnError, match="difference of £12.34"):
        return_mark_ready(acting_user=officer, court_return=court_return)
    assert CourtReturn.objects.get(pk=court_return.pk).status == ReturnStatus.DRAFT
    return_difference_explain(acting_user=officer, court_return=court_return,
                              note="The bank corrected a charge; no category in the ledger")
    ready = return_mark_ready(acting_user=officer, court_return=court_return)
    assert ready.status == ReturnStatus.READY and ready.form == "103"


def test_entries_ready_render_and_submit(year_of_money, officer, other_officer, today):
    court_return = year_of_money
    with pytest.raises(ReturnError) as refused:
        report_entry_add(acting_user=officer, court_return=court_return, kind=EntryKind.DECISION, summary="Sold car")
    assert set(refused.value.extra) == {"client_involved", "reason"}
    with pytest.raises(PermissionDeniedError):
        report_entry_add(acting_user=other_officer, court_return=court_return, kind=EntryKind.VISIT, summary="x")
    report_entry_add(acting_user=officer, court_return=court_return, kind=EntryKind.DECISION,
                     summary="Sold her car", reason="She no longer drives", client_involved=True)
    report_entry_add(acting_user=officer, court_return=court_return, kind=EntryKind.ASSET,
                     summary="Premium Bonds", value=Decimal("20000.00"))
    report_entry_add(acting_user=officer, court_return=court_return, kind=EntryKind.ACTION,
                     summary="Review her funeral plan")
    with pytest.raises(ReturnError):
        return_mark_submitted(acting_user=officer, court_return=court_return, submitted_on=today)
    ready = return_mark_ready(acting_user=officer, court_return=court_return)
    assert ready.form == "102"  # £4,654.80 + £20,000 bonds
    document = return_render(acting_user=officer, court_return=court_return)
    document = document_render(document_id=document.pk)
    assert document.status == "ready" and document.data["figures"]["total_in"] == "14097.60"
    text = subprocess.run(["pdftotext", document.file.path, "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("Full report (OPG 102)", "14,097.60", "10,692.80", "4,654.80", "Sold her car",
                     "Review her funeral plan", "Premium Bonds"):
        assert expected in text, expected
    with pytest.raises(ReturnError):
        return_mark_submitted(acting_user=officer, court_return=ready, submitted_on=today + dt.timedelta(days=1))
    done = return_mark_submitted(acting_user=officer, court_return=ready, submitted_on=today, reference="OPG-1")
    assert done.status == ReturnStatus.SUBMITTED and done.submitted_on == today
    with pytest.raises(ConflictError):
        report_entry_add(acting_user=officer, court_return=done, kind=EntryKind.VISIT, summary="late")


def test_bulk_ledger_read_matches_one_by_one(year_of_money, north_client):
    court_return = year_of_money
    period = (court_return.period_start, court_return.period_end)
    bulk = ledger_figures(periods={north_client.pk: period, 999999: period})
    assert bulk[north_client.pk].closing == return_figures(court_return).closing
    assert bulk[999999].closing == Decimal("0.00")
