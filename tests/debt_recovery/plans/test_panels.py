"""The team leader's panel: broken plans, refunds awaiting approval, suspense to allocate."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from debt_recovery.payments.choices import Method
from debt_recovery.payments.services import payment_record, refund_request, suspense_receipt_record
from debt_recovery.plans.hooks import payments_panel
from debt_recovery.services import debtor_account_open
from people.selectors import today
from tests.factories import TeamFactory


def test_the_panel_counts_each_kind_of_waiting_work(debt_team, debt_officer, debt_leader, debtor_client, ledger):
    debtor = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Charges")
    ledger.charge(debtor.ledger_account, "10.00", today() - dt.timedelta(days=40))
    payment_record(acting_user=debt_officer, debtor=debtor, amount="30.00", method=Method.CASH, received_on=today(),
                   reference="R1")
    refund_request(acting_user=debt_officer, debtor=debtor, amount="20.00", reason="Overpaid")
    for n in range(2):
        suspense_receipt_record(acting_user=debt_officer, amount="5.00", method=Method.BANK_TRANSFER,
                                received_on=today(), reference=f"UNKNOWN {n}")
    counts = {c.label: c.count for c in payments_panel(debt_leader, SimpleNamespace(team=debt_team))}
    assert counts == {"Payment plans broken in the last 28 days": 0, "Refunds awaiting approval": 1,
                      "Unidentified payments to allocate": 2}
    assert payments_panel(debt_leader, SimpleNamespace(team=TeamFactory(service="charging"))) == []
