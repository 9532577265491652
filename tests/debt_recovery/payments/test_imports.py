"""Payment files: read whole through a mapped statement layout, each line a payment by the debtor it
names or a receipt in suspense; all or nothing; the same file twice changes nothing.

The test file (files/outlet_payments.csv) is laid out as a team leader would map an outlet's receipting
export: no published layout of PayPoint's, the Post Office's or AllPay's files could be found (see
docs/decisions.md, "Payment files"), so none is built in and this file stands for a mapped one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from core.exceptions import ApplicationError, PermissionDeniedError
from core.roles import Role
from debt_recovery.payments.choices import Method
from debt_recovery.payments.imports import payment_file_import
from debt_recovery.payments.models import Payment, PaymentFile, SuspenseReceipt
from debt_recovery.services import debtor_account_open
from ledger.models import Transaction
from ledger.statements.custom import Mapping, layout_of
from tests.factories import ClientFactory, UserFactory

LAYOUT = layout_of(Mapping(name="Outlet receipting export", date="Transaction Date", description="Payer",
                           amount="Amount", reference="Payment Reference"), code="outlet")
SAMPLE = (Path(__file__).parent / "files" / "outlet_payments.csv").read_text()


@pytest.fixture
def debtors(debtor_client, debt_officer, debt_team, ledger):
    first = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Charges due")
    other = ClientFactory(first_name="Edith", last_name="Marsh", team=debt_team, team__officer=debt_officer)
    second = debtor_account_open(acting_user=debt_officer, client=other, kind="person", reason="Charges due")
    ledger.charge(first.ledger_account, "100.00", dt.date(2026, 3, 1))
    ledger.charge(second.ledger_account, "100.00", dt.date(2026, 3, 1))
    return first, second


def _file(debtors, text=SAMPLE) -> bytes:
    return text.replace("D{A}", debtors[0].reference).replace("D{B}", debtors[1].reference).encode()


def test_each_line_pays_the_debtor_it_names_or_waits_in_suspense(debtors, debt_officer):
    record = payment_file_import(acting_user=debt_officer, file_name="outlet.csv", content=_file(debtors),
                                 method=Method.PAYPOINT, layouts=[LAYOUT])
    assert (record.lines_total, record.lines_matched, record.lines_suspense) == (3, 2, 1)
    assert record.total == Decimal("77.50")
    assert {(p.debtor_id, p.amount, p.received_on) for p in Payment.objects.all()} == {
        (debtors[0].pk, Decimal("25.00"), dt.date(2026, 4, 2)), (debtors[1].pk, Decimal("12.50"), dt.date(2026, 4, 3))}
    receipt = SuspenseReceipt.objects.get()
    assert receipt.amount == Decimal("40.00") and receipt.payer == "MRS K OKAFOR"


def test_the_same_file_twice_changes_nothing(debtors, debt_officer):
    first = payment_file_import(acting_user=debt_officer, file_name="outlet.csv", content=_file(debtors),
                                method=Method.PAYPOINT, layouts=[LAYOUT])
    transactions = Transaction.objects.count()
    again = payment_file_import(acting_user=debt_officer, file_name="renamed.csv", content=_file(debtors),
                                method=Method.PAYPOINT, layouts=[LAYOUT])
    assert again.pk == first.pk and PaymentFile.objects.count() == 1
    assert Transaction.objects.count() == transactions and Payment.objects.count() == 2


@pytest.mark.parametrize("bad", ["03/04/2026,,MRS K OKAFOR,forty", "31/02/2026,,MRS K OKAFOR,40.00",
                                 "03/04/2026,,REFUND,-40.00", "03/04/2099,,MRS K OKAFOR,40.00"])
def test_one_bad_line_refuses_the_whole_file(debtors, debt_officer, bad):
    text = SAMPLE.replace("03/04/2026,,MRS K OKAFOR,40.00", bad)
    transactions = Transaction.objects.count()
    with pytest.raises(ApplicationError):
        payment_file_import(acting_user=debt_officer, file_name="bad.csv", content=_file(debtors, text),
                            method=Method.PAYPOINT, layouts=[LAYOUT])
    assert not Payment.objects.exists() and not SuspenseReceipt.objects.exists() and not PaymentFile.objects.exists()
    assert Transaction.objects.count() == transactions


def test_a_file_in_no_known_layout_is_refused(debtors, debt_officer):
    with pytest.raises(ApplicationError):
        payment_file_import(acting_user=debt_officer, file_name="x.csv", content=b"When,What\n1/1/2026,5\n",
                            method=Method.CARD, layouts=[LAYOUT])


def test_only_the_debt_recovery_team_imports(debtors):
    with pytest.raises(PermissionDeniedError):
        payment_file_import(acting_user=UserFactory(roles=[Role.OFFICER]), file_name="outlet.csv",
                            content=_file(debtors), method=Method.CARD, layouts=[LAYOUT])
