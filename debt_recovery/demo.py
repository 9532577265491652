"""Debt recovery's part of ``manage.py seed_demo``, after charging's (whose four-weekly run posted each
charged person's invoices to their care-charge account): a debtor account for each charged client the
debt recovery team holds, and payments that leave their debts aged across the bands.

Who owes follows the record: the person, or their attorney where one acts for them (letters to the
attorney, paying by direct debit); a client who has died owes through their estate. The payments are
realistic patterns, keyed on the client and the charge they pay, so a second run adds nothing:
one pays every invoice but the newest, one pays nothing, one stopped paying three months ago, one pays
half of every invoice.

The debt recovery team's own clients (referred to it with arrears from before the charging run was in
use) have their care charges brought forward: one charge per four-weekly period of the charging
calendar for the last :data:`BROUGHT_FORWARD_PERIODS` periods, at the weekly charge in
:data:`BROUGHT_FORWARD_WEEKLY`, posted to their care-charge account as the charging run posts its
invoices.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from debt_recovery.accounts.choices import DebtorKind, LettersTo, PaymentMethod
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.accounts.services import debtor_account_open
from ledger.choices import Purpose, TransactionKind
from ledger.money import round_money
from ledger.receivables import council_bank_account
from ledger.services import PostingLine, transaction_post

#: Days after a charge (the last day of its period) that a demo debtor pays it.
PAYS_AFTER_DAYS = 18

#: Weekly charges brought forward for the debt team's own clients, by their council reference's order
#: (demonstration figures: a care home, a home care package, a care home, a nursing home).
BROUGHT_FORWARD_WEEKLY = (Decimal("212.40"), Decimal("46.85"), Decimal("188.10"), Decimal("243.75"))
BROUGHT_FORWARD_PERIODS = 8

#: Pattern by position: which charges are paid, and how much of each.
PATTERNS = ("all_but_newest", "nothing", "stopped_three_months_ago", "half")


def _attorney(client):
    from people.choices import Relationship

    return (client.contact_links.filter(relationship=Relationship.ATTORNEY, end_date__isnull=True)
            .select_related("contact").first())


def _open(client, officer) -> DebtorAccount:
    if client.date_of_death is not None:
        return debtor_account_open(acting_user=officer, client=client, kind=DebtorKind.ESTATE,
                                   payment_method=PaymentMethod.BANK_TRANSFER,
                                   reason="Care charges owed by the estate: the person has died")
    attorney = _attorney(client)
    if attorney is not None:
        return debtor_account_open(acting_user=officer, client=client, kind=DebtorKind.REPRESENTATIVE,
                                   name=attorney.contact.name, contact=attorney, letters_to=LettersTo.CONTACT,
                                   payment_method=PaymentMethod.DIRECT_DEBIT,
                                   reason="The attorney manages the person's money and pays their charges")
    return debtor_account_open(acting_user=officer, client=client, kind=DebtorKind.PERSON,
                               payment_method=PaymentMethod.CARD, reason="Care charges invoiced by the charging run")


def _pay(account: DebtorAccount, pattern: str, officer, on: dt.date) -> int:
    from ledger.selectors import account_statement

    charges = [line for line in account_statement(account=account.ledger_account, start=dt.date(2000, 1, 1),
                                                  end=on).lines if line.amount > 0]
    if pattern == "nothing" or not charges:
        return 0
    if pattern == "all_but_newest":
        paid = [(line, line.amount) for line in charges[:-1]]
    elif pattern == "stopped_three_months_ago":
        paid = [(line, line.amount) for line in charges if line.date <= on - dt.timedelta(days=92)]
    else:
        paid = [(line, round_money(line.amount / 2)) for line in charges]
    bank = council_bank_account(acting_user=officer)
    added = 0
    for line, amount in paid:
        when = min(line.date + dt.timedelta(days=PAYS_AFTER_DAYS), on)
        if amount <= Decimal("0"):
            continue
        transaction_post(acting_user=officer, effective_date=when, kind=TransactionKind.RECEIPT,
                         memo=f"Payment from {account.name} ({account.get_payment_method_display().lower()})",
                         postings=[PostingLine(bank, amount), PostingLine(account.ledger_account, -amount)],
                         idempotency_key=f"demo-debt-payment:{account.reference}:{line.transaction_id}")
        added += 1
    return added


def _bring_forward(*, on: dt.date, officer, clients) -> int:
    """Care charges brought forward for the held clients that the charging run has not charged."""
    from charging.selectors import periods_ended_by
    from ledger.models import Account
    from ledger.receivables import care_charge_accounts_open, charging_income_account

    uncharged = [c for c in clients.order_by("council_reference")
                 if not Account.objects.filter(client=c, purpose=Purpose.CARE_CHARGE_RECEIVABLE).exists()]
    if not uncharged:
        return 0
    accounts = care_charge_accounts_open(acting_user=officer, client_ids=[c.pk for c in uncharged])
    income = charging_income_account(acting_user=officer)
    periods = periods_ended_by(on, since=on - dt.timedelta(days=28 * BROUGHT_FORWARD_PERIODS))[-BROUGHT_FORWARD_PERIODS:]
    posted = 0
    for number, client in enumerate(uncharged):
        weekly = BROUGHT_FORWARD_WEEKLY[number % len(BROUGHT_FORWARD_WEEKLY)]
        for period in periods:
            amount = weekly * 4
            transaction_post(
                acting_user=officer, effective_date=period.end, kind=TransactionKind.CHARGE,
                memo=f"Care charges {period.start:%d %b} to {period.end:%d %b %Y} (brought forward, "
                     f"£{weekly} a week)",
                postings=[PostingLine(accounts[client.pk], amount), PostingLine(income, -amount)],
                idempotency_key=f"demo-debt-brought-forward:{client.council_reference}:{period.end:%Y%m%d}")
            posted += 1
    return posted


def seed_debtors(*, on: dt.date, officer, clients) -> dict[str, int]:
    from ledger.models import Account

    brought_forward = _bring_forward(on=on, officer=officer, clients=clients.filter(date_of_death__isnull=True))
    charged = set(Account.objects.filter(client__in=clients, purpose=Purpose.CARE_CHARGE_RECEIVABLE)
                  .values_list("client_id", flat=True))
    before = DebtorAccount.objects.count()
    payments = 0
    for number, client in enumerate(c for c in clients.order_by("council_reference") if c.pk in charged):
        if DebtorAccount.objects.filter(client=client).exists():
            continue  # seeded already: its payments too
        account = _open(client, officer)
        payments += _pay(account, PATTERNS[number % len(PATTERNS)], officer, on)
    return {"debtor_accounts": DebtorAccount.objects.count() - before, "debt_payments": payments,
            "charges_brought_forward": brought_forward}


def seed_demo_step(run) -> dict[str, int]:
    from people.demo import DEBT
    from people.models import Client

    held = Client.objects.filter(allocations__team__name=DEBT, allocations__end_date__isnull=True).distinct()
    return seed_debtors(on=run.on, officer=run.made["users"]["dev"], clients=held)
