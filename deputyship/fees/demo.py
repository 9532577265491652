"""Fees in the demonstration: the sourced fee rates, O'Connor's deputyship order (made about 14 months ago;
recorded here only if no other step recorded it), a year of her money in the client account, and her fees
charged as the morning job would have: the work up to the order on the order's date and the first year's
annual management fee on its anniversary; and the OPG's deputy assessment fee paid on its invoice. Keyed on fixed idempotency keys and the unique charges, so a
second run adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from deputyship.authority.choices import AuthorityKind
from deputyship.authority.models import LegalAuthority
from deputyship.authority.services import authority_record
from deputyship.fees.calculator import anniversary
from deputyship.fees.choices import FeeKind
from deputyship.fees.models import FeeCharge, OpgFeePayment
from deputyship.fees.services import fee_charge, fee_rates_seed, fees_due_for, opg_fee_pay, rate_table
from ledger import client_money
from ledger.choices import MoneyInCategory, MoneyOutCategory
from ledger.models import Transaction

ORDER_MADE_DAYS_AGO = 425  # about 14 months
FOUR_WEEKS = dt.timedelta(weeks=4)


def oconnor(run):
    from people.demo import COUNCIL_DEPUTY_FOR

    for client, person, _index in run.made["clients"]:
        if person.last_name == COUNCIL_DEPUTY_FOR:
            return client
    return None


def oconnor_order(run, client) -> LegalAuthority:
    """Her order: the one already recorded (by the casework step), or one recorded here."""
    found = LegalAuthority.objects.filter(client=client, kind=AuthorityKind.DEPUTY).order_by("-made_on").first()
    if found is not None:
        return found
    made_on = run.on - dt.timedelta(days=ORDER_MADE_DAYS_AGO)
    return authority_record(
        acting_user=run.made["users"]["olivia"], client=client, kind=AuthorityKind.DEPUTY, reference="COP 1404512T",
        made_on=made_on, starts_on=made_on, reason="Court of Protection order received: the council appointed her "
        "property and affairs deputy", scope="Property and financial affairs", payment_limit=Decimal("5000.00"))


def _money(run, client, order: LegalAuthority) -> int:
    """Her year in the client account: the balance of her bank account moved in, her pension and Attendance
    Allowance every four weeks, her care charges and personal allowance out."""
    officer, leader = run.made["users"]["olivia"], run.made["users"]["tom"]
    if Transaction.objects.filter(idempotency_key__startswith="demo:deputyship:oconnor:").exists():
        return 0
    added = 0

    def receive(amount, day, category, memo, key):
        receipt = client_money.client_receipt_record(
            acting_user=officer, client=client, amount=Decimal(amount), effective_date=day, category=category,
            memo=memo, idempotency_key=f"demo:deputyship:oconnor:{key}")
        client_money.receipt_confirm(acting_user=leader, receipt=receipt.manual_receipt)

    receive("24650.00", order.made_on + dt.timedelta(days=9), MoneyInCategory.SALE_OF_ASSETS,
            "Balance of her Lloyds current account, closed and moved to the client account", "bank-moved")
    day, added = order.made_on + dt.timedelta(days=12), 1
    while day <= run.on - dt.timedelta(days=3):
        receive("884.80", day, MoneyInCategory.STATE_PENSION, "State Pension, 4 weeks", f"pension:{day}")
        receive("290.00", day, MoneyInCategory.ATTENDANCE_ALLOWANCE, "Attendance Allowance, 4 weeks", f"aa:{day}")
        pay_day = day + dt.timedelta(days=2)
        client_money.client_payment_make(
            acting_user=officer, client=client, amount=Decimal("812.40"), effective_date=pay_day,
            category=MoneyOutCategory.LOCAL_AUTHORITY_CHARGES, payee="The council: residential care charges",
            reference=f"CHG {client.council_reference}", idempotency_key=f"demo:deputyship:oconnor:charge:{pay_day}")
        client_money.client_payment_make(
            acting_user=officer, client=client, amount=Decimal("127.20"), effective_date=pay_day,
            category=MoneyOutCategory.PERSONAL_ALLOWANCE, payee="Prepaid card top-up", reference="PEA",
            idempotency_key=f"demo:deputyship:oconnor:pea:{pay_day}")
        added += 4
        day += FOUR_WEEKS
    return added


def seed_fees(run) -> dict[str, int]:
    users = run.made["users"]
    rates = fee_rates_seed(acting_user=users["admin"])
    client = oconnor(run)
    if client is None:
        return {"fee_rates": rates}
    order = oconnor_order(run, client)
    money = _money(run, client, order)
    charged = 0
    table = rate_table()
    for year in (0, 1):
        due_on = order.made_on if year == 0 else anniversary(order.made_on, year)
        if due_on > run.on:
            continue
        for due in fees_due_for(authority=order, year=year, rates=table):
            if due.amount and not FeeCharge.objects.filter(authority=order, kind=due.kind, year=year).exists():
                fee_charge(acting_user=users["olivia"], authority=order, kind=due.kind, year=year, on=due_on)
                charged += 1
    return {"fee_rates": rates, "client_money": money, "fees": charged, "opg_fees": _opg_fees(run, order)}


def _opg_fees(run, order: LegalAuthority) -> int:
    """The OPG's deputy assessment fee, paid on its invoice three weeks after the order, with no exemption or
    remission applied for: the full fee in the rate table."""
    if OpgFeePayment.objects.filter(authority=order).exists():
        return 0
    invoiced_on = order.made_on + dt.timedelta(days=21)
    opg_fee_pay(acting_user=run.made["users"]["olivia"], authority=order, kind=FeeKind.OPG_ASSESSMENT, year=0,
                invoice_reference="OPG DEP 1404512", invoiced_on=invoiced_on, exempt_benefit=False,
                yearly_income=None, effective_date=invoiced_on + dt.timedelta(days=5))
    return 1


def seed_demo_step(run) -> dict[str, int]:
    return seed_fees(run)
