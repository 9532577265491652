"""Writes of write-offs: recommending, approving (posted to the ledger), rejecting and reinstating, the
bulk write-off of small balances, and the authority bands and delegations an administrator keeps.

Maker-checker: whoever recommends a write-off never approves or rejects it (the rule
``debt_recovery.decide_writeoff``, this module, and a CHECK constraint on the table all say so). The
approver also needs the authority for its amount (:func:`authority_of` against the bands).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError, PermissionDeniedError
from core.history import save_attributed
from core.rules import can, require
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.accounts.selectors import aged_balances
from debt_recovery.writeoffs.choices import (
    DELEGATED_LEVELS,
    LEVEL_RANK,
    AuthorityLevel,
    WriteOffReason,
    WriteOffStatus,
)
from debt_recovery.writeoffs.models import AuthorityBand, DelegatedAuthority, WriteOff
from ledger.choices import TransactionKind
from ledger.receivables import write_off_account
from ledger.services import PostingLine, transaction_post, transaction_reverse
from people.choices import Service
from people.rules import memberships_of
from people.selectors import current_allocations, today


class WriteOffError(ApplicationError):
    code = "invalid"


def _reason_given(reason: str, field: str = "reason") -> str:
    if not (reason or "").strip():
        raise WriteOffError("Give a reason.", extra={field: ["Say why: it is kept in the record's history."]})
    return reason.strip()


# --- authority -----------------------------------------------------------------------------------

def level_for(amount: Decimal) -> str:
    """The level a write-off of ``amount`` needs: the lowest band that covers it."""
    for band in AuthorityBand.objects.all():  # lowest limit first, the unlimited band last
        if band.up_to is None or amount <= band.up_to:
            return band.level
    raise WriteOffError(f"No authority band covers £{amount:,}: ask an administrator to set the bands.",
                        code="no_band", extra={"amount": ["No one has the authority to write off this much."]})


def authority_of(user) -> str | None:
    """The highest level ``user`` holds: officer or team leader in a debt recovery team, or a current
    delegation an administrator recorded. None: no authority at all."""
    levels = []
    memberships = [m for m in memberships_of(user) if m.service == Service.DEBT_RECOVERY]
    if memberships:
        levels.append(AuthorityLevel.OFFICER)
    if any(m.is_leader for m in memberships):
        levels.append(AuthorityLevel.TEAM_LEADER)
    delegated = DelegatedAuthority.objects.filter(user=user, ended_at__isnull=True).values_list("level", flat=True)
    levels.extend(delegated)
    return max(levels, key=LEVEL_RANK.__getitem__) if levels else None


def may_authorise(user, level: str) -> bool:
    held = authority_of(user)
    return held is not None and LEVEL_RANK[held] >= LEVEL_RANK[level]


def _check_bands() -> None:
    bands = list(AuthorityBand.objects.all())
    ranks = [LEVEL_RANK[band.level] for band in bands]
    if ranks != sorted(ranks):
        raise WriteOffError("A larger amount cannot need a lower level of authority than a smaller one.",
                            code="bands_out_of_order", extra={"level": ["Choose a level at least as senior as the "
                                                                        "bands below it."]})
    if bands and bands[-1].up_to is not None:
        raise WriteOffError("Keep one band with no upper limit, so every amount has someone who may approve it.",
                            code="no_unlimited_band", extra={"up_to": ["Leave one band without a limit."]})


def authority_band_save(*, acting_user, level: str, up_to: Decimal | None, reason: str, source: str = "",
                        band: AuthorityBand | None = None) -> AuthorityBand:
    """Add a band, or change one: amounts up to ``up_to`` (none: any amount) need ``level``."""
    require(acting_user, "debt_recovery.administer_writeoffs")
    reason = _reason_given(reason)
    if level not in AuthorityLevel.values:
        raise WriteOffError("Choose a level.", extra={"level": ["Choose a level."]})
    if up_to is not None and up_to <= 0:
        raise WriteOffError("The limit must be more than £0.00.", extra={"up_to": ["Must be more than £0.00."]})
    with transaction.atomic():
        with transaction.get_connection().cursor() as cursor:  # one change to the bands at a time
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('debt_recovery.writeoff_bands'))")
        clash = AuthorityBand.objects.filter(up_to=up_to)
        if up_to is None:
            clash = AuthorityBand.objects.filter(up_to__isnull=True)
        if band is not None:
            clash = clash.exclude(pk=band.pk)
        if clash.exists():
            raise WriteOffError("There is already a band with this limit: change that one.",
                                code="duplicate_band", extra={"up_to": ["Another band has this limit."]})
        band = band or AuthorityBand()
        band.up_to, band.level, band.source = up_to, level, source or band.source
        save_attributed(band, user=acting_user, reason=reason)
        _check_bands()
    return band


def authority_band_remove(*, acting_user, band: AuthorityBand, reason: str) -> None:
    require(acting_user, "debt_recovery.administer_writeoffs")
    reason = _reason_given(reason)
    with transaction.atomic():
        band._history_user = acting_user
        from core.history import set_reason

        set_reason(band, reason)
        band.delete()
        _check_bands()


def authority_bands_seed(*, acting_user, bands: list[tuple[Decimal | None, str]], source: str, reason: str) -> int:
    """Set the bands where there are none yet (the demo council's, a new council's first). Writes nothing
    once bands exist. Returns how many were added."""
    if AuthorityBand.objects.exists():
        return 0
    with transaction.atomic():
        for up_to, level in bands:
            band = AuthorityBand(up_to=up_to, level=level, source=source)
            save_attributed(band, user=acting_user, reason=reason)
        _check_bands()
    return len(bands)


def delegated_authority_grant(*, acting_user, user, level: str, reason: str) -> DelegatedAuthority:
    """Name ``user`` a senior manager or member of the Executive for write-offs (ending any earlier
    delegation of theirs)."""
    require(acting_user, "debt_recovery.administer_writeoffs")
    reason = _reason_given(reason)
    if level not in DELEGATED_LEVELS:
        raise WriteOffError("Choose senior manager or the Executive.", extra={"level": ["Choose a level."]})
    with transaction.atomic():
        for current in DelegatedAuthority.objects.select_for_update().filter(user=user, ended_at__isnull=True):
            current.ended_at = timezone.now()
            save_attributed(current, user=acting_user, reason=reason)
        grant = DelegatedAuthority(user=user, level=level, granted_by=acting_user)
        save_attributed(grant, user=acting_user, reason=reason)
    return grant


def delegated_authority_end(*, acting_user, grant: DelegatedAuthority, reason: str) -> DelegatedAuthority:
    require(acting_user, "debt_recovery.administer_writeoffs")
    reason = _reason_given(reason)
    with transaction.atomic():
        grant = DelegatedAuthority.objects.select_for_update().get(pk=grant.pk)
        if grant.ended_at is None:
            grant.ended_at = timezone.now()
            save_attributed(grant, user=acting_user, reason=reason)
    return grant


# --- recommending and deciding -------------------------------------------------------------------

def _owed(debtor: DebtorAccount, on: dt.date) -> Decimal:
    return aged_balances(ledger_account_ids=[debtor.ledger_account_id], as_at=on)[debtor.ledger_account_id].owed


def writeoff_recommend(*, acting_user, debtor: DebtorAccount, amount: Decimal, reason: str, note: str,
                       batch: str = "") -> WriteOff:
    """Recommend writing off ``amount`` of what ``debtor`` owes, for ``reason``. It waits for someone
    else with the authority for the amount to approve it."""
    require(acting_user, "debt_recovery.work_client", debtor)
    errors: dict[str, list[str]] = {}
    if reason not in WriteOffReason.values:
        errors["reason"] = ["Choose why the debt should be written off."]
    if not (note or "").strip():
        errors["note"] = ["Say what was tried and why the debt cannot be recovered."]
    if amount is None or amount <= 0:
        errors["amount"] = ["Enter an amount more than £0.00."]
    if errors:
        raise WriteOffError("Check the write-off.", extra=errors)
    with transaction.atomic():
        debtor = DebtorAccount.objects.select_for_update().get(pk=debtor.pk)
        owed = _owed(debtor, today())
        if amount > owed:
            raise WriteOffError(f"{debtor.name} owes £{owed:,}: you cannot write off more than that.",
                                code="more_than_owed", extra={"amount": [f"Enter £{owed:,} or less."]})
        if WriteOff.objects.filter(debtor=debtor, status=WriteOffStatus.RECOMMENDED).exists():
            raise WriteOffError("A write-off for this debtor is already waiting for approval.", code="already_waiting",
                                extra={"amount": ["A write-off is already waiting for approval."]})
        writeoff = WriteOff(debtor=debtor, amount=amount, reason=reason, note=note.strip(), batch=batch,
                            level_required=level_for(amount), recommended_by=acting_user)
        save_attributed(writeoff, user=acting_user,
                        reason=f"Write-off of £{amount:,} recommended: {WriteOffReason(reason).label}")
    return writeoff


def _locked_waiting(writeoff: WriteOff, acting_user, verb: str) -> WriteOff:
    writeoff = WriteOff.objects.select_for_update(of=("self",)).select_related("debtor").get(pk=writeoff.pk)
    if writeoff.recommended_by_id == acting_user.pk:
        raise PermissionDeniedError(f"You recommended this write-off: someone else must {verb} it.",
                                    code="own_recommendation")
    require(acting_user, "debt_recovery.decide_writeoff", writeoff)
    if writeoff.status != WriteOffStatus.RECOMMENDED:
        raise WriteOffError(f"This write-off is {writeoff.get_status_display().lower()} already.",
                            code="already_decided")
    return writeoff


def writeoff_approve(*, acting_user, writeoff: WriteOff, note: str = "") -> WriteOff:
    """Approve a write-off and post it: the bad debt expense debited, the debtor's receivable credited,
    dated today. Refused to the person who recommended it and to anyone without the authority for its
    amount, and when the debtor now owes less than the amount (money has come in: recommend again)."""
    with transaction.atomic():
        writeoff = _locked_waiting(writeoff, acting_user, "approve")
        if not may_authorise(acting_user, writeoff.level_required):
            raise PermissionDeniedError(
                f"A write-off of £{writeoff.amount:,} needs the approval of a "
                f"{AuthorityLevel(writeoff.level_required).label.lower()} or above.", code="no_authority")
        debtor = DebtorAccount.objects.select_for_update().get(pk=writeoff.debtor_id)
        on = today()
        owed = _owed(debtor, on)
        if writeoff.amount > owed:
            raise WriteOffError(f"{debtor.name} now owes £{owed:,}, less than the £{writeoff.amount:,} recommended: "
                                "reject this one and recommend the right amount.", code="more_than_owed")
        expense = write_off_account(acting_user=acting_user)
        posted = transaction_post(
            acting_user=acting_user, effective_date=on, kind=TransactionKind.ADJUSTMENT,
            memo=f"Written off ({writeoff.get_reason_display().lower()}): {debtor.reference}, write-off {writeoff.pk}",
            postings=[PostingLine(expense, writeoff.amount), PostingLine(debtor.ledger_account, -writeoff.amount)],
            idempotency_key=f"debt-write-off:{writeoff.pk}")
        writeoff.status = WriteOffStatus.APPROVED
        writeoff.decided_by, writeoff.decided_at, writeoff.decision_note = acting_user, timezone.now(), note.strip()
        writeoff.transaction = posted
        save_attributed(writeoff, user=acting_user, reason="Write-off approved and posted to the ledger")
    return writeoff


def writeoff_reject(*, acting_user, writeoff: WriteOff, note: str) -> WriteOff:
    """Refuse a write-off: the debt stays owed. The reason is required."""
    note = _reason_given(note, "note")
    with transaction.atomic():
        writeoff = _locked_waiting(writeoff, acting_user, "reject")
        writeoff.status = WriteOffStatus.REJECTED
        writeoff.decided_by, writeoff.decided_at, writeoff.decision_note = acting_user, timezone.now(), note
        save_attributed(writeoff, user=acting_user, reason=f"Write-off not approved: {note}")
    return writeoff


def writeoff_reinstate(*, acting_user, writeoff: WriteOff, reason: str) -> WriteOff:
    """Reinstate a written-off debt (money has arrived, the debtor has been traced, an estate found):
    the write-off's transaction is reversed today, so the debt is owed again."""
    reason = _reason_given(reason)
    require(acting_user, "debt_recovery.work_client", writeoff)
    with transaction.atomic():
        writeoff = WriteOff.objects.select_for_update(of=("self",)).select_related("transaction").get(pk=writeoff.pk)
        if writeoff.status != WriteOffStatus.APPROVED:
            raise WriteOffError("Only a debt that was written off can be reinstated.", code="not_written_off")
        writeoff.reversal = transaction_reverse(
            acting_user=acting_user, transaction=writeoff.transaction, effective_date=today(),
            memo=f"Write-off {writeoff.pk} reversed: debt reinstated ({reason})",
            idempotency_key=f"debt-write-off-reinstated:{writeoff.pk}")
        writeoff.status = WriteOffStatus.REINSTATED
        writeoff.reinstated_by, writeoff.reinstated_at, writeoff.reinstated_because = acting_user, timezone.now(), reason
        save_attributed(writeoff, user=acting_user, reason=f"Debt reinstated: {reason}")
    return writeoff


