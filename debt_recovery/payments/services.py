"""Writes of payments: recording one (and setting it against the debtor's charges by the rule in force),
reversing one that bounced, reallocating one, the allocation rule itself, unidentified receipts held in
suspense and allocated later, and refunds of credit (requested, approved by someone else, paid).

Every payment is a ledger transaction posted through :mod:`ledger.services`: the council's bank account
(or the payments suspense account, for money first held there) debit, the debtor's receivable credit.
A reversal is the ledger's reversal of that transaction. Allocations are never changed or deleted: a
correction cancels them with allocations of the opposite sign and records new ones.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from core.context import current_actor, system_user
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import save_attributed
from core.rules import require
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.accounts.selectors import OpenCharge, aged_balances, open_charges
from debt_recovery.payments.choices import AllocationRule, Method, RefundStatus, SuspenseStatus
from debt_recovery.payments.models import Allocation, AllocationPolicy, Payment, Refund, SuspenseReceipt
from ledger.choices import TransactionKind
from ledger.money import ZERO, has_at_most_two_places
from ledger.receivables import council_bank_account, debtor_receivable_open
from ledger.services import PostingLine, transaction_post, transaction_reverse

#: The debtor-owned receivable that holds money received for care charges but not yet matched to a
#: debtor (see docs/decisions.md, "Payments, allocation and suspense").
SUSPENSE_REFERENCE = "PAYMENTS-SUSPENSE"
SUSPENSE_NAME = "Unidentified payments for care charges"


class PaymentError(ApplicationError):
    """Refused: ``extra`` names each bad field with its message."""

    code = "invalid"

    def __init__(self, message: str, *, errors: dict[str, list[str]] | None = None, code: str | None = None):
        super().__init__(message, code=code, extra=errors or {})


def _require_worker(acting_user, debtor) -> None:
    """The debt recovery team holding the client, or a named scheduled job acting as the system user (the
    direct debit collection and unpaid-report jobs record and reverse payments the bank reported)."""
    actor = current_actor()
    if actor is not None and actor.job_name and acting_user is not None and acting_user.pk == system_user().pk:
        return
    require(acting_user, "debt_recovery.work_client", debtor)


def payments_suspense_account(*, acting_user):
    """The ledger account unidentified payments are held in until allocated, opened on first use."""
    return debtor_receivable_open(acting_user=acting_user, reference=SUSPENSE_REFERENCE, name=SUSPENSE_NAME)


def _money(amount, field: str = "amount") -> Decimal:
    if isinstance(amount, float):
        raise PaymentError("Amounts must be exact.", errors={field: ["Enter the amount in pounds and pence."]})
    try:
        value = Decimal(str(amount).strip().replace(",", "").lstrip("£"))
    except (InvalidOperation, ValueError):
        raise PaymentError("Enter an amount of money.", errors={field: ["Enter an amount such as 25.50."]}) from None
    if not value.is_finite() or value <= 0:
        raise PaymentError("Enter an amount above £0.00.", errors={field: ["Enter an amount above £0.00."]})
    if not has_at_most_two_places(value):
        raise PaymentError("Use whole pence.", errors={field: ["Use whole pence (two decimal places at most)."]})
    return value.quantize(Decimal("0.01"))


def _check_common(*, method: str, received_on) -> None:
    errors: dict[str, list[str]] = {}
    if method not in Method.values:
        errors["method"] = ["Choose how the money was paid."]
    if not isinstance(received_on, dt.date) or isinstance(received_on, dt.datetime):
        errors["received_on"] = ["Give the date the money was received."]
    elif received_on > timezone.localdate():
        errors["received_on"] = ["The date received cannot be in the future."]
    if errors:
        raise PaymentError("Check the payment's details.", errors=errors)


# --- The allocation rule ---------------------------------------------------------------------------------

def allocation_rule_in_force() -> str:
    """The rule a team leader last chose; oldest first until one has been chosen."""
    policy = AllocationPolicy.objects.order_by("-chosen_at", "-id").first()
    return policy.rule if policy else AllocationRule.OLDEST_FIRST


def allocation_policy_set(*, acting_user, rule: str, reason: str) -> AllocationPolicy:
    """Choose the rule new payments are allocated by. Earlier allocations stay as they were made."""
    require(acting_user, "debt_recovery.set_allocation_rule")
    errors = {}
    if rule not in AllocationRule.values:
        errors["rule"] = ["Choose an allocation rule."]
    if not (reason or "").strip():
        errors["reason"] = ["Say why the rule is changing."]
    if errors:
        raise PaymentError("Check the allocation rule.", errors=errors)
    return AllocationPolicy.objects.create(rule=rule, reason=reason.strip(), chosen_by=acting_user)


def _ordered(charges: list[OpenCharge], rule: str) -> list[OpenCharge]:
    charges = sorted(charges, key=lambda c: (c.date, c.transaction_id))
    if rule == AllocationRule.CURRENT_FIRST and charges:
        return [charges[-1], *charges[:-1]]
    return charges


def _allocate(*, acting_user, payment: Payment, charges: list[OpenCharge], rule: str) -> list[Allocation]:
    """Set ``payment`` against ``charges`` (what was left of each before it) by ``rule``; what is left
    over is credit held on the account."""
    rows = []
    left = payment.amount
    for charge in _ordered(charges, rule):
        if left <= 0:
            break
        part = min(left, charge.outstanding)
        if part <= 0:
            continue
        rows.append(Allocation(payment=payment, debtor=payment.debtor, charge_id=charge.transaction_id, amount=part,
                               effective_date=payment.received_on, rule=rule, made_by=acting_user))
        left -= part
    return Allocation.objects.bulk_create(rows)


def _live_allocations(payment: Payment):
    return payment.allocations.filter(cancels__isnull=True, cancelled_by__isnull=True)


def _cancel_allocations(*, acting_user, payment: Payment, on: dt.date, reason: str) -> list[Allocation]:
    return Allocation.objects.bulk_create([
        Allocation(payment=payment, debtor=a.debtor, charge_id=a.charge_id, amount=-a.amount, effective_date=on,
                   cancels=a, rule="", reason=reason, made_by=acting_user)
        for a in _live_allocations(payment)])


# --- Payments --------------------------------------------------------------------------------------------

def _lock_debtor(debtor: DebtorAccount) -> DebtorAccount:
    return DebtorAccount.objects.select_for_update().select_related("ledger_account").get(pk=debtor.pk)


def payment_record(*, acting_user, debtor: DebtorAccount, amount, method: str, received_on: dt.date,
                   reference: str, note: str = "", idempotency_key: str | None = None,
                   _suspense_receipt: SuspenseReceipt | None = None) -> Payment:
    """Record money ``debtor`` paid: the council bank account debit, the debtor's receivable credit, then
    set against their open charges by the allocation rule in force (:func:`allocation_rule_in_force`);
    anything left over is credit on the account. With the same ``idempotency_key`` again (a form's token,
    a file line, a collection), the payment already recorded is returned and nothing is written; a
    different payment under the same key is refused. An officer of the team holding the client, or a
    scheduled job (as the system user)."""
    _require_worker(acting_user, debtor)
    return _payment_post(acting_user=acting_user, debtor=debtor, amount=amount, method=method,
                         received_on=received_on, reference=reference, note=note, idempotency_key=idempotency_key,
                         _suspense_receipt=_suspense_receipt)


def _payment_post(*, acting_user, debtor: DebtorAccount, amount, method: str, received_on: dt.date, reference: str,
                  note: str = "", idempotency_key: str | None = None,
                  _suspense_receipt: SuspenseReceipt | None = None) -> Payment:
    """:func:`payment_record` once the caller's right to record it has been checked (an officer of the
    team holding the client, or the debt recovery team importing the council's payment files)."""
    amount = _money(amount)
    _check_common(method=method, received_on=received_on)
    reference = (reference or "").strip()[:100]
    key = (idempotency_key or "").strip() or f"payment:{uuid.uuid4()}"
    existing = Payment.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if (existing.debtor_id, existing.amount, existing.method, existing.received_on) != (
                debtor.pk, amount, method, received_on):
            raise ConflictError("A different payment was already recorded with this reference; nothing has been "
                                "recorded.", code="idempotency_conflict", extra={"payment": existing.pk})
        return existing
    with transaction.atomic():
        debtor = _lock_debtor(debtor)
        if debtor.status != "open":
            raise PaymentError("This debtor account is closed: reopen it before recording a payment.",
                               code="account_closed")
        rule = allocation_rule_in_force()
        # What was owed is read before the payment is posted, so its own credit does not count as paying.
        owed = open_charges(ledger_account_id=debtor.ledger_account_id, as_at=received_on)
        if _suspense_receipt is not None:
            source = payments_suspense_account(acting_user=acting_user)
            memo = f"Payment from suspense: {debtor.reference} {reference}".strip()
        else:
            source = council_bank_account(acting_user=acting_user)
            memo = f"{Method(method).label} payment: {debtor.reference} {reference}".strip()
        ledger_tx = transaction_post(
            acting_user=acting_user, effective_date=received_on, kind=TransactionKind.RECEIPT, memo=memo,
            idempotency_key=f"dr-payment:{key}",
            postings=[PostingLine(source, amount), PostingLine(debtor.ledger_account, -amount)])
        payment = Payment(debtor=debtor, amount=amount, method=method, received_on=received_on, reference=reference,
                          note=note.strip(), idempotency_key=key, transaction=ledger_tx,
                          from_suspense=_suspense_receipt, recorded_by=acting_user)
        save_attributed(payment, user=acting_user, reason=f"Payment recorded ({Method(method).label.lower()})")
        _allocate(acting_user=acting_user, payment=payment, charges=owed, rule=rule)
    return payment


