"""Writes of debtor accounts: opening one and changing its details, each attributable with a reason.

What a debtor owes is never stored here: it is the ledger balance of the account's receivable. For
the person, their representative or their estate that is the person's own care-charge account
(:func:`ledger.receivables.care_charge_accounts_open`); for a top-up payer or a commercial customer a
debtor-owned receivable is opened beside the debtor account
(:func:`ledger.receivables.debtor_receivable_open`).
"""

from __future__ import annotations

from django.db import transaction

from core.exceptions import ApplicationError
from core.history import next_ids, save_attributed
from core.rules import require
from debt_recovery.accounts.choices import (
    OWES_FOR_THE_CLIENT,
    CustomerType,
    DebtorKind,
    LettersTo,
)
from debt_recovery.accounts.models import DebtorAccount
from ledger.receivables import care_charge_accounts_open, debtor_receivable_open
from people.correspondence import client_name

#: The details an officer may change on an open account.
EDITABLE = ("kind", "name", "contact", "customer_type", "payment_method", "letters_to", "contact_by", "email",
            "phone", "status")


class DebtorAccountError(ApplicationError):
    """Refused: ``extra`` names each bad field with its message."""

    code = "invalid"

    def __init__(self, message: str, *, errors: dict[str, list[str]]):
        super().__init__(message, extra=errors)


def _check(account: DebtorAccount) -> None:
    """The rules the form and the API report by field (the database holds them too)."""
    errors: dict[str, list[str]] = {}
    if account.contact is not None and account.contact.client_id != account.client_id:
        errors["contact"] = ["Choose someone on this client's record."]
    if account.kind in (DebtorKind.REPRESENTATIVE, DebtorKind.TOPUP_PAYER) and account.contact is None:
        errors["contact"] = [f"Name the {DebtorKind(account.kind).label.lower()} from the client's contacts."]
    if account.letters_to == LettersTo.CONTACT and account.contact is None:
        errors["letters_to"] = ["Letters can go to the contact only when the account names one."]
    if account.kind in OWES_FOR_THE_CLIENT and account.customer_type != CustomerType.SERVICE_USER:
        errors["customer_type"] = ["The person, their representative or their estate is a service user: late "
                                   "payment interest is never charged to them."]
    if account.kind == DebtorKind.ESTATE and account.client.date_of_death is None:
        errors["kind"] = ["The debt passes to the estate only once the person's death is recorded."]
    if not account.name.strip():
        errors["name"] = ["Enter the debtor's name."]
    if errors:
        raise DebtorAccountError("Check the debtor account's details.", errors=errors)


def debtor_account_open(*, acting_user, client, kind: str, name: str = "", contact=None,
                        customer_type: str = CustomerType.SERVICE_USER, reason: str, **details) -> DebtorAccount:
    """Open a debtor account for ``client``'s care. For the person (or their representative or estate) it
    is the person's own care-charge receivable, so a person has at most one such account; a top-up payer
    or commercial customer gets a receivable of their own."""
    require(acting_user, "debt_recovery.work_client", client)
    if not reason.strip():
        raise DebtorAccountError("Give a reason.", errors={"reason": ["Say why the account is opened."]})
    if not name and kind in OWES_FOR_THE_CLIENT:
        name = client_name(client) if kind != DebtorKind.ESTATE else f"The estate of {client_name(client)}"
    if not name and contact is not None:
        name = contact.contact.name
    with transaction.atomic():
        pk = next_ids(DebtorAccount, 1)[0]
        account = DebtorAccount(pk=pk, reference=f"D{pk:06d}", client=client, kind=kind, name=name, contact=contact,
                                customer_type=customer_type, opened_by=acting_user, **details)
        _check(account)
        if kind in OWES_FOR_THE_CLIENT:
            if DebtorAccount.objects.filter(client=client, kind__in=OWES_FOR_THE_CLIENT).exists():
                raise DebtorAccountError("This person's care charges already have a debtor account: change that "
                                         "one (who owes, where letters go) instead.", errors={"kind": [
                                             "The person's care charges already have a debtor account."]})
            account.ledger_account = care_charge_accounts_open(acting_user=acting_user, client_ids=[client.pk])[client.pk]
        else:
            account.ledger_account = debtor_receivable_open(acting_user=acting_user, reference=account.reference,
                                                            name=name)
        save_attributed(account, user=acting_user, reason=reason, force_insert=True)
    return account


def debtor_account_update(*, acting_user, account: DebtorAccount, reason: str, **changes) -> DebtorAccount:
    """Change an account's details (who owes, contact, letters, payment method...), with the reason kept
    in its history. The receivable never changes: the debt stays where the ledger holds it."""
    require(acting_user, "debt_recovery.work_client", account)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"These cannot be changed: {sorted(unknown)}")
    if not reason.strip():
        raise DebtorAccountError("Give a reason.", errors={"reason": ["Say why the account is changed."]})
    with transaction.atomic():
        account = DebtorAccount.objects.select_for_update().get(pk=account.pk)
        was_for_client = account.kind in OWES_FOR_THE_CLIENT
        for field, value in changes.items():
            setattr(account, field, value)
        if was_for_client != (account.kind in OWES_FOR_THE_CLIENT):
            raise DebtorAccountError("A debt owed for the person cannot become a third party's, or the other way "
                                     "round: open a new account.", errors={"kind": ["Choose who owes this debt."]})
        _check(account)
        save_attributed(account, user=acting_user, reason=reason)
    return account
