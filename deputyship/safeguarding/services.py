"""Safeguarding concerns, their referrals and meetings, and civil recovery of money taken before the council
was appointed; sums recovered are recorded as client money (``ledger.client_money.client_receipt_record``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from deputyship.safeguarding.models import RecoveryCase, RecoveryReceipt, SafeguardingConcern, SafeguardingMeeting
from ledger.choices import MoneyInCategory
from people.selectors import today


class SafeguardingError(ApplicationError):
    code = "safeguarding"


def _text(value: str, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise SafeguardingError(f"Enter {what}.")
    return text


def _past(day: dt.date, what: str) -> None:
    if day is None or day > today():
        raise SafeguardingError(f"The {what} must be today or in the past.")


def concern_raise(*, acting_user, client, raised_on: dt.date, raised_by: str, concern: str, referred_to: str = "",
                  referred_on: dt.date | None = None) -> SafeguardingConcern:
    require(acting_user, "deputyship.work_client", client)
    _past(raised_on, "date raised")
    if referred_on is not None:
        _past(referred_on, "referral date")
        if referred_on < raised_on:
            raise SafeguardingError("A concern cannot be referred before it was raised.")
        _text(referred_to, "who it was referred to")
    record = SafeguardingConcern(client=client, raised_on=raised_on, raised_by=_text(raised_by, "who raised it"),
                                 concern=_text(concern, "the concern"), referred_to=(referred_to or "").strip(),
                                 referred_on=referred_on, recorded_by=acting_user)
    with transaction.atomic():
        save_attributed(record, user=acting_user, reason="Safeguarding concern raised")
    return record


def concern_refer(*, acting_user, concern: SafeguardingConcern, referred_to: str,
                  referred_on: dt.date) -> SafeguardingConcern:
    require(acting_user, "deputyship.work_client", concern.client)
    _past(referred_on, "referral date")
    with transaction.atomic():
        concern = SafeguardingConcern.objects.select_for_update().get(pk=concern.pk)
        if referred_on < concern.raised_on:
            raise SafeguardingError("A concern cannot be referred before it was raised.")
        concern.referred_to, concern.referred_on = _text(referred_to, "who it was referred to"), referred_on
        save_attributed(concern, user=acting_user, reason=f"Referred to {concern.referred_to}")
    return concern


def concern_meeting_add(*, acting_user, concern: SafeguardingConcern, held_on: dt.date, attendees: str,
                        notes: str) -> SafeguardingMeeting:
    require(acting_user, "deputyship.work_client", concern.client)
    _past(held_on, "meeting date")
    meeting = SafeguardingMeeting(concern=concern, held_on=held_on, attendees=_text(attendees, "who attended"),
                                  notes=_text(notes, "what was decided"), recorded_by=acting_user)
    with transaction.atomic():
        save_attributed(meeting, user=acting_user, reason="Safeguarding meeting")
    return meeting


def concern_close(*, acting_user, concern: SafeguardingConcern, closed_on: dt.date,
                  outcome: str) -> SafeguardingConcern:
    require(acting_user, "deputyship.work_client", concern.client)
    _past(closed_on, "closing date")
    with transaction.atomic():
        concern = SafeguardingConcern.objects.select_for_update().get(pk=concern.pk)
        if concern.closed_on is not None:
            raise SafeguardingError("This concern is already closed.")
        if closed_on < concern.raised_on:
            raise SafeguardingError("A concern cannot close before it was raised.")
        concern.closed_on, concern.outcome = closed_on, _text(outcome, "the outcome")
        save_attributed(concern, user=acting_user, reason="Safeguarding concern closed")
    return concern


def recovery_open(*, acting_user, client, against: str, description: str, amount_claimed: Decimal,
                  opened_on: dt.date, concern: SafeguardingConcern | None = None) -> RecoveryCase:
    require(acting_user, "deputyship.work_client", client)
    _past(opened_on, "date opened")
    if amount_claimed is None or amount_claimed <= 0:
        raise SafeguardingError("The amount claimed must be more than £0.")
    if concern is not None and concern.client_id != client.pk:
        raise SafeguardingError("That concern is about another client.")
    case = RecoveryCase(client=client, concern=concern, against=_text(against, "who took the money"),
                        description=_text(description, "what happened"), amount_claimed=amount_claimed,
                        opened_on=opened_on, recorded_by=acting_user)
    with transaction.atomic():
        save_attributed(case, user=acting_user, reason="Recovery case opened")
    return case


def recovery_receipt_record(*, acting_user, case: RecoveryCase, amount: Decimal, received_on: dt.date,
                            request_key: str) -> RecoveryReceipt:
    """A sum recovered: recorded as a receipt of the client's money (compensation) into the pooled client
    account, once per ``request_key``, and against the case."""
    from ledger.client_money import client_receipt_record

    require(acting_user, "deputyship.work_client", case.client)
    _past(received_on, "date received")
    if amount is None or amount <= 0:
        raise SafeguardingError("The amount recovered must be more than £0.")
    key = f"dep-recovery:{case.pk}:{request_key}"
    with transaction.atomic():
        case = RecoveryCase.objects.select_for_update().get(pk=case.pk)
        if case.closed_on is not None:
            raise SafeguardingError("This recovery case is closed.")
        receipt = client_receipt_record(
            acting_user=acting_user, client=case.client, amount=amount, effective_date=received_on,
            category=MoneyInCategory.COMPENSATION, memo=f"Recovered from {case.against}", idempotency_key=key)
        existing = RecoveryReceipt.objects.filter(transaction=receipt).first()
        if existing is not None:
            return existing
        recovered = RecoveryReceipt(case=case, received_on=received_on, amount=amount, transaction=receipt,
                                    recorded_by=acting_user)
        save_attributed(recovered, user=acting_user, reason="Money recovered")
    return recovered


def recovery_close(*, acting_user, case: RecoveryCase, closed_on: dt.date, outcome: str) -> RecoveryCase:
    require(acting_user, "deputyship.work_client", case.client)
    _past(closed_on, "closing date")
    with transaction.atomic():
        case = RecoveryCase.objects.select_for_update().get(pk=case.pk)
        if case.closed_on is not None:
            raise SafeguardingError("This case is already closed.")
        case.closed_on, case.outcome = closed_on, _text(outcome, "the outcome")
        save_attributed(case, user=acting_user, reason="Recovery case closed")
    return case