def payment_reverse(*, acting_user, payment: Payment, reason: str, on: dt.date | None = None) -> Payment:
    """A payment that did not stand (a bounced cheque, an unpaid direct debit, a card chargeback, one
    recorded in error): the ledger's reversal of its transaction, dated ``on`` (today unless given), and
    its allocations cancelled from that date, so the charges it paid are owed again. Asking again for a
    payment already reversed returns it unchanged. An officer of the team holding the client, or a
    scheduled job (as the system user)."""
    _require_worker(acting_user, payment.debtor)
    if not (reason or "").strip():
        raise PaymentError("Say why the payment is reversed.", errors={"reason": ["Say why the payment is reversed."]})
    on = on or timezone.localdate()
    with transaction.atomic():
        _lock_debtor(payment.debtor)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.is_reversed:
            return payment
        if on < payment.received_on:
            raise PaymentError("A payment cannot be reversed before it was received.",
                               errors={"on": ["Give a date on or after the date received."]})
        reversal = transaction_reverse(acting_user=acting_user, transaction=payment.transaction, effective_date=on,
                                       memo=f"Payment reversed: {reason.strip()}"[:500],
                                       idempotency_key=f"dr-payment-reversal:{payment.idempotency_key}")
        _cancel_allocations(acting_user=acting_user, payment=payment, on=on, reason=reason.strip())
        payment.reversal = reversal
        payment.reversed_on = on
        payment.reversed_by = acting_user
        payment.reversed_reason = reason.strip()
        save_attributed(payment, user=acting_user, reason=f"Payment reversed: {reason.strip()}")
        if payment.from_suspense_id:
            # The money is back in suspense, to be allocated again.
            receipt = SuspenseReceipt.objects.select_for_update().get(pk=payment.from_suspense_id)
            receipt.status = SuspenseStatus.UNALLOCATED
            save_attributed(receipt, user=acting_user, reason=f"Allocation reversed: {reason.strip()}")
    return payment


