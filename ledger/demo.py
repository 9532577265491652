"""Demonstration client money: four months of receipts and payments for the North client affairs team's
living clients, the pooled account's bank statements for those months imported (with lines left in
suspense, for the officer to allocate with the client picker), one payment held as a possible
duplicate, and every month reconciled: the months before last signed off and so closed, last month
waiting for the team leader. One refund that belongs to the month before last, recorded after that
month was closed, is posted late, on the first day of last month, and shows in last month's
reconciliation as a late item ("belongs to ...").

The statements and reconciliations are the ledger's second demo step, which runs after every other
step (``DemoStep.last``): the other teams' demo steps post client money too (a deputyship client's year,
rent, a sale's proceeds), and a month is only reconciled and closed once all of it is in.

Everything goes through the ledger's services as the officer who would have done it: Olivia records
the money, imports the statements and prepares the reconciliations, Tom (her team leader) signs off.
Keys and file names are fixed, so running it again posts nothing twice and adds nothing.

The amounts are each person's own (a pension is whatever that person's pension is), except the weekly
personal expenses allowance paid to care home residents, which is the national figure for 2026/27,
£31.80 a week (``../shared/domain/charging.md``, "Residential care", quoting the 2026 LAC).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min

from ledger import client_money, imports, reconciliation
from ledger.choices import MoneyInCategory, MoneyOutCategory, Purpose
from ledger.models import Account, Posting, Reconciliation, StatementImport, Transaction
from ledger.reconciliation import month_bounds
from ledger.selectors import account_statement
from ledger.statements.bank_details import bank_details_set

#: The personal expenses allowance a week, 2026/27 (see the module docstring for the source).
PERSONAL_EXPENSES_ALLOWANCE = Decimal("31.80")
FOUR_WEEKS = dt.timedelta(weeks=4)
HISTORY_MONTHS = 4


@dataclass(frozen=True)
class Income:
    category: str
    weekly: Decimal
    label: str


def _income(index: int, setting: str, age: int) -> list[Income]:
    pension = Decimal("176.45") + Decimal(index * 7) + Decimal("0.35") * (index % 4)
    found = [Income(MoneyInCategory.STATE_PENSION, pension, "DWP STATE PENSION")]
    if age < 66:
        found = [Income(MoneyInCategory.EMPLOYMENT_SUPPORT_ALLOWANCE, Decimal("138.20") + index,
                        "DWP ESA")]
    if setting in ("home", "supported"):
        found.append(Income(MoneyInCategory.PERSONAL_INDEPENDENCE_PAYMENT, Decimal("73.90"), "DWP PIP"))
    elif index % 3 == 0:
        found.append(Income(MoneyInCategory.PERSONAL_PENSION, Decimal("52.10") + index, "AVIVA PENSION"))
    return found


def _payments(setting: str) -> list[tuple[str, str, Decimal, str]]:
    """(category, payee, amount, reference) paid every four weeks."""
    if setting in ("care", "nursing"):
        return [(MoneyOutCategory.PERSONAL_ALLOWANCE, "Prepaid card top-up", PERSONAL_EXPENSES_ALLOWANCE * 4,
                 "PEA")]
    return [
        (MoneyOutCategory.ELECTRICITY_AND_GAS, "British Gas", Decimal("96.40"), "BG 8841"),
        (MoneyOutCategory.WATER, "Anglian Water", Decimal("32.10"), "WTR 55120"),
        (MoneyOutCategory.FOOD, "Cash to carer for shopping", Decimal("160.00"), ""),
    ]


def seed_money(*, on: dt.date, users: dict, clients: list) -> dict[str, int]:
    """``clients`` are ``(client, DemoClient, index)`` for the North team. Returns counts of what was added."""
    officer, leader = users["olivia"], users["tom"]
    added = {"receipts": 0, "payments": 0}
    if not clients or Transaction.objects.filter(idempotency_key__startswith="demo:").exists():
        return added  # seeded before (the whole demo is one database transaction, so all of it)
    first_day = month_bounds(on)[0]
    start = _month_back(first_day, HISTORY_MONTHS)
    for client, person, index in clients:
        if client.date_of_death:
            continue
        # Benefits and pensions arrive every four weeks; spending goes out two days later.
        day = start + dt.timedelta(days=index % 7)
        while day <= on:
            for income in _income(index, person.setting, person.age):
                key = f"demo:receipt:{client.council_reference}:{income.category}:{day.isoformat()}"
                receipt = client_money.client_receipt_record(
                    acting_user=officer, client=client, amount=income.weekly * 4, effective_date=day,
                    category=income.category, memo=f"{MoneyInCategory(income.category).label}, 4 weeks",
                    idempotency_key=key)
                # Tom, the second officer, checks each against the bank's online view the same day.
                client_money.receipt_confirm(acting_user=leader, receipt=receipt.manual_receipt)
                added["receipts"] += 1
            pay_day = day + dt.timedelta(days=2)
            if pay_day <= on:
                for category, payee, amount, reference in _payments(person.setting):
                    key = f"demo:payment:{client.council_reference}:{category}:{pay_day.isoformat()}"
                    client_money.client_payment_make(
                        acting_user=officer, client=client, amount=amount, effective_date=pay_day,
                        category=category, payee=payee, reference=reference, idempotency_key=key)
                    added["payments"] += 1
            day += FOUR_WEEKS

    _held_duplicate(officer=officer, client=clients[0][0], on=on)
    added["receipts"] += _receipt_to_confirm(officer=officer, client=clients[0][0], on=on)
    return added


def seed_month_end(*, on: dt.date, users: dict, clients: list) -> dict[str, int]:
    """The month-end work on the pooled account, done once every other demo step has posted its money (the
    step runs last): the bank's statements from the first month of the demo's money to the month before last,
    each month reconciled and signed off (so closed) in turn; then a refund for the month before last,
    recorded late; then last month's statement, and its reconciliation waiting for Tom. The statements print
    every posting the ledger holds for the month, so each reconciliation agrees with what all the teams
    posted."""
    officer, leader = users["olivia"], users["tom"]
    added = {"statements": 0, "reconciliations": 0, "receipts": 0}
    if not clients:
        return added
    first_day = month_bounds(on)[0]
    named = clients[0][0]  # a pension provider pays arrears naming the person but not their reference
    if not Account.objects.filter(purpose=Purpose.POOLED_BANK).exclude(bank_sort_code="").exists():
        # The account's own bank details, as its statements name it ('600000-12345678), recorded by Tom so
        # that a statement of another account is refused on import.
        bank_details_set(acting_user=leader, sort_code="60-00-00", account_number="12345678",
                         iban="GB31 NWBK 6000 0012 3456 78", reason="From the bank's account opening letter")
    for months_back in range(_months_of_money(first_day), 1, -1):
        month = _month_back(first_day, months_back)
        added["statements"] += _import_statement(officer=officer, month=month, named=named,
                                                 odd_lines=months_back <= HISTORY_MONTHS)
        added["reconciliations"] += _reconcile(officer=officer, leader=leader, month=month, sign_off=True)
    if not Transaction.objects.filter(idempotency_key__startswith="demo:late-refund:").exists():
        added["receipts"] += _late_refund(officer=officer, client=clients[1][0],
                                          closed_month=_month_back(first_day, 2))
    added["statements"] += _import_statement(officer=officer, month=_month_back(first_day, 1), named=named,
                                             odd_lines=True)
    added["reconciliations"] += _reconcile(officer=officer, leader=leader, month=_month_back(first_day, 1),
                                           sign_off=False)
    return added


def _months_of_money(first_day: dt.date) -> int:
    """How many months back the pooled account's money goes: the demo's own four months, or further where
    another team's demo posted earlier (a deputyship client's year), so that every month with money in it
    has its statement and its reconciliation."""
    earliest = Posting.objects.filter(account__purpose=Purpose.POOLED_BANK).aggregate(day=Min("effective_date"))["day"]
    if earliest is None:
        return HISTORY_MONTHS
    return max(HISTORY_MONTHS, (first_day.year - earliest.year) * 12 + first_day.month - earliest.month)


def _month_back(first_day: dt.date, months: int) -> dt.date:
    index = first_day.year * 12 + first_day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _held_duplicate(*, officer, client, on: dt.date) -> None:
    """The same chiropody bill paid twice: the second is held for another officer."""
    for n in (1, 2):
        client_money.client_payment_make(
            acting_user=officer, client=client, amount=Decimal("28.00"), effective_date=on - dt.timedelta(days=3),
            category=MoneyOutCategory.MEDICAL, payee="Borchester Foot Care", reference="INV 2291",
            memo="Chiropody visit", idempotency_key=f"demo:chiropody:{client.council_reference}:{n}")


def _receipt_to_confirm(*, officer, client, on: dt.date) -> int:
    """A cheque Olivia paid in yesterday: recorded by hand, not yet on a statement, so it waits for a
    second officer before the client may spend it."""
    client_money.client_receipt_record(
        acting_user=officer, client=client, amount=Decimal("150.00"), effective_date=on - dt.timedelta(days=1),
        category=MoneyInCategory.OTHER_INCOME, memo="Premium Bonds prize, cheque paid in at the counter",
        idempotency_key=f"demo:cheque:{client.council_reference}")
    return 1


def _late_refund(*, officer, client, closed_month: dt.date) -> int:
    """A water company's refund dated the 28th of a month already closed: posted on the first day of the
    next month, naming the date it belongs to (:mod:`ledger.closing`)."""
    client_money.client_receipt_record(
        acting_user=officer, client=client, amount=Decimal("42.17"), effective_date=closed_month.replace(day=28),
        category=MoneyInCategory.REFUNDS, memo="Anglian Water refund, overpaid account",
        idempotency_key=f"demo:late-refund:{client.council_reference}")
    return 1


def _statement_csv(*, month: dt.date, named, odd_lines: bool) -> bytes:
    """The bank's CSV (NatWest layout) for the month: every pooled-account posting the ledger holds for
    the month, as the bank would print it, and, in the demo's last four months (``odd_lines``), three lines
    nobody has recorded (which go to suspense): a gift and a card payment nobody can place, and pension
    arrears naming ``named`` without their council reference, which the officer finds with the suspense
    page's client picker by name."""
    first, end = month_bounds(month)
    bank = Account.objects.get(purpose=Purpose.POOLED_BANK)
    statement = account_statement(account=bank, start=first, end=end)
    references = dict(
        Posting.objects.filter(transaction__postings__account=bank, effective_date__gte=first,
                               effective_date__lte=end, account__client__isnull=False)
        .values_list("transaction_id", "account__client__council_reference"))
    rows = [(line.date, line.amount, f"{line.memo.upper()} {references.get(line.transaction_id, '')}".strip())
            for line in statement.lines]
    if odd_lines:
        rows += [(first + dt.timedelta(days=11), Decimal("25.00"), "BOB SMITH GIFT"),
                 (first + dt.timedelta(days=19), Decimal("-14.99"), "CARD PAYMENT AMAZON MKTPLACE"),
                 (first + dt.timedelta(days=15), Decimal("63.40"),
                  f"AVIVA PENSION ARREARS {named.first_name[:1]} {named.last_name}".upper())]
    rows.sort(key=lambda row: row[0])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Date", "Type", "Description", "Value", "Balance", "Account Name", "Account Number"])
    balance = statement.opening_balance
    for day, amount, description in rows:
        balance += amount
        writer.writerow([day.strftime("%d/%m/%Y"), "BAC" if amount > 0 else "D/D", f"'{description}",
                         f"{amount:.2f}", f"{balance:.2f}", "CLIENT MONEY POOLED", "'600000-12345678"])
    return out.getvalue().encode()


