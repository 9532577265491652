"""The payments and plans demo goes through the services and can be run twice."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from debt_recovery.holds.selectors import is_on_hold
from debt_recovery.payments.choices import RefundStatus
from debt_recovery.payments.models import Payment, Refund, SuspenseReceipt
from debt_recovery.plans.choices import PlanStatus
from debt_recovery.plans.demo import seed_demo_step
from debt_recovery.plans.models import PaymentPlan
from debt_recovery.services import debtor_account_open
from people.models import Task
from people.selectors import today
from tests.factories import ClientFactory


def test_the_demo_shows_each_kind_of_payment_work(debt_team, debt_officer, debt_leader, ledger):
    for n in range(7):
        client = ClientFactory(last_name=f"Demo{n}", team=debt_team, team__officer=debt_officer)
        debtor = debtor_account_open(acting_user=debt_officer, client=client, kind="person", reason="Charges due")
        ledger.charge(debtor.ledger_account, "400.00", today() - dt.timedelta(days=120))
    run = SimpleNamespace(made={"users": {"dev": debt_officer, "joan": debt_leader}}, on=today())
    made = seed_demo_step(run)
    assert made == {"payments": 5, "suspense_receipts": 1, "refunds": 1, "payment_plans": 2}
    assert {p.method for p in Payment.objects.all()} >= {"card", "cheque", "bank_transfer", "cash"}
    assert SuspenseReceipt.objects.get().status == "unallocated"
    assert Refund.objects.get().status == RefundStatus.REQUESTED
    kept = PaymentPlan.objects.get(status=PlanStatus.IN_FORCE)
    broken = PaymentPlan.objects.get(status=PlanStatus.BROKEN)
    assert is_on_hold(kept.debtor) and not is_on_hold(broken.debtor)
    assert Task.objects.filter(title__startswith="Missed instalment").count() == 1
    assert seed_demo_step(run) == {"payments": 0, "suspense_receipts": 0, "refunds": 0, "payment_plans": 0}
