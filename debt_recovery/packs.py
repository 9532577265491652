"""What the court claim pack and the debt panel's case pack share: the debtor's statement of account and
the chronology of their debt's recovery, drawn from the ledger and the record when the pack is made."""

from __future__ import annotations

import datetime as dt

from debt_recovery.accounts.views import EARLIEST
from documents.models import Document
from ledger.selectors import account_statement
from people.selectors import today


def statement_of_account(debtor, *, on: dt.date | None = None):
    """Every charge and payment on the debtor's receivable, with the running balance."""
    return account_statement(account=debtor.ledger_account, start=EARLIEST, end=on or today())


def chronology(debtor, *, on: dt.date | None = None) -> list[tuple[dt.date, str]]:
    """The debt's story, oldest first: the first charge and the last payment, each recovery step and
    letter, each hold, write-off, court claim event and panel decision."""
    from debt_recovery.holds.selectors import debtor_holds
    from debt_recovery.ladder.selectors import ladder_history

    on = on or today()
    events: list[tuple[dt.date, str]] = []
    lines = statement_of_account(debtor, on=on).lines
    charges = [line for line in lines if line.amount > 0]
    payments = [line for line in lines if line.amount < 0 and line.kind == "receipt"]
    if charges:
        events.append((charges[0].date, f"First charge: £{charges[0].amount:,} ({charges[0].memo})"))
    if payments:
        events.append((payments[-1].date, f"Last payment: £{-payments[-1].amount:,}"))
    else:
        events.append((on, "No payment has been received"))
    for action in ladder_history(debtor):
        events.append((action.taken_on, f"Recovery step: {action.step.name} ({action.get_outcome_display().lower()})"))
    for letter in Document.objects.filter(client_id=debtor.client_id, kind__startswith="debt_recovery."):
        events.append((letter.requested_at.date(), f"Letter: {letter.title}"))
    for hold in debtor_holds(debtor):
        events.append((hold.placed_at.date(), f"Hold placed: {hold.get_reason_display()}"
                                              + (f" ({hold.note})" if hold.note else "")))
        if hold.released_at:
            events.append((hold.released_at.date(), f"Hold released: {hold.get_reason_display()}"))
    for writeoff in debtor.write_offs.all():
        events.append((writeoff.recommended_at.date(), f"Write-off of £{writeoff.amount:,} recommended "
                                                       f"({writeoff.get_reason_display().lower()})"))
        if writeoff.decided_at:
            events.append((writeoff.decided_at.date(), f"Write-off {writeoff.get_status_display().lower()}"))
    for claim in debtor.court_claims.all():
        events.append((claim.prepared_at.date(), f"County court claim pack prepared for £{claim.amount:,}"))
        if claim.reply_received_on:
            events.append((claim.reply_received_on, "Reply to the letter before claim received"))
        if claim.issued_on:
            events.append((claim.issued_on, f"Claim {claim.claim_number} issued"))
        if claim.judgment_on:
            events.append((claim.judgment_on, f"Judgment for £{claim.judgment_amount:,}"))
        for step in claim.enforcements.all():
            events.append((step.started_on, f"Enforcement: {step.get_kind_display()}"))
    for case in debtor.panel_cases.all():
        events.append((case.prepared_at.date(), "Referred to the debt panel"))
        if case.decided_at:
            events.append((case.decided_at.date(), f"Debt panel decided: {case.get_decision_display().lower()}"))
    return sorted(events, key=lambda e: e[0])