def _import_statement(*, officer, month: dt.date, named, odd_lines: bool) -> int:
    name = f"pooled-client-account-{month:%Y-%m}.csv"
    if StatementImport.objects.filter(file_name=name).exists():
        return 0
    content = _statement_csv(month=month, named=named, odd_lines=odd_lines)
    imports.statement_import(acting_user=officer, file_name=name, content=content, commit=True)
    return 1


def _reconcile(*, officer, leader, month: dt.date, sign_off: bool) -> int:
    if Reconciliation.objects.filter(month=month).exists():
        return 0
    record = reconciliation.reconciliation_prepare(acting_user=officer, month=month)
    if sign_off:
        reconciliation.reconciliation_sign_off(acting_user=leader, reconciliation=record)
    return 1


# --- the ledger's demo step (core.registry.DemoStep, registered in ledger/hooks.py) ----------------------

def seed_topup_tasks(*, on: dt.date, officer, clients: list) -> dict[str, int]:
    """The officer's next prepaid card top-up for each living care home resident among ``clients``
    (``(client, DemoClient, index)``): four weeks' personal expenses allowance, as :func:`seed_money`
    pays it. A client with the task already is left alone."""
    from people import services as people_services
    from people.demo import long_date
    from people.models import Task

    added = 0
    for client, person, index in clients:
        if client.date_of_death or person.setting not in ("care", "nursing"):
            continue
        title = (f"Top up {client.display_name}'s prepaid card with 4 weeks' personal expenses allowance "
                 f"(£{PERSONAL_EXPENSES_ALLOWANCE * 4})")
        if Task.objects.filter(client=client, title__startswith=title).exists():
            continue
        due = on + dt.timedelta(days=(index * 3) % 11 - 3)  # some overdue, most within the fortnight
        people_services.task_create(acting_user=officer, assigned_to=officer, client=client, due_date=due,
                                    title=f"{title} on {long_date(due)}",
                                    details=f"For {client.display_name} ({client.council_reference}).")
        added += 1
    return {"tasks": added}


def seed_demo_step(run) -> dict[str, int]:
    """The ledger's part of ``manage.py seed_demo``, after the people's (:mod:`people.demo`): the North
    team's client money, and Olivia's prepaid card top-ups to make."""
    users = run.made["users"]
    north = _north(run)
    added = seed_money(on=run.on, users=users, clients=north)
    tasks = seed_topup_tasks(on=run.on, officer=users["olivia"], clients=north)
    return {**added, **tasks}


def _north(run) -> list:
    from people.demo import NORTH

    return [(client, person, index) for client, person, index in run.made["clients"] if person.team == NORTH]


def seed_month_end_step(run) -> dict[str, int]:
    """The ledger's month-end demo step: see :func:`seed_month_end`."""
    return seed_month_end(on=run.on, users=run.made["users"], clients=_north(run))
