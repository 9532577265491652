"""Writing deferred payment agreements. The agreement's lifecycle (application to settlement) is built on
these; the money parts (accrual, statements, ending) post to the agreement's debt account."""

from __future__ import annotations

from django.db import transaction

from core.history import set_reason
from deferred_payments.agreements.models import Agreement
from ledger.choices import AccountKind, OwnerKind, Purpose
from ledger.models import Account


def debt_account_open(*, acting_user, agreement: Agreement) -> Account:
    """The agreement's debt account (what the person owes under it: deferred charges, interest, fees),
    agreement-owned and named by its reference; opened on first use, the same account after."""
    if agreement.debt_account_id is not None:
        return agreement.debt_account
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.debt_account_id is not None:
            return agreement.debt_account
        account = Account(name=f"{agreement.client.full_name} ({agreement.reference}): deferred payment agreement",
                          kind=AccountKind.ASSET, owner_kind=OwnerKind.AGREEMENT, owner_reference=agreement.reference,
                          purpose=Purpose.DEFERRED_DEBT)
        account._history_user = acting_user
        set_reason(account, f"Debt account opened for deferred payment agreement {agreement.reference}")
        account.save()
        agreement.debt_account = account
        agreement._history_user = acting_user
        set_reason(agreement, "Debt account opened")
        agreement.save(update_fields=["debt_account"])
    return account