def payment_reallocate(*, acting_user, payment: Payment, amounts: dict[int, Decimal], reason: str) -> list[Allocation]:
    """An officer's own choice of which charges ``payment`` paid (``amounts``: charge transaction id to
    amount). The allocations it had are cancelled (never changed) and the new ones recorded, dated today;
    what is not allocated is credit on the account."""
    require(acting_user, "debt_recovery.work_client", payment.debtor)
    errors: dict[str, list[str]] = {}
    if not (reason or "").strip():
        errors["reason"] = ["Say why the payment is reallocated."]
    cleaned = {}
    for charge_id, value in amounts.items():
        if value in (None, "", 0, ZERO):
            continue
        try:
            cleaned[int(charge_id)] = _money(value, field=f"charge_{charge_id}")
        except PaymentError as exc:
            errors.update(exc.extra)
    if errors:
        raise PaymentError("Check the allocation.", errors=errors)
    on = timezone.localdate()
    with transaction.atomic():
        _lock_debtor(payment.debtor)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.is_reversed:
            raise PaymentError("This payment has been reversed: there is nothing to allocate.", code="reversed")
        if sum(cleaned.values(), ZERO) > payment.amount:
            raise PaymentError(f"That allocates more than the payment of £{payment.amount}.",
                               errors={"__all__": [f"Allocate at most £{payment.amount} in all."]})
        _cancel_allocations(acting_user=acting_user, payment=payment, on=on, reason=reason.strip())
        # Without this payment's own credit, which would otherwise count as paying the oldest charges.
        owed = {c.transaction_id: c for c in open_charges(ledger_account_id=payment.debtor.ledger_account_id,
                                                          as_at=on, leave_out=(payment.transaction_id,))}
        for charge_id, value in cleaned.items():
            charge = owed.get(charge_id)
            if charge is None or value > charge.outstanding:
                left = charge.outstanding if charge else ZERO
                errors[f"charge_{charge_id}"] = [f"At most £{left} of this charge is unpaid."]
        if errors:
            raise PaymentError("Check the allocation.", errors=errors)
        rows = Allocation.objects.bulk_create([
            Allocation(payment=payment, debtor=payment.debtor, charge_id=charge_id, amount=value, effective_date=on,
                       rule="", reason=reason.strip(), made_by=acting_user) for charge_id, value in cleaned.items()])
        save_attributed(payment, user=acting_user, reason=f"Payment reallocated: {reason.strip()}")
    return rows


