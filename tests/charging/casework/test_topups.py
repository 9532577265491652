"""Top-up agreements, their four-weekly invoices and the follow-up of missed payments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings

from charging.casework.services import topups
from charging.casework.choices import TopUpInvoiceStatus, TopUpStatus
from charging.casework.models import TopUpInvoice
from charging.casework.tasks import topup_invoices_four_weekly, topups_follow_up_daily
from core.context import acting_as_job
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.models import JobRun
from people.choices import TaskStatus
from people.models import Task
from people.selectors import today
from tests.charging.casework import fixtures
from tests.charging.casework.fixtures import row_counts
from tests.factories import ContactFactory

agreement, daughter = fixtures.agreement, fixtures.daughter  # fixtures used by these tests

pytestmark = pytest.mark.django_db
D = Decimal


def raise_for(start: dt.date, user) -> dict:
    return topups.topup_invoices_raise(acting_user=user, period_start=start,
                                       period_end=start + dt.timedelta(days=27))


# --- the pro-rata rule ----------------------------------------------------------------------------

@pytest.mark.parametrize(("weekly", "days", "expected"), [
    ("75.50", 28, "302.00"),   # a whole period is exactly four weeks
    ("75.50", 7, "75.50"),
    ("75.50", 1, "10.79"),     # 10.7857... to the penny
    ("100.00", 10, "142.86"),  # 142.857... halves up
    ("0.07", 1, "0.01"),
])
def test_pro_rata_is_the_weekly_amount_times_days_over_seven_to_the_penny(weekly, days, expected):
    assert topups.pro_rata(weekly_amount=D(weekly), days=days) == D(expected)


# --- agreements -----------------------------------------------------------------------------------

def test_a_third_party_agreement_waits_for_the_signed_agreement(charging_client, daughter, other_officer):
    made = topups.topup_agreement_create(
        acting_user=other_officer, client=charging_client, payer_kind="third_party", payer=daughter,
        weekly_amount="60.00", start_date=today(), provider_name="Beech House Care Home")
    assert made.status == TopUpStatus.AWAITING_AGREEMENT and made.agreement_signed_on is None
    assert made.history.first().history_change_reason == "New top-up agreement"
    signed = topups.topup_agreement_sign(acting_user=other_officer, agreement=made, signed_on=today())
    assert signed.status == TopUpStatus.ACTIVE and signed.agreement_signed_on == today()
    with pytest.raises(ConflictError):
        topups.topup_agreement_sign(acting_user=other_officer, agreement=made, signed_on=today())


def test_a_resident_pays_only_in_a_permitted_case(charging_client, other_officer):
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        topups.topup_agreement_create(acting_user=other_officer, client=charging_client, payer_kind="resident",
                                      weekly_amount="60.00", start_date=today(), provider_name="Beech House")
    assert "12-week property disregard" in refused.value.message
    assert "first_party_case" in refused.value.extra
    assert row_counts() == before
    made = topups.topup_agreement_create(
        acting_user=other_officer, client=charging_client, payer_kind="resident", first_party_case="deferred_payment",
        weekly_amount="60.00", start_date=today(), provider_name="Beech House")
    assert made.payer is None and made.payer_name == "The resident"


@pytest.mark.parametrize(("changes", "field"), [
    ({"payer": None}, "payer"),
    ({"weekly_amount": "0"}, "weekly_amount"),
    ({"weekly_amount": "12.345"}, "weekly_amount"),
    ({"weekly_amount": "lots"}, "weekly_amount"),
    ({"provider_name": ""}, "provider_name"),
    ({"end_date": dt.date(2000, 1, 1)}, "end_date"),
    ({"payer_kind": "nobody"}, "payer_kind"),
])
def test_bad_input_is_refused_with_a_message_and_nothing_is_written(charging_client, daughter, other_officer,
                                                                     changes, field):
    fields = dict(acting_user=other_officer, client=charging_client, payer_kind="third_party", payer=daughter,
                  weekly_amount="60.00", start_date=today(), provider_name="Beech House")
    fields.update(changes)
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        topups.topup_agreement_create(**fields)
    assert field in refused.value.extra and refused.value.message
    assert row_counts() == before


def test_the_payer_must_be_one_of_the_clients_contacts(charging_client, other_officer):
    stranger = ContactFactory(name="Someone Else")
    before = row_counts()
    with pytest.raises(ApplicationError, match="one of the client's contacts"):
        topups.topup_agreement_create(acting_user=other_officer, client=charging_client, payer_kind="third_party",
                                      payer=stranger, weekly_amount="60.00", start_date=today(),
                                      provider_name="Beech House")
    assert row_counts() == before


def test_another_teams_officer_and_an_auditor_are_refused(charging_client, daughter, officer, auditor):
    for user in (officer, auditor):
        with pytest.raises(PermissionDeniedError):
            topups.topup_agreement_create(acting_user=user, client=charging_client, payer_kind="third_party",
                                          payer=daughter, weekly_amount="60.00", start_date=today(),
                                          provider_name="Beech House")


def test_the_database_refuses_an_active_agreement_without_a_signed_date(agreement):
    from django.db import IntegrityError, transaction

    agreement.agreement_signed_on = None
    with pytest.raises(IntegrityError, match="charging_topup_active_needs_signed_agreement"), transaction.atomic():
        agreement.save()


def test_ending_an_agreement(agreement, other_officer):
    ended = topups.topup_agreement_end(acting_user=other_officer, agreement=agreement, end_date=today(),
                                       reason="Moved to another home")
    assert ended.status == TopUpStatus.ENDED and ended.end_date == today()
    with pytest.raises(ConflictError):
        topups.topup_agreement_end(acting_user=other_officer, agreement=agreement, end_date=today(), reason="Again")


# --- invoices -------------------------------------------------------------------------------------

def test_a_whole_period_is_four_weeks_of_top_up_and_running_twice_raises_nothing_more(agreement, charging_leader):
    start = agreement.start_date
    first = raise_for(start, charging_leader)
    assert first == {"raised": 1, "already_raised": 0, "overlapping": 0, "total": "302.00"}
    invoice = TopUpInvoice.objects.get()
    assert (invoice.days, invoice.amount, invoice.status) == (28, D("302.00"), TopUpInvoiceStatus.DUE)
    assert invoice.due_date == start + dt.timedelta(days=27 + topups.PAYMENT_TERMS_DAYS)
    before = row_counts()
    again = raise_for(start, charging_leader)
    assert again["raised"] == 0 and again["already_raised"] == 1
    assert row_counts() == before


def test_a_part_period_is_pro_rata(agreement, charging_leader):
    start = agreement.start_date - dt.timedelta(days=18)  # the agreement covers the last 10 days
    raise_for(start, charging_leader)
    invoice = TopUpInvoice.objects.get()
    assert invoice.days == 10 and invoice.amount == D("107.86")  # 75.50 * 10 / 7 = 107.857...


def test_an_ended_agreement_is_invoiced_up_to_its_end(agreement, charging_leader, other_officer):
    topups.topup_agreement_end(acting_user=other_officer, agreement=agreement,
                               end_date=agreement.start_date + dt.timedelta(days=2), reason="Died")
    raise_for(agreement.start_date, charging_leader)
    assert TopUpInvoice.objects.get().days == 3


def test_an_agreement_waiting_for_its_signature_is_not_invoiced(charging_client, daughter, other_officer,
                                                                charging_leader):
    topups.topup_agreement_create(acting_user=other_officer, client=charging_client, payer_kind="third_party",
                                  payer=daughter, weekly_amount="60.00", start_date=today() - dt.timedelta(days=30),
                                  provider_name="Beech House")
    assert raise_for(today() - dt.timedelta(days=28), charging_leader)["raised"] == 0


def test_an_overlapping_period_is_not_invoiced_twice(agreement, charging_leader):
    raise_for(agreement.start_date, charging_leader)
    summary = raise_for(agreement.start_date + dt.timedelta(days=7), charging_leader)
    assert summary["overlapping"] == 1 and TopUpInvoice.objects.count() == 1


@pytest.mark.parametrize(("start", "end"), [
    (dt.date(2026, 1, 10), dt.date(2026, 1, 9)),
    (dt.date(2026, 1, 1), dt.date(2026, 1, 29)),  # 29 days
])
def test_a_bad_period_is_refused(agreement, charging_leader, start, end):
    before = row_counts()
    with pytest.raises(ApplicationError):
        topups.topup_invoices_raise(acting_user=charging_leader, period_start=start, period_end=end)
    assert row_counts() == before


def test_only_a_team_leader_or_a_job_raises_invoices(agreement, other_officer, auditor):
    for user in (other_officer, auditor, None):
        with pytest.raises(PermissionDeniedError):
            raise_for(agreement.start_date, user)
    with acting_as_job("topup-invoices"):
        assert raise_for(agreement.start_date, None)["raised"] == 1
    assert TopUpInvoice.objects.get().raised_by.username == settings.SYSTEM_USERNAME


def test_the_four_weekly_task_runs_once_per_period(agreement):
    period = agreement.start_date.isoformat()
    first = topup_invoices_four_weekly(period)
    second = topup_invoices_four_weekly(period)
    assert first["raised"] == 1 and second["raised"] == 1  # the second is the first run's record
    assert TopUpInvoice.objects.count() == 1
    assert JobRun.objects.filter(job="topup-invoices").count() == 1


def test_recording_a_payment(agreement, charging_leader, other_officer):
    raise_for(agreement.start_date, charging_leader)
    invoice = TopUpInvoice.objects.get()
    before = row_counts()
    with pytest.raises(ApplicationError, match="full amount"):
        topups.topup_invoice_record_payment(acting_user=other_officer, invoice=invoice, paid_on=today(),
                                            amount_paid="300.00")
    assert row_counts() == before
    paid = topups.topup_invoice_record_payment(acting_user=other_officer, invoice=invoice, paid_on=today(),
                                               amount_paid="302.00")
    assert paid.status == TopUpInvoiceStatus.PAID and paid.amount_paid == D("302.00")
    with pytest.raises(ConflictError):
        topups.topup_invoice_record_payment(acting_user=other_officer, invoice=invoice, paid_on=today(),
                                            amount_paid="302.00")


# --- following up missed payments -----------------------------------------------------------------

@pytest.fixture
def overdue_invoice(agreement, charging_leader):
    """An invoice due exactly :data:`MISSED_AFTER_DAYS` days before today, unpaid."""
    raise_for(agreement.start_date, charging_leader)
    invoice = TopUpInvoice.objects.get()
    TopUpInvoice.objects.filter(pk=invoice.pk).update(
        due_date=today() - dt.timedelta(days=topups.MISSED_AFTER_DAYS))
    invoice.refresh_from_db()
    return invoice


def test_a_missed_top_up_gives_the_charging_officer_one_task(overdue_invoice, other_officer):
    summary = topups.topups_follow_up(today())
    assert summary == {"marked_missed": 1, "tasks_created": 1, "no_officer": 0}
    overdue_invoice.refresh_from_db()
    assert overdue_invoice.status == TopUpInvoiceStatus.MISSED
    task = overdue_invoice.follow_up_task
    assert task.assigned_to == other_officer and task.client_id == overdue_invoice.agreement.client_id
    assert task.status == TaskStatus.OPEN and task.subject == overdue_invoice
    assert "remains liable" in task.details
    before = row_counts()
    assert topups.topups_follow_up(today()) == {"marked_missed": 0, "tasks_created": 0, "no_officer": 0}
    assert topups.topups_follow_up(today() + dt.timedelta(days=1))["tasks_created"] == 0
    assert row_counts() == before


def test_an_invoice_not_yet_late_enough_is_left_alone(overdue_invoice):
    before = row_counts()
    assert topups.topups_follow_up(today() - dt.timedelta(days=1))["marked_missed"] == 0
    assert row_counts() == before


def test_a_paid_invoice_is_never_followed_up(overdue_invoice, other_officer):
    topups.topup_invoice_record_payment(acting_user=other_officer, invoice=overdue_invoice, paid_on=today(),
                                        amount_paid=overdue_invoice.amount)
    assert topups.topups_follow_up(today())["tasks_created"] == 0


def test_the_daily_task_runs_the_follow_up_once_a_day(overdue_invoice):
    period = today().isoformat()
    first = topups_follow_up_daily(period)
    second = topups_follow_up_daily(period)
    assert first["status"] == "succeeded" and first["tasks_created"] == 1
    assert second == first
    assert Task.objects.filter(title__startswith="Follow up missed top-up").count() == 1
    run = JobRun.objects.get(job="topups-follow-up", period=period)
    assert run.attempts == 1
    task = Task.objects.get(title__startswith="Follow up missed top-up")
    assert "topups-follow-up" in task.history.first().history_change_reason


def test_recording_a_missed_payment_follows_it_up_at_once_and_once(agreement, charging_leader, other_officer):
    raise_for(agreement.start_date, charging_leader)
    invoice = TopUpInvoice.objects.get()
    missed = topups.topup_invoice_record_missed(acting_user=other_officer, invoice=invoice,
                                                reason="Direct debit cancelled")
    assert missed.status == TopUpInvoiceStatus.MISSED and missed.follow_up_task.assigned_to == other_officer
    with pytest.raises(ConflictError):
        topups.topup_invoice_record_missed(acting_user=other_officer, invoice=invoice, reason="Again")
    TopUpInvoice.objects.filter(pk=invoice.pk).update(due_date=today() - dt.timedelta(days=60))
    assert topups.topups_follow_up(today())["tasks_created"] == 0
    assert Task.objects.filter(title__startswith="Follow up missed top-up").count() == 1


def test_with_no_officer_the_team_leader_follows_up(overdue_invoice, charging_leader):
    from people.models import Allocation

    Allocation.objects.filter(client=overdue_invoice.agreement.client).update(officer=None)
    topups.topups_follow_up(today())
    overdue_invoice.refresh_from_db()
    assert overdue_invoice.follow_up_task.assigned_to == charging_leader


def test_the_daily_task_invoices_each_ended_charging_period_once(agreement):
    from charging.casework.tasks import topup_invoices_daily
    from charging.run.periods import period_containing

    started = period_containing(agreement.start_date)
    on = started.next().next().end  # two more whole periods after the one the agreement starts in
    first = topup_invoices_daily(on.isoformat())
    again = topup_invoices_daily(on.isoformat())

    invoices = list(TopUpInvoice.objects.order_by("period_start"))
    assert [i.period_start for i in invoices] == [started.start, started.next().start, started.next().next().start]
    assert invoices[1].amount == D("302.00")  # four whole weeks at £75.50
    assert len(first) >= 3 and again == {}
