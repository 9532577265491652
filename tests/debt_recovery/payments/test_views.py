"""The payment pages and API: record, reverse, refunds with a second person, suspense, the rule, plans."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.roles import Role
from debt_recovery.payments.models import Allocation, AllocationPolicy, Payment, Refund, SuspenseReceipt
from debt_recovery.plans.models import PaymentPlan
from debt_recovery.services import debtor_account_open
from people.selectors import today
from tests.factories import TeamMembershipFactory, UserFactory

API = "/api/v1/debt-recovery"


@pytest.fixture
def debtor(debtor_client, debt_officer, ledger):
    account = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Charges due")
    ledger.charge(account.ledger_account, "80.00", today() - dt.timedelta(days=60))
    ledger.charge(account.ledger_account, "80.00", today() - dt.timedelta(days=32))
    return account


def _date(name, value):
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def test_an_officer_records_a_payment_through_the_form_once(client_as, debt_officer, debtor):
    browser = client_as(debt_officer)
    url = f"/debts/debtors/{debtor.pk}/payments/add/"
    bad = browser.post(url, {"amount": "nothing", "method": "card", **_date("received_on", today())})
    assert bad.status_code == 200 and not Payment.objects.exists()
    form = {"amount": "100.00", "method": "cheque", "reference": "CHQ 4410", "token": "abc123",
            **_date("received_on", today())}
    assert browser.post(url, form).status_code == 302
    assert browser.post(url, form).status_code == 302  # submitted twice: recorded once
    payment = Payment.objects.get()
    assert sum(a.amount for a in payment.allocations.all()) == Decimal("100.00")
    page = browser.get(f"/debts/debtors/{debtor.pk}/payments/")
    assert page.status_code == 200 and b"CHQ 4410" in page.content
    reverse = browser.post(f"/debts/payments/{payment.pk}/reverse/", {"reason": "Cheque returned unpaid"})
    assert reverse.status_code == 302
    payment.refresh_from_db()
    assert payment.is_reversed and Allocation.objects.filter(payment=payment, amount__lt=0).count() == 2


def test_the_requester_cannot_approve_their_own_refund_in_the_page_or_the_api(client_as, debt_officer, debt_leader,
                                                                              debt_team, debtor):
    api = client_as(debt_leader)
    paid = api.post(f"{API}/debtors/{debtor.pk}/payments/", {"amount": "200.00", "method": "bank_transfer",
                                                            "received_on": today().isoformat(),
                                                            "idempotency_key": "t-1"}, content_type="application/json")
    assert paid.status_code == 201, paid.content
    asked = api.post(f"{API}/debtors/{debtor.pk}/refunds/", {"amount": "40.00", "reason": "Overpaid"}, content_type="application/json")
    assert asked.status_code == 201
    refund = Refund.objects.get()
    assert api.post(f"{API}/refunds/{refund.pk}/decide/", {"approve": True}, content_type="application/json").status_code == 403
    assert client_as(debt_leader).post(f"/debts/refunds/{refund.pk}/decide/", {"decision": "approve"}).status_code == 403
    assert client_as(debt_officer).post(f"{API}/refunds/{refund.pk}/decide/", {"approve": True},
                                        content_type="application/json").status_code == 403
    refund.refresh_from_db()
    assert refund.status == "requested"
    other = UserFactory(roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=debt_team, user=other, is_leader=True)
    assert client_as(other).post(f"/debts/refunds/{refund.pk}/decide/", {"decision": "approve"}).status_code == 302
    assert client_as(debt_officer).post(f"{API}/refunds/{refund.pk}/pay/").status_code == 200
    refund.refresh_from_db()
    assert refund.status == "paid"


def test_suspense_is_recorded_and_allocated_by_debtor_reference(client_as, debt_officer, debtor):
    browser = client_as(debt_officer)
    assert browser.post("/debts/suspense/add/", {"amount": "45.00", "method": "bank_transfer", "token": "s1",
                                                 "reference": "MUM FEES", **_date("received_on", today())}).status_code == 302
    receipt = SuspenseReceipt.objects.get()
    assert b"MUM FEES" in browser.get("/debts/suspense/").content
    wrong = browser.post(f"/debts/suspense/{receipt.pk}/allocate/", {"debtor_reference": "D999999", "reason": "Phoned"})
    assert wrong.status_code == 200 and not Payment.objects.exists()
    done = browser.post(f"/debts/suspense/{receipt.pk}/allocate/", {"debtor_reference": debtor.reference,
                                                                    "reason": "Daughter phoned"})
    assert done.status_code == 302 and Payment.objects.get().debtor == debtor


def test_only_a_team_leader_changes_the_allocation_rule(client_as, debt_officer, debt_leader):
    assert client_as(debt_officer).post("/debts/allocation-rule/", {"rule": "current_first",
                                                                    "reason": "x"}).status_code == 403
    response = client_as(debt_leader).post("/debts/allocation-rule/", {"rule": "current_first",
                                                                       "reason": "Reminders on current invoices"})
    assert response.status_code == 302 and AllocationPolicy.objects.get().rule == "current_first"
    got = client_as(debt_officer).get(f"{API}/allocation-rule/")
    assert got.json()["rule"] == "current_first"


def test_a_plan_is_agreed_through_the_api(client_as, debt_officer, debtor):
    api = client_as(debt_officer)
    start = (today() + dt.timedelta(days=7)).isoformat()
    unaffordable = api.post(f"{API}/debtors/{debtor.pk}/plans/", {
        "income_expenditure": {"pensions": "900.00", "home_and_contents": "880.00"}, "amount": "40.00",
        "frequency": "monthly", "start_on": start, "method": "card"}, content_type="application/json")
    assert unaffordable.status_code == 400 and not PaymentPlan.objects.exists()
    made = api.post(f"{API}/debtors/{debtor.pk}/plans/", {
        "income_expenditure": {"pensions": "900.00", "home_and_contents": "820.00"}, "amount": "40.00",
        "frequency": "monthly", "start_on": start, "method": "card"}, content_type="application/json")
    assert made.status_code == 201, made.content
    assert [i["amount"] for i in made.json()["instalments"]] == ["40.00"] * 4
    assert api.get(f"{API}/plans/").json()["count"] == 1


def test_a_plan_is_agreed_through_the_form(client_as, debt_officer, debtor):
    browser = client_as(debt_officer)
    url = f"/debts/debtors/{debtor.pk}/plans/add/"
    form = {"ie_pensions": "700.00", "ie_food_and_housekeeping": "650.00", "amount": "10.00", "frequency": "weekly",
            "method": "cash", "grace_days": "14", **_date("start_on", today() + dt.timedelta(days=3))}
    too_much = browser.post(url, {**form, "amount": "15.00"})  # £65.00 a month; the statement leaves £50.00
    assert too_much.status_code == 200 and b"leaves" in too_much.content and not PaymentPlan.objects.exists()
    assert browser.post(url, form).status_code == 302  # £43.33 a month
    plan = PaymentPlan.objects.get()
    assert plan.instalments.count() == 16 and plan.hold.reason == "payment_plan"
    page = browser.get("/debts/plans/?status=in_force")
    assert page.status_code == 200 and debtor.reference.encode() in page.content