# --- Suspense --------------------------------------------------------------------------------------------

def suspense_receipt_record(*, acting_user, amount, method: str, received_on: dt.date, reference: str = "",
                            payer: str = "", note: str = "", idempotency_key: str | None = None) -> SuspenseReceipt:
    """Money received that cannot yet be matched to a debtor: the council bank account debit, the payments
    suspense account credit, until an officer allocates it (:func:`suspense_allocate`)."""
    require(acting_user, "debt_recovery.payment_suspense")
    amount = _money(amount)
    _check_common(method=method, received_on=received_on)
    key = (idempotency_key or "").strip() or f"suspense:{uuid.uuid4()}"
    existing = SuspenseReceipt.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if (existing.amount, existing.received_on) != (amount, received_on):
            raise ConflictError("A different receipt was already recorded with this reference; nothing has been "
                                "recorded.", code="idempotency_conflict")
        return existing
    with transaction.atomic():
        bank = council_bank_account(acting_user=acting_user)
        suspense = payments_suspense_account(acting_user=acting_user)
        ledger_tx = transaction_post(
            acting_user=acting_user, effective_date=received_on, kind=TransactionKind.RECEIPT,
            memo=f"Unidentified payment to suspense: {reference or payer or 'no reference'}"[:500],
            idempotency_key=f"dr-suspense:{key}",
            postings=[PostingLine(bank, amount), PostingLine(suspense, -amount)])
        receipt = SuspenseReceipt(amount=amount, method=method, received_on=received_on,
                                  reference=(reference or "").strip()[:100], payer=(payer or "").strip()[:200],
                                  note=(note or "").strip(), idempotency_key=key, transaction=ledger_tx,
                                  recorded_by=acting_user)
        save_attributed(receipt, user=acting_user, reason="Unidentified payment held in suspense")
    return receipt


def suspense_allocate(*, acting_user, receipt: SuspenseReceipt, debtor: DebtorAccount, reason: str) -> Payment:
    """Allocate a receipt held in suspense to the debtor it belongs to: a payment by that debtor, dated
    when the money was received, moved from suspense to their receivable and set against their charges by
    the rule in force."""
    require(acting_user, "debt_recovery.payment_suspense")
    if not (reason or "").strip():
        raise PaymentError("Say how the payment was identified.",
                           errors={"reason": ["Say how the payment was identified."]})
    with transaction.atomic():
        receipt = SuspenseReceipt.objects.select_for_update().get(pk=receipt.pk)
        if receipt.status != SuspenseStatus.UNALLOCATED:
            raise PaymentError("This receipt has already been allocated.", code="already_allocated")
        payment = payment_record(
            acting_user=acting_user, debtor=debtor, amount=receipt.amount, method=receipt.method,
            received_on=receipt.received_on, reference=receipt.reference, note=reason.strip(),
            idempotency_key=f"{receipt.idempotency_key}:allocation:{receipt.payments.count() + 1}",
            _suspense_receipt=receipt)
        receipt.status = SuspenseStatus.ALLOCATED
        save_attributed(receipt, user=acting_user, reason=f"Allocated to {debtor.reference}: {reason.strip()}")
    return payment


