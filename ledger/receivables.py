"""Care-charge accounts: what each person owes the council for their care, and the council's
charging income.

A person's care charges are owed by the person (their estate, once they have died), so the
receivable is the client's own account: ``owner_kind`` client, ``purpose`` CARE_CHARGE_RECEIVABLE,
an asset (the council is owed it), one per client (the ledger's unique (client, purpose)). The client
money rules do not touch it: the overdraft check (23L05) applies only to CLIENT_FUNDS accounts, and
a charge posting touches one client's accounts only (23L06). Charging income is the council's one
CHARGING_INCOME account. A debtor who is not the client (a third party paying a top-up) gets a
debtor-owned account of their own when top-ups are invoiced.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from core.history import set_reason
from ledger.choices import AccountKind, OwnerKind, Purpose
from ledger.models import Account

CHARGING_INCOME_NAME = "Care charging income"


def charging_income_account(*, acting_user) -> Account:
    """The council's charging income account, opened on first use."""
    account = Account.objects.filter(purpose=Purpose.CHARGING_INCOME, owner_kind=OwnerKind.COUNCIL).order_by("id").first()
    if account is not None:
        return account
    with transaction.atomic():
        # Serialise the first opening: only one session creates it.
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('ledger.charging_income'))")
        account = Account.objects.filter(purpose=Purpose.CHARGING_INCOME, owner_kind=OwnerKind.COUNCIL).first()
        if account is None:
            account = Account(name=CHARGING_INCOME_NAME, kind=AccountKind.INCOME, owner_kind=OwnerKind.COUNCIL,
                              purpose=Purpose.CHARGING_INCOME)
            account._history_user = acting_user
            set_reason(account, "Charging income account opened")
            account.save()
    return account


def care_charge_accounts_open(*, acting_user, client_ids: list[int]) -> dict[int, Account]:
    """Each client's care-charge receivable account, opening those not yet open (one INSERT for the
    lot, with their history). Asking again returns the same accounts and writes nothing."""
    from core.history import insert_with_history
    from people.models import Client

    found = {a.client_id: a for a in Account.objects.filter(client_id__in=client_ids,
                                                             purpose=Purpose.CARE_CHARGE_RECEIVABLE)}
    missing = [pk for pk in client_ids if pk not in found]
    if missing:
        new = [
            Account(name=f"{c.full_name} ({c.council_reference}): care charges", kind=AccountKind.ASSET,
                    owner_kind=OwnerKind.CLIENT, client_id=c.pk, purpose=Purpose.CARE_CHARGE_RECEIVABLE)
            for c in Client.objects.filter(pk__in=missing).order_by("pk")
        ]
        try:
            with transaction.atomic():
                insert_with_history(Account, new, user=acting_user, reason="Care charges account opened")
        except IntegrityError:  # another session opened some at the same moment
            pass
        found.update({a.client_id: a for a in Account.objects.filter(client_id__in=missing,
                                                                      purpose=Purpose.CARE_CHARGE_RECEIVABLE)})
    return found


def debtor_receivable_open(*, acting_user, reference: str, name: str) -> Account:
    """The care-charge receivable of a debtor who is not the client (a top-up payer, a commercial
    customer): debtor-owned, named by the debtor's reference. Asking again returns the same account."""
    account = Account.objects.filter(owner_kind=OwnerKind.DEBTOR, owner_reference=reference,
                                     purpose=Purpose.CARE_CHARGE_RECEIVABLE).first()
    if account is not None:
        return account
    account = Account(name=f"{name} ({reference}): care charges", kind=AccountKind.ASSET, owner_kind=OwnerKind.DEBTOR,
                      owner_reference=reference, purpose=Purpose.CARE_CHARGE_RECEIVABLE)
    account._history_user = acting_user
    set_reason(account, "Debtor's care charges account opened")
    account.save()
    return account


COUNCIL_BANK_NAME = "Council bank account"


def council_bank_account(*, acting_user) -> Account:
    """The council's own bank account (where debtors' payments arrive), opened on first use."""
    account = Account.objects.filter(purpose=Purpose.COUNCIL_BANK, owner_kind=OwnerKind.COUNCIL).order_by("id").first()
    if account is not None:
        return account
    with transaction.atomic():
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('ledger.council_bank'))")
        account = Account.objects.filter(purpose=Purpose.COUNCIL_BANK, owner_kind=OwnerKind.COUNCIL).first()
        if account is None:
            account = Account(name=COUNCIL_BANK_NAME, kind=AccountKind.ASSET, owner_kind=OwnerKind.COUNCIL,
                              purpose=Purpose.COUNCIL_BANK)
            account._history_user = acting_user
            set_reason(account, "Council bank account opened")
            account.save()
    return account


WRITE_OFF_NAME = "Debts written off"


def _council_account(*, acting_user, purpose: str, name: str, kind: str, reason: str) -> Account:
    """The council's one account for ``purpose``, opened on first use (one session opens it)."""
    account = Account.objects.filter(purpose=purpose, owner_kind=OwnerKind.COUNCIL).order_by("id").first()
    if account is not None:
        return account
    with transaction.atomic():
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"ledger.council_account.{purpose}"])
        account = Account.objects.filter(purpose=purpose, owner_kind=OwnerKind.COUNCIL).first()
        if account is None:
            account = Account(name=name, kind=kind, owner_kind=OwnerKind.COUNCIL, purpose=purpose)
            account._history_user = acting_user
            set_reason(account, reason)
            account.save()
    return account


def write_off_account(*, acting_user) -> Account:
    """The council's bad debt expense (purpose WRITE_OFF), opened on first use: a write-off debits it
    and credits the debtor's receivable; reinstating the debt reverses that transaction."""
    return _council_account(acting_user=acting_user, purpose=Purpose.WRITE_OFF, name=WRITE_OFF_NAME,
                            kind=AccountKind.EXPENSE, reason="Bad debt (write-off) account opened")