# --- small balances in bulk ----------------------------------------------------------------------

def small_balance_candidates(*, acting_user, threshold: Decimal, on: dt.date | None = None) -> list[tuple]:
    """The open debtor accounts of clients the user's debt recovery team holds that owe something under
    ``threshold``, with nothing already waiting for approval: (debtor, owed) pairs, by reference."""
    on = on or today()
    held = current_allocations(on=on).filter(service=Service.DEBT_RECOVERY, team__memberships__user=acting_user)
    debtors = list(DebtorAccount.objects.filter(client__in=held.values("client"), status="open")
                   .exclude(write_offs__status=WriteOffStatus.RECOMMENDED).order_by("reference"))
    owed = aged_balances(ledger_account_ids=[d.ledger_account_id for d in debtors], as_at=on)
    return [(d, owed[d.ledger_account_id].owed) for d in debtors if 0 < owed[d.ledger_account_id].owed < threshold]


def writeoffs_bulk_recommend(*, acting_user, threshold: Decimal, note: str) -> tuple[str, list[WriteOff]]:
    """Recommend writing off every small balance under ``threshold`` in one batch, each for its whole
    balance as uneconomic to recover (:data:`~debt_recovery.writeoffs.choices.WriteOffReason.SMALL_BALANCE`).
    Each goes through the same approvals as any other. All or nothing."""
    if not can(acting_user, "debt_recovery.work_any"):
        raise PermissionDeniedError("Only the debt recovery team recommends write-offs.")
    if threshold is None or threshold <= 0:
        raise WriteOffError("Enter a threshold more than £0.00.", extra={"threshold": ["Enter an amount."]})
    if not (note or "").strip():
        raise WriteOffError("Say why these balances are written off.", extra={"note": ["Give a reason."]})
    batch = f"bulk-{today():%Y%m%d}-{uuid.uuid4().hex[:8]}"
    with transaction.atomic():
        made = [writeoff_recommend(acting_user=acting_user, debtor=debtor, amount=owed,
                                   reason=WriteOffReason.SMALL_BALANCE, note=note, batch=batch)
                for debtor, owed in small_balance_candidates(acting_user=acting_user, threshold=threshold)]
    if not made:
        raise WriteOffError(f"No balances under £{threshold:,} to write off.", code="nothing_to_do",
                            extra={"threshold": ["No debtor owes less than this."]})
    return batch, made


def writeoffs_batch_approve(*, acting_user, batch: str, note: str = "") -> list[WriteOff]:
    """Approve every write-off of a bulk batch still waiting, each as :func:`writeoff_approve` would
    (maker-checker and authority for each). All or nothing: one refused, none approved."""
    with transaction.atomic():
        waiting = list(WriteOff.objects.filter(batch=batch, status=WriteOffStatus.RECOMMENDED).order_by("pk"))
        if not batch or not waiting:
            raise WriteOffError("Nothing in this batch is waiting for approval.", code="nothing_to_do")
        return [writeoff_approve(acting_user=acting_user, writeoff=w, note=note) for w in waiting]