# --- Refunds ---------------------------------------------------------------------------------------------

def credit_available(debtor: DebtorAccount) -> Decimal:
    """What the debtor is in credit by today, less refunds already asked for and not yet paid or rejected."""
    credit = aged_balances(ledger_account_ids=[debtor.ledger_account_id])[debtor.ledger_account_id].credit
    pending = sum(debtor.refunds.filter(status__in=[RefundStatus.REQUESTED, RefundStatus.APPROVED])
                  .values_list("amount", flat=True), ZERO)
    return credit - pending


def refund_request(*, acting_user, debtor: DebtorAccount, amount, reason: str) -> Refund:
    """Ask for credit on the account to be paid back to the debtor. Someone else approves it."""
    require(acting_user, "debt_recovery.work_client", debtor)
    amount = _money(amount)
    if not (reason or "").strip():
        raise PaymentError("Say why the refund is due.", errors={"reason": ["Say why the refund is due."]})
    with transaction.atomic():
        debtor = _lock_debtor(debtor)
        available = credit_available(debtor)
        if amount > available:
            raise PaymentError(f"The account has £{max(available, ZERO)} of credit to refund.",
                               errors={"amount": [f"Refund at most £{max(available, ZERO)}, the credit held."]})
        refund = Refund(debtor=debtor, amount=amount, reason=reason.strip(), requested_by=acting_user)
        save_attributed(refund, user=acting_user, reason="Refund requested")
    return refund


def refund_decide(*, acting_user, refund: Refund, approve: bool, note: str = "") -> Refund:
    """Approve or reject a refund. Never by the person who asked for it."""
    require(acting_user, "debt_recovery.approve_refund", refund.debtor)
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if refund.requested_by_id == acting_user.pk:
            raise PermissionDeniedError("You asked for this refund: someone else must approve it.",
                                        code="own_refund")
        if refund.status != RefundStatus.REQUESTED:
            raise PaymentError(f"This refund is already {refund.get_status_display().lower()}.", code="decided")
        if not approve and not (note or "").strip():
            raise PaymentError("Say why the refund is rejected.", errors={"note": ["Say why the refund is rejected."]})
        refund.status = RefundStatus.APPROVED if approve else RefundStatus.REJECTED
        refund.decided_by = acting_user
        refund.decided_at = timezone.now()
        refund.decision_note = (note or "").strip()
        save_attributed(refund, user=acting_user, reason="Refund approved" if approve else "Refund rejected")
    return refund


def refund_pay(*, acting_user, refund: Refund, paid_on: dt.date | None = None) -> Refund:
    """Pay an approved refund: the debtor's receivable debit (the credit is used up), the council bank
    account credit. Paying again returns the refund unchanged."""
    require(acting_user, "debt_recovery.work_client", refund.debtor)
    paid_on = paid_on or timezone.localdate()
    with transaction.atomic():
        debtor = _lock_debtor(refund.debtor)
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if refund.status == RefundStatus.PAID:
            return refund
        if refund.status != RefundStatus.APPROVED:
            raise PaymentError("Only an approved refund can be paid.", code="not_approved")
        credit = aged_balances(ledger_account_ids=[debtor.ledger_account_id], as_at=paid_on)[debtor.ledger_account_id].credit
        if refund.amount > credit:
            raise PaymentError(f"The account now has only £{credit} of credit: the refund cannot be paid.",
                               code="credit_gone")
        bank = council_bank_account(acting_user=acting_user)
        refund.transaction = transaction_post(
            acting_user=acting_user, effective_date=paid_on, kind=TransactionKind.PAYMENT,
            memo=f"Refund of credit to {debtor.reference}", idempotency_key=f"dr-refund:{refund.pk}",
            postings=[PostingLine(debtor.ledger_account, refund.amount), PostingLine(bank, -refund.amount)])
        refund.status = RefundStatus.PAID
        refund.paid_by = acting_user
        refund.paid_on = paid_on
        save_attributed(refund, user=acting_user, reason="Refund paid")
    return refund
