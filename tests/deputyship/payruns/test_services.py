"""Payment runs: built from approved requests, checked (funds with the run's other lines, bank details, the
order's limit, nothing twice), approved by a second person, written as files and posted once; a rejected
line reversed."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError, PermissionDeniedError
from deputyship.authority.choices import Action
from deputyship.authority.services import court_permission_record
from deputyship.payruns import services
from deputyship.payruns.choices import LineStatus, RunStatus
from deputyship.payruns.models import PaymentRun, PaymentRunLine
from deputyship.schedule import services as schedule
from deputyship.schedule.choices import RequestStatus
from deputyship.schedule.models import PaymentRequest
from ledger.choices import MoneyOutCategory, PaymentStatus, TransactionKind
from ledger.models import Payment, Transaction
from ledger.selectors import available_funds
from people.selectors import today
from tests.deputyship.payruns.bacs_reader import read

pytestmark = pytest.mark.django_db


@pytest.fixture
def ask(officer, checker, north_client, order):
    """An approved one-off request (approved by the second person when it needs one)."""
    def do(amount, payee="Oak Lodge Care Home", *, sort="309457", account="00123456", reference="OCT FEES",
           client=None, due_on=None):
        made = schedule.payment_request_create(
            acting_user=officer, client=client or north_client, payee=payee, payee_sort_code=sort,
            payee_account_number=account, amount=Decimal(amount), category=MoneyOutCategory.CARE_FEES,
            due_on=due_on or today(), reference=reference)
        if made.status == RequestStatus.AWAITING_APPROVAL:
            made = schedule.payment_request_approve(acting_user=checker, request=made)
        return made
    return do


def _build(user):
    return services.payment_run_build(acting_user=user, pay_on=today() + dt.timedelta(days=1))


def test_a_clean_run_is_approved_by_a_second_person_written_and_posted_once(officer, team_leader, north_client,
                                                                             pooled_details, fund, ask):
    fund(north_client, "2000.00")
    first = ask("1234.56")
    second = ask("32.10", "Anglian Water", sort="200415", account="38290008", reference="WTR 55120")
    run = _build(officer)
    assert (run.status, run.line_count, run.total) == (RunStatus.CHECKED, 2, Decimal("1266.66"))
    assert set(PaymentRequest.objects.values_list("status", flat=True)) == {RequestStatus.IN_RUN}

    with pytest.raises(PermissionDeniedError):
        services.payment_run_approve(acting_user=officer, run=run)  # the preparer
    approved = services.payment_run_approve(acting_user=team_leader, run=run)
    assert approved.status == RunStatus.APPROVED and approved.approved_by == team_leader

    rows = read(approved.bacs_file)
    assert [(r["dest_sort"], r["code"], r["amount"]) for r in rows] == [
        ("309457", "99", Decimal("1234.56")), ("200415", "99", Decimal("32.10")), ("600000", "17", Decimal("1266.66"))]
    csv_rows = list(csv.reader(io.StringIO(approved.csv_file)))
    assert [row[3] for row in csv_rows] == ["1234.56", "32.10"]

    payments = Payment.objects.filter(idempotency_key__startswith=f"deputyship-payrun:{run.pk}:")
    assert payments.count() == 2
    assert {p.status for p in payments} == {PaymentStatus.POSTED, PaymentStatus.RELEASED}  # the large one released
    assert available_funds(client=north_client) == Decimal("733.34")
    assert set(PaymentRequest.objects.values_list("status", flat=True)) == {RequestStatus.PAID}

    # Again: nothing posted twice, the files unchanged.
    again = services.payment_run_approve(acting_user=team_leader, run=run)
    assert again.bacs_sha256 == approved.bacs_sha256
    assert Payment.objects.count() == 2 and available_funds(client=north_client) == Decimal("733.34")
    assert Transaction.objects.filter(kind=TransactionKind.PAYMENT).count() == 2
    assert first.pk != second.pk


def test_the_database_refuses_an_approval_by_the_preparer(officer, team_leader, north_client, pooled_details,
                                                          fund, ask):
    fund(north_client, "100.00")
    ask("10.00")
    run = _build(officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRun.objects.filter(pk=run.pk).update(approved_by=officer)
    with pytest.raises(IntegrityError), transaction.atomic():  # approved without its files
        PaymentRun.objects.filter(pk=run.pk).update(status=RunStatus.APPROVED, approved_by=team_leader,
                                                   approved_at=run.prepared_at)


def test_funds_are_checked_with_the_runs_other_lines_for_the_client(officer, team_leader, north_client,
                                                                    pooled_details, fund, ask):
    fund(north_client, "100.00")
    ask("60.00")
    ask("50.00", "Anglian Water", sort="200415", account="38290008")
    run = _build(officer)
    assert run.status == RunStatus.PREPARED
    lines = list(run.lines.order_by("id"))
    assert lines[0].problems == []
    assert lines[1].problems == ["Margaret Thornton has £100.00 available; with the run's other payments for them "
                                 "this needs £110.00."]
    with pytest.raises(ApplicationError, match="problems to resolve"):
        services.payment_run_approve(acting_user=team_leader, run=run)
    assert not Payment.objects.exists()
    services.payment_run_line_remove(acting_user=officer, line=lines[1], reason="Not enough money this week")
    run.refresh_from_db()
    assert (run.status, run.line_count, run.total) == (RunStatus.CHECKED, 1, Decimal("60.00"))
    assert PaymentRequest.objects.get(pk=lines[1].payment_request_id).status == RequestStatus.APPROVED
    services.payment_run_approve(acting_user=team_leader, run=run)
    assert available_funds(client=north_client) == Decimal("40.00")


def test_a_payment_over_the_orders_limit_needs_the_courts_permission(officer, team_leader, checker, north_client,
                                                                     order, pooled_details, fund, ask):
    fund(north_client, "9000.00")
    made = ask("4000.00")
    PaymentRequest.objects.filter(pk=made.pk).update(amount=Decimal("5500.00"))  # as if the order's limit fell
    run = _build(officer)
    line = run.lines.get()
    assert line.problems == ["A payment over £5,000.00 is outside the order COP 1234567: record the court's "
                             "permission first."]
    court_permission_record(acting_user=officer, authority=order, action=Action.PAYMENT, granted_on=today(),
                            reference="COP 1234567/P2", details="Pay the care home", amount=Decimal("6000.00"))
    run = services.payment_run_check(acting_user=officer, run=run)
    assert run.status == RunStatus.CHECKED and run.lines.get().problems == []


def test_nothing_twice_in_one_run(officer, team_leader, checker, north_client, pooled_details, fund, ask):
    fund(north_client, "500.00")
    ask("75.00")
    ask("75.00")  # the same again: held as a duplicate, approved by the second person, but not both in one run
    run = _build(officer)
    problems = [line.problems for line in run.lines.order_by("id")]
    assert problems[0] == [] and "Possibly paid twice" in problems[1][0]
    line = run.lines.order_by("id").last()
    with pytest.raises(IntegrityError), transaction.atomic():  # a request in two live lines
        PaymentRunLine.objects.create(run=run, payment_request=line.payment_request, client=north_client, payee="x",
                                      payee_sort_code="309457", payee_account_number="00123456", amount=1,
                                      category="care_fees")


def test_bad_bank_details_never_reach_a_run(officer, north_client, order):
    with pytest.raises(ApplicationError) as refused:
        schedule.payment_request_create(acting_user=officer, client=north_client, payee="Payee",
                                        payee_sort_code="3094577", payee_account_number="0012345X",
                                        amount=Decimal("5.00"), category=MoneyOutCategory.CARE_FEES, due_on=today())
    assert "sort code" in refused.value.message.lower() or "6 digits" in refused.value.message
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRequest.objects.create(client=north_client, due_on=today(), payee="x", payee_sort_code="30945",
                                      payee_account_number="00123456", amount=1, category="care_fees",
                                      status="approved", requested_by=officer)


def test_without_the_pooled_accounts_details_the_run_cannot_be_approved(officer, team_leader, north_client, fund,
                                                                        ask):
    fund(north_client, "100.00")
    ask("10.00")
    run = _build(officer)
    assert run.status == RunStatus.PREPARED and "sort code and account number are not recorded" in run.problems[0]
    with pytest.raises(ApplicationError):
        services.payment_run_approve(acting_user=team_leader, run=run)


def test_a_line_the_bank_rejects_is_reversed_and_its_request_reopened(officer, team_leader, north_client,
                                                                      pooled_details, fund, ask):
    fund(north_client, "200.00")
    ask("80.00")
    run = services.payment_run_approve(acting_user=team_leader, run=_build(officer))
    line = run.lines.get()
    assert available_funds(client=north_client) == Decimal("120.00")
    rejected = services.payment_run_line_reject(acting_user=officer, line=line, reason="Account closed", reopen=True)
    assert rejected.status == LineStatus.REJECTED
    assert rejected.reversal.reverses == line.payment.transaction
    assert available_funds(client=north_client) == Decimal("200.00")
    assert PaymentRequest.objects.get(pk=line.payment_request_id).status == RequestStatus.APPROVED
    # Recording it again changes nothing.
    services.payment_run_line_reject(acting_user=officer, line=line, reason="Account closed", reopen=True)
    assert Transaction.objects.filter(kind=TransactionKind.REVERSAL).count() == 1
    # The reopened request goes in the next run, and is paid once more.
    later = services.payment_run_approve(acting_user=team_leader, run=_build(officer))
    assert later.lines.get().payment_request_id == line.payment_request_id
    assert available_funds(client=north_client) == Decimal("120.00")


def test_a_rejected_line_can_cancel_its_request(officer, team_leader, north_client, pooled_details, fund, ask):
    fund(north_client, "200.00")
    ask("80.00")
    run = services.payment_run_approve(acting_user=team_leader, run=_build(officer))
    services.payment_run_line_reject(acting_user=officer, line=run.lines.get(), reason="Payee unknown", reopen=False)
    assert PaymentRequest.objects.get().status == RequestStatus.CANCELLED
    with pytest.raises(ApplicationError, match="no approved payments"):
        _build(officer)


def test_only_the_clients_team_builds_their_run(other_officer, officer, north_client, pooled_details, fund, ask):
    fund(north_client, "100.00")
    ask("10.00")
    with pytest.raises(PermissionDeniedError):
        _build(other_officer)  # charging, not client affairs


def test_a_client_who_has_died_is_not_paid(officer, team_leader, north_client, pooled_details, fund, ask):
    """Payment runs ask the death rule too: after a death, only funeral costs with the executor's consent and
    the estate's release on a grant are paid."""
    from deputyship.death.choices import NotifiedHow
    from deputyship.death.services import death_record

    fund(north_client, "2000.00")
    ask("812.40")
    death_record(acting_user=officer, client=north_client, died_on=today() - dt.timedelta(days=1),
                 notified_on=today(), notified_how=NotifiedHow.CARE_HOME)
    run = _build(officer)
    line = run.lines.get()
    assert run.status == RunStatus.PREPARED
    assert any("the account is frozen except for funeral costs" in problem for problem in line.problems)
    with pytest.raises(ApplicationError, match="problems to resolve"):
        services.payment_run_approve(acting_user=team_leader, run=run)


def test_a_payee_whose_details_fail_the_modulus_check_holds_the_run_until_taken_out(officer, north_client,
                                                                                     pooled_details, fund, ask):
    fund(north_client, "500.00")
    ask("20.00", "Credit union", sort="000000", account="12345678")  # not in Pay.UK's table: cannot be checked
    # details recorded before modulus checking (the request services refuse them now)
    PaymentRequest.objects.create(client=north_client, due_on=today(), payee="Mistyped", payee_sort_code="089999",
                                  payee_account_number="66374959", amount=Decimal("10.00"), category="care_fees",
                                  status="approved", requested_by=officer)
    run = _build(officer)
    assert run.status == RunStatus.PREPARED
    problems = {line.payee: line.problems for line in run.lines.all()}
    assert problems == {"Credit union": [], "Mistyped": [
        "Payee's bank details: The sort code and account number do not match: check them with the payee."]}
    services.payment_run_line_remove(acting_user=officer, line=run.lines.get(payee="Mistyped"),
                                     reason="Account number to be checked with the payee")
    run.refresh_from_db()
    assert run.status == RunStatus.CHECKED and run.line_count == 1
