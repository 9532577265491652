"""Income and bills on schedule: expected income matched to the bank statement lines, scheduled bills made
into payment requests once per date, unusual payments held for a second person, duplicates caught."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError, PermissionDeniedError
from core.models import JobRun
from deputyship.authority.choices import Action
from deputyship.authority.services import court_permission_record
from deputyship.schedule import services
from deputyship.schedule.choices import Frequency, IncomeCheckOutcome, IncomeKind, RequestStatus
from deputyship.schedule.models import ExpectedIncome, IncomeCheck, PaymentRequest, ScheduledPayment
from deputyship.schedule.tasks import income_checks_daily, payment_requests_daily
from ledger.choices import MoneyInCategory, MoneyOutCategory
from ledger.client_money import client_payment_make
from people.models import Task
from people.selectors import today

pytestmark = pytest.mark.django_db


def _income(officer, client, *, amount="230.25", first=None, frequency=Frequency.WEEKLY, payer="DWP State Pension"):
    return services.expected_income_record(
        acting_user=officer, client=client, kind=IncomeKind.STATE_PENSION, payer=payer, amount=Decimal(amount),
        frequency=frequency, first_due_on=first or today() - dt.timedelta(days=20), tolerance_days=3)


def _bill(officer, client, *, amount="32.10", first=None, frequency=Frequency.MONTHLY, payee="Anglian Water",
          sort="200415", account="38290008"):
    return services.scheduled_payment_record(
        acting_user=officer, client=client, kind="utility", payee=payee, payee_sort_code=sort,
        payee_account_number=account, amount=Decimal(amount), frequency=frequency,
        first_due_on=first or today() + dt.timedelta(days=3), reference="WTR 55120")


# --- expected income ----------------------------------------------------------------------------------

def test_expected_income_takes_its_kinds_category_and_refuses_bad_input_whole(officer, north_client):
    income = _income(officer, north_client)
    assert income.category == MoneyInCategory.STATE_PENSION
    with pytest.raises(ApplicationError) as refused:
        services.expected_income_record(acting_user=officer, client=north_client, kind="lottery", payer="",
                                        amount=Decimal("-1"), frequency="daily", first_due_on=today())
    assert set(refused.value.extra) >= {"kind", "payer", "amount", "frequency"}
    assert ExpectedIncome.objects.count() == 1


def test_income_received_missed_and_different_each_once_with_a_task(officer, north_client, pooled_details,
                                                                     import_statement):
    first = today() - dt.timedelta(days=20)
    pension = _income(officer, north_client, first=first)  # weekly: due at -20, -13, -6 days
    ref = north_client.council_reference
    import_statement([
        (first + dt.timedelta(days=1), f"DWP STATE PENSION {ref}", Decimal("230.25")),   # received, a day late
        (first + dt.timedelta(days=7), f"DWP STATE PENSION {ref}", Decimal("215.00")),   # a different amount
        # nothing for the third date
    ])
    summary = services.income_checks_run(on=today())
    assert summary == {"received": 1, "differs": 1, "missed": 1, "no_officer": 0}
    checks = {c.due_on: c for c in IncomeCheck.objects.filter(expected=pension)}
    assert checks[first].outcome == IncomeCheckOutcome.RECEIVED and checks[first].task is None
    assert checks[first + dt.timedelta(days=7)].outcome == IncomeCheckOutcome.DIFFERS
    assert checks[first + dt.timedelta(days=7)].amount_received == Decimal("215.00")
    assert checks[first + dt.timedelta(days=7)].task.assigned_to == officer
    # The third date (six days ago) is past its three days' allowance: missed.
    assert checks[first + dt.timedelta(days=14)].outcome == IncomeCheckOutcome.MISSED
    assert checks[first + dt.timedelta(days=14)].statement_line is None
    # Run again, today or tomorrow: nothing new.
    assert services.income_checks_run(on=today())["missed"] == 0
    assert services.income_checks_run(on=today() + dt.timedelta(days=1)) == {
        "received": 0, "differs": 0, "missed": 0, "no_officer": 0}
    assert IncomeCheck.objects.count() == 3
    assert Task.objects.filter(client=north_client, title__startswith="Income").count() == 2


def test_income_not_yet_due_past_its_allowance_waits(officer, north_client):
    _income(officer, north_client, first=today() - dt.timedelta(days=2))
    assert services.income_checks_run(on=today()) == {"received": 0, "differs": 0, "missed": 0, "no_officer": 0}
    assert not IncomeCheck.objects.exists()


def test_the_daily_income_job_runs_once_per_day(officer, north_client):
    _income(officer, north_client, first=today() - dt.timedelta(days=10))
    first = income_checks_daily(today().isoformat())
    again = income_checks_daily(today().isoformat())
    assert first["status"] == again["status"] == "succeeded"
    assert JobRun.objects.get(job="deputyship-income-checks", period=today().isoformat()).attempts == 1
    assert IncomeCheck.objects.filter(outcome="missed").count() == 1


# --- scheduled payments -------------------------------------------------------------------------------

def test_scheduled_bills_become_one_request_per_date_and_a_rerun_makes_none(officer, north_client, order):
    bill = _bill(officer, north_client, frequency=Frequency.WEEKLY, amount="25.00", first=today())
    first = payment_requests_daily(today().isoformat())
    assert first["made"] == 2  # today and a week today (within the seven days' lead)
    assert payment_requests_daily(today().isoformat())["made"] == 2  # the job's summary, not run again
    assert JobRun.objects.get(job="deputyship-payment-requests", period=today().isoformat()).attempts == 1
    # Even the service itself, run again for the same day or the next, makes nothing twice.
    assert services.payment_requests_generate(on=today())["made"] == 0
    assert services.payment_requests_generate(on=today() + dt.timedelta(days=1))["made"] == 0
    assert services.payment_requests_generate(on=today() + dt.timedelta(days=7))["made"] == 1
    dates = list(PaymentRequest.objects.filter(scheduled=bill).values_list("due_on", flat=True))
    assert sorted(dates) == [today() + dt.timedelta(days=7 * n) for n in range(3)]
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRequest.objects.create(client=north_client, scheduled=bill, due_on=today(), payee="x",
                                      payee_sort_code="200415", payee_account_number="38290008", amount=1,
                                      category=MoneyOutCategory.WATER, status="approved", requested_by=officer)


def test_a_new_payee_needs_a_second_person_a_weekly_bill_is_not_its_own_duplicate(officer, checker, north_client,
                                                                                   order):
    _bill(officer, north_client, frequency=Frequency.WEEKLY, amount="25.00", first=today())
    services.payment_requests_generate(on=today())
    first, second = PaymentRequest.objects.order_by("due_on")
    assert first.status == RequestStatus.AWAITING_APPROVAL
    assert "never been paid to this bank account" in first.second_person_reasons
    assert "duplicate" not in first.second_person_reasons and "duplicate" not in second.second_person_reasons


def test_over_the_configured_amount_needs_a_second_person(officer, checker, north_client, order, settings):
    settings.DEPUTYSHIP_PAYMENTS = {"SECOND_PERSON_ABOVE": "500.00"}
    made = services.payment_request_create(
        acting_user=officer, client=north_client, payee="Oak Lodge Care Home", payee_sort_code="30-94-57",
        payee_account_number="00123456", amount=Decimal("500.01"), category=MoneyOutCategory.CARE_FEES,
        due_on=today())
    assert made.status == RequestStatus.AWAITING_APPROVAL
    assert "more than £500.00" in made.second_person_reasons
    assert (made.payee_sort_code, made.payee_account_number) == ("309457", "00123456")


def test_the_requester_cannot_approve_in_the_service_nor_in_the_database(officer, checker, north_client, order):
    made = services.payment_request_create(
        acting_user=officer, client=north_client, payee="House Clearance Ltd", payee_sort_code="309457",
        payee_account_number="00123456", amount=Decimal("1500.00"), category=MoneyOutCategory.HOME_MAINTENANCE,
        due_on=today())
    with pytest.raises(PermissionDeniedError):
        services.payment_request_approve(acting_user=officer, request=made)
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRequest.objects.filter(pk=made.pk).update(status="approved", approved_by=officer)
    with pytest.raises(IntegrityError), transaction.atomic():  # no second person at all
        PaymentRequest.objects.filter(pk=made.pk).update(status="approved")
    approved = services.payment_request_approve(acting_user=checker, request=made)
    assert (approved.status, approved.approved_by) == (RequestStatus.APPROVED, checker)


def test_a_payment_like_one_already_made_is_a_possible_duplicate(officer, checker, north_client, order, fund):
    """Shropshire: a £1,500 house clearance paid twice."""
    fund(north_client, "3000.00")
    client_payment_make(acting_user=officer, client=north_client, amount=Decimal("1500.00"), effective_date=today(),
                        category=MoneyOutCategory.HOME_MAINTENANCE, payee="House Clearance Ltd", reference="INV 77",
                        idempotency_key="clearance-1")
    made = services.payment_request_create(
        acting_user=checker, client=north_client, payee="house clearance ltd", payee_sort_code="309457",
        payee_account_number="00123456", amount=Decimal("1500.00"), category=MoneyOutCategory.HOME_MAINTENANCE,
        due_on=today() + dt.timedelta(days=3))
    assert made.status == RequestStatus.AWAITING_APPROVAL
    assert "may be a duplicate of a payment of £1,500.00 to House Clearance Ltd" in made.second_person_reasons


def test_a_statement_line_paying_the_same_amount_is_a_possible_duplicate(officer, north_client, order, fund,
                                                                         pooled_details, import_statement):
    ref = north_client.council_reference
    import_statement([(today() - dt.timedelta(days=3), f"DWP STATE PENSION {ref}", Decimal("900.00")),
                      (today() - dt.timedelta(days=2), f"OAK LODGE {ref}", Decimal("-640.00"))])
    made = services.payment_request_create(
        acting_user=officer, client=north_client, payee="Oak Lodge Care Home", payee_sort_code="309457",
        payee_account_number="00123456", amount=Decimal("640.00"), category=MoneyOutCategory.CARE_FEES,
        due_on=today())
    assert "a bank statement line of £640.00 out" in made.second_person_reasons


def test_bad_bank_details_or_outside_the_order_are_refused_and_nothing_is_written(officer, north_client, order):
    with pytest.raises(ApplicationError) as refused:
        services.payment_request_create(
            acting_user=officer, client=north_client, payee="Anglian Water", payee_sort_code="20-04",
            payee_account_number="1234", amount=Decimal("10.00"), category=MoneyOutCategory.WATER, due_on=today())
    assert set(refused.value.extra) == {"payee_sort_code", "payee_account_number"}
    with pytest.raises(ApplicationError, match="outside the order COP 1234567"):
        services.payment_request_create(
            acting_user=officer, client=north_client, payee="Oak Lodge", payee_sort_code="309457",
            payee_account_number="00123456", amount=Decimal("5000.01"), category=MoneyOutCategory.CARE_FEES,
            due_on=today())
    assert not PaymentRequest.objects.exists()
    court_permission_record(acting_user=officer, authority=order, action=Action.PAYMENT, granted_on=today(),
                            reference="COP 1234567/P1", details="Pay the care home's arrears",
                            amount=Decimal("6000.00"))
    made = services.payment_request_create(
        acting_user=officer, client=north_client, payee="Oak Lodge", payee_sort_code="309457",
        payee_account_number="00123456", amount=Decimal("5000.01"), category=MoneyOutCategory.CARE_FEES,
        due_on=today())
    assert made.amount == Decimal("5000.01")


def test_no_authority_at_all_is_refused(officer, north_client):
    with pytest.raises(ApplicationError, match="no legal authority"):
        services.payment_request_create(
            acting_user=officer, client=north_client, payee="Oak Lodge", payee_sort_code="309457",
            payee_account_number="00123456", amount=Decimal("10.00"), category=MoneyOutCategory.CARE_FEES,
            due_on=today())


def test_another_team_cannot_record_a_clients_schedule(other_officer, north_client):
    with pytest.raises(PermissionDeniedError):
        _income(other_officer, north_client)


def test_a_run_left_half_done_by_a_crash_is_finished_once(officer, north_client, pooled_details, import_statement):
    """The worker died after the first income's check was saved: the next send of the job makes the rest,
    each once."""
    first = today() - dt.timedelta(days=20)
    pension = _income(officer, north_client, first=first)
    rent = _income(officer, north_client, first=first, amount="400.00", frequency=Frequency.MONTHLY,
                   payer="Tenant rent")
    period = today().isoformat()
    JobRun.objects.create(job="deputyship-income-checks", period=period, status="running", attempts=1)
    IncomeCheck.objects.create(expected=pension, client=north_client, due_on=first, outcome="missed",
                               checked_on=today())
    result = income_checks_daily(period)
    assert result["status"] == "succeeded" and result["attempts"] == 2
    assert sorted(IncomeCheck.objects.filter(expected=pension).values_list("due_on", flat=True)) == [
        first, first + dt.timedelta(days=7), first + dt.timedelta(days=14)]
    assert IncomeCheck.objects.filter(expected=rent).count() == 1
    income_checks_daily(period)
    assert IncomeCheck.objects.count() == 4


def test_payee_details_that_fail_the_modulus_check_are_refused_and_nothing_is_written(officer, north_client, order):
    mismatch = "The sort code and account number do not match: check them with the payee."
    # 08-99-99 66374959 is the specification's "fails the modulus 10 check" case
    with pytest.raises(ApplicationError) as refused:
        _bill(officer, north_client, sort="08-99-99", account="66374959")
    assert refused.value.extra == {"payee_account_number": [mismatch]}
    with pytest.raises(ApplicationError) as refused:
        services.payment_request_create(
            acting_user=officer, client=north_client, payee="Oak Lodge", payee_sort_code="309457",
            payee_account_number="00123457", amount=Decimal("10.00"), category=MoneyOutCategory.CARE_FEES,
            due_on=today())
    assert refused.value.extra == {"payee_account_number": [mismatch]}
    assert not ScheduledPayment.objects.exists() and not PaymentRequest.objects.exists()
    # the same sort code with the right number, and a sort code Pay.UK's table does not cover, are taken
    assert _bill(officer, north_client, sort="08-99-99", account="66374958").payee_sort_code == "089999"
    unchecked = services.payment_request_create(
        acting_user=officer, client=north_client, payee="Credit union", payee_sort_code="00-00-00",
        payee_account_number="12345678", amount=Decimal("10.00"), category=MoneyOutCategory.CARE_FEES,
        due_on=today())
    assert (unchecked.payee_sort_code, unchecked.payee_account_number) == ("000000", "12345678")
