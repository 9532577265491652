"""The OPG's own fees paid on its invoices from the client's money: the rate on the invoice date, the exemption and
the 50% remission (none for minimal supervision), once per order and year, and nothing written on bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError
from deputyship.authority.choices import AuthorityKind
from deputyship.fees.choices import FeeKind
from deputyship.fees.models import OpgFeePayment
from deputyship.fees.services import opg_fee_pay
from ledger.choices import MoneyOutCategory
from ledger.models import Payment
from ledger.selectors import available_funds

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(rates, make_order, receive, today):
    order = make_order(400)
    receive("1000.00", order.made_on + dt.timedelta(days=1))
    return order


def pay(officer, order, today, **changes):
    fields = dict(kind=FeeKind.OPG_GENERAL_SUPERVISION, year=1, invoice_reference="OPG-INV-1001", invoiced_on=today,
                  exempt_benefit=False, yearly_income=None)
    fields.update(changes)
    return opg_fee_pay(acting_user=officer, authority=order, **fields)


def test_the_supervision_fee_is_paid_to_the_opg_once(officer, order, today, north_client):
    before = available_funds(client=north_client)
    fee = pay(officer, order, today)
    assert (fee.full_fee, fee.amount) == (Decimal("320.00"), Decimal("320.00"))
    payment = fee.payment
    assert payment.payee == "Office of the Public Guardian" and payment.category == MoneyOutCategory.OPG_FEES
    assert payment.idempotency_key == f"opg-fee:{order.pk}:{FeeKind.OPG_GENERAL_SUPERVISION}:1"
    assert available_funds(client=north_client) == before - Decimal("320.00")
    assert fee.history.first().history_change_reason.startswith("OPG invoice OPG-INV-1001")
    with pytest.raises(ApplicationError, match="already paid"):
        pay(officer, order, today, kind=FeeKind.OPG_MINIMAL_SUPERVISION, invoice_reference="OPG-INV-1002")
    assert OpgFeePayment.objects.count() == 1 and Payment.objects.filter(payee__startswith="Office").count() == 1


def test_remission_halves_the_fee_but_not_minimal_supervision(officer, order, today):
    half = pay(officer, order, today, kind=FeeKind.OPG_ASSESSMENT, year=0, yearly_income=Decimal("9500.00"))
    assert (half.full_fee, half.amount) == (Decimal("100.00"), Decimal("50.00"))
    assert any("50% remission" in line for line in half.explanation)
    minimal = pay(officer, order, today, kind=FeeKind.OPG_MINIMAL_SUPERVISION, yearly_income=Decimal("9500.00"))
    assert minimal.amount == Decimal("35.00")


def test_an_exempt_client_pays_nothing(officer, order, today):
    fee = pay(officer, order, today, exempt_benefit=True)
    assert fee.amount == Decimal("0.00") and fee.payment is None
    assert not Payment.objects.filter(payee__startswith="Office").exists()


@pytest.mark.parametrize("changes, message", [
    ({"kind": FeeKind.ANNUAL_MANAGEMENT_FIRST}, "Choose which OPG fee"),
    ({"kind": FeeKind.OPG_ASSESSMENT, "year": 1}, "once, for the order itself"),
    ({"year": 0}, "1 for the first year"),
    ({"invoice_reference": "  "}, "invoice's reference"),
    ({"invoiced_on": "future"}, "future"),
    ({"invoiced_on": "before"}, "before the order"),
    ({"yearly_income": 9500.0}, "pounds and pence"),
])
def test_bad_input_changes_nothing(officer, order, today, changes, message):
    if changes.get("invoiced_on") == "future":
        changes["invoiced_on"] = today + dt.timedelta(days=1)
    elif changes.get("invoiced_on") == "before":
        changes["invoiced_on"] = order.made_on - dt.timedelta(days=1)
    with pytest.raises(ApplicationError, match=message):
        pay(officer, order, today, **changes)
    assert not OpgFeePayment.objects.exists() and not Payment.objects.filter(payee__startswith="Office").exists()


def test_not_enough_money_is_refused(officer, rates, make_order, today):
    order = make_order(400)
    with pytest.raises(ApplicationError):
        pay(officer, order, today)
    assert not OpgFeePayment.objects.exists()


def test_an_appointeeship_pays_no_opg_fee(officer, rates, make_order, today):
    order = make_order(400, kind=AuthorityKind.APPOINTEE)
    with pytest.raises(ApplicationError, match="not an appointeeship"):
        pay(officer, order, today)


def test_paying_on_the_page(client_as, officer, order, today):
    browser = client_as(officer)
    tab = browser.get(reverse("deputyship:client-deputyship", args=[order.client.pk])).content.decode()
    url = reverse("deputyship:opg-fee-pay", args=[order.pk])
    assert url in tab
    fields = {"kind": FeeKind.OPG_ASSESSMENT, "year": "0", "invoice_reference": "OPG-77",
              "invoiced_on_0": today.day, "invoiced_on_1": today.month, "invoiced_on_2": today.year,
              "exempt_benefit": "no", "yearly_income": ""}
    wrong = browser.post(url, {**fields, "year": "2"})
    assert wrong.status_code == 200 and "once, for the order itself" in wrong.content.decode()
    assert not OpgFeePayment.objects.exists()
    assert browser.post(url, fields).status_code == 302
    assert OpgFeePayment.objects.get().amount == Decimal("100.00")
    assert "Already paid: OPG deputy assessment fee, year 0, £100.00 (invoice OPG-77)" in (
        browser.get(url).content.decode())


def test_the_fees_page_lists_the_opg_invoices_paid(client_as, officer, order, today):
    pay(officer, order, today, kind=FeeKind.OPG_ASSESSMENT, year=0, yearly_income=Decimal("9500.00"))
    page = client_as(officer).get(reverse("deputyship:fees")).content.decode()
    assert "Office of the Public Guardian invoices paid" in page
    assert "OPG-INV-1001, " in page and "£50.00 (remission)" in page
