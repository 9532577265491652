"""The payment run pages and the client's *Income and bills* tab, end to end: a bill recorded, its request
made and approved by a second person, a run prepared, refused to its preparer, approved by the team
leader, both files downloaded, a rejected line recorded."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from deputyship.payruns.choices import LineStatus, RunStatus
from deputyship.payruns.models import PaymentRun
from deputyship.schedule.models import PaymentRequest, ScheduledPayment
from deputyship.schedule.services import payment_request_approve, payment_requests_generate
from ledger.models import Payment
from people.selectors import today
from tests.deputyship.payruns.bacs_reader import read

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_from_a_scheduled_bill_to_a_paid_run_and_a_rejection(client_as, officer, checker, team_leader, north_client,
                                                            order, pooled_details, fund):
    fund(north_client, "500.00")
    browser = client_as(officer)
    tab = reverse("deputyship:client-schedule", args=[north_client.pk])
    assert "Income and bills" in _text(browser.get(tab))

    refused = browser.post(reverse("deputyship:scheduled-payment-add", args=[north_client.pk]), {
        "kind": "utility", "payee": "Anglian Water", "payee_sort_code": "20-04", "payee_account_number": "38290008",
        "amount": "32.10", "frequency": "monthly", **_date("first_due_on", today())})
    assert refused.status_code == 200 and "Enter the sort code as 6 digits" in _text(refused)
    assert not ScheduledPayment.objects.exists()
    saved = browser.post(reverse("deputyship:scheduled-payment-add", args=[north_client.pk]), {
        "kind": "utility", "payee": "Anglian Water", "payee_sort_code": "20-04-15", "payee_account_number": "38290008",
        "reference": "WTR 55120", "amount": "32.10", "frequency": "monthly", **_date("first_due_on", today())})
    assert saved.status_code == 302

    payment_requests_generate(on=today())
    made = PaymentRequest.objects.get()
    assert made.status == "awaiting_approval"  # a payee never paid before
    approve = reverse("deputyship:payment-request-approve", args=[made.pk])
    browser.post(approve)
    made.refresh_from_db()
    assert made.status == "awaiting_approval"  # Olivia set it up: not hers to approve
    client_as(checker).post(approve)
    made.refresh_from_db()
    assert made.status == "approved"

    browser = client_as(officer)
    built = browser.post(reverse("deputyship:payment-runs"), _date("pay_on", today()))
    run = PaymentRun.objects.get()
    assert built.status_code == 302 and built.url == reverse("deputyship:payment-run", args=[run.pk])
    page = _text(browser.get(built.url))
    assert "You prepared this run, so someone else must approve it." in page
    browser.post(reverse("deputyship:payment-run-approve", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.CHECKED and not Payment.objects.exists()

    leader = client_as(team_leader)
    assert "Payment runs waiting for your approval" in _text(leader.get(reverse("my-work")))
    leader.post(reverse("deputyship:payment-run-approve", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    bacs = leader.get(reverse("deputyship:payment-run-bacs-file", args=[run.pk]))
    rows = read(bacs.content.decode("ascii"))
    assert [(r["dest_sort"], r["code"], r["amount"]) for r in rows] == [
        ("200415", "99", Decimal("32.10")), ("600000", "17", Decimal("32.10"))]
    csv_file = leader.get(reverse("deputyship:payment-run-csv-file", args=[run.pk]))
    assert csv_file.content.decode().startswith("200415,38290008,ANGLIAN WATER,32.10,99,600000,12345678,")

    line = run.lines.get()
    browser = client_as(officer)
    rejected = browser.post(reverse("deputyship:payment-run-line-reject", args=[line.pk]),
                            {"reason": "Account closed", "reopen": "reopen"})
    assert rejected.status_code == 302
    line.refresh_from_db()
    assert line.status == LineStatus.REJECTED and line.reversal is not None
    assert PaymentRequest.objects.get().status == "approved"


def test_an_auditor_reads_runs_but_cannot_prepare_one(client_as, auditor):
    browser = client_as(auditor)
    assert browser.get(reverse("deputyship:payment-runs")).status_code == 200
    assert browser.post(reverse("deputyship:payment-runs"), _date("pay_on", today())).status_code == 403


def test_the_team_leaders_dashboard_counts_runs_waiting_and_missed_income(client_as, officer, checker, team_leader,
                                                                         north_team, north_client, order,
                                                                         pooled_details, fund):
    from deputyship.payruns.services import payment_run_build
    from deputyship.schedule.services import expected_income_record, income_checks_run, payment_request_create

    fund(north_client, "100.00")
    made = payment_request_create(acting_user=officer, client=north_client, payee="Oak Lodge",
                                  payee_sort_code="309457", payee_account_number="00123456", amount=Decimal("20.00"),
                                  category="care_fees", due_on=today())
    from deputyship.schedule.services import payment_request_approve

    payment_request_approve(acting_user=checker, request=made)
    payment_run_build(acting_user=officer, pay_on=today())
    expected_income_record(acting_user=officer, client=north_client, kind="pip", payer="DWP PIP",
                           amount=Decimal("184.30"), frequency="four_weekly",
                           first_due_on=today() - dt.timedelta(days=10))
    income_checks_run(on=today())
    page = _text(client_as(team_leader).get(reverse("people:team-caseload", args=[north_team.pk])))
    assert re.search(r"Payment runs waiting for approval\s*1", page)
    assert re.search(r"Income missed or different\s*1", page)


def test_the_forms_refuse_details_that_fail_the_modulus_check_and_the_pages_say_when_none_was_possible(
        client_as, officer, checker, north_client, order, pooled_details, fund):
    fund(north_client, "500.00")
    browser = client_as(officer)
    add = reverse("deputyship:scheduled-payment-add", args=[north_client.pk])
    bill = {"kind": "utility", "payee": "Anglian Water", "payee_sort_code": "20-04-15", "reference": "WTR 55120",
            "amount": "32.10", "frequency": "monthly", **_date("first_due_on", today())}
    refused = browser.post(add, {**bill, "payee_account_number": "38290009"})
    assert refused.status_code == 200
    assert "The sort code and account number do not match: check them with the payee" in _text(refused)
    assert not ScheduledPayment.objects.exists()
    assert browser.post(add, {**bill, "payee_account_number": "38290008"}).status_code == 302
    assert browser.post(add, {**bill, "payee": "Credit union", "payee_sort_code": "00-00-00",
                              "payee_account_number": "12345678"}).status_code == 302

    unchecked = "modulus checking table, so the account number could not be checked"
    page = _text(browser.get(reverse("deputyship:client-schedule", args=[north_client.pk])))
    assert page.count(unchecked) == 1  # the credit union's, not Anglian Water's

    payment_requests_generate(on=today())
    for made in PaymentRequest.objects.all():
        payment_request_approve(acting_user=checker, request=made)  # payees never paid before
    browser.post(reverse("deputyship:payment-runs"), _date("pay_on", today() + dt.timedelta(days=40)))
    run = PaymentRun.objects.get()
    page = _text(browser.get(reverse("deputyship:payment-run", args=[run.pk])))
    assert page.count(unchecked) == 1 and run.lines.count() == 2
