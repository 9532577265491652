"""Prepaid cards: recording a card and the agreement a care provider signs, the weekly top-up run and the
import of a card statement.

The weekly top-up (:func:`card_topups_run`) pays each card in use up to its agreed weekly spend: the
top-up is the agreed level less the card's balance as last recorded, posted once per card per week as a
client payment out of the pooled account (:func:`ledger.client_money.client_payment_make`, category
*Personal allowance (including prepaid card top-ups)*), keyed ``card-topup:<card>:<monday>`` so neither
a re-run nor a crash half way pays twice."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from core.context import acting_as_job
from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import can, require
from deputyship.cards.choices import CardHolder, TopUpStatus
from deputyship.cards.models import (
    CardSpend, CardStatementImport, CardTopUp, MoneyManagementAgreement, PrepaidCard,
)
from ledger.choices import MoneyOutCategory, PaymentStatus
from ledger.services import LedgerError


class CardError(ApplicationError):
    code = "prepaid_card"


def _text(value, what: str, limit: int = 200) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise CardError(f"Give the {what}.")
    if len(text) > limit:
        raise CardError(f"Keep the {what} to {limit} characters.")
    return text


def _money(value, what: str) -> Decimal:
    if isinstance(value, float):
        raise CardError(f"The {what} must be an exact amount, never a float.")
    try:
        amount = Decimal(str(value).strip().replace(",", "").lstrip("£"))
    except (InvalidOperation, ValueError):
        raise CardError(f"The {what} must be an amount in pounds and pence, such as 25.00.") from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise CardError(f"The {what} must be an amount in pounds and pence, such as 25.00.")
    return amount


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week: top-ups are counted by week."""
    return day - dt.timedelta(days=day.weekday())


# --- the agreement and the card ------------------------------------------------------------------

def money_management_agreement_record(*, acting_user, client, third_party: str, signed_on: dt.date,
                                      review_on: dt.date) -> MoneyManagementAgreement:
    """Record a third party's signed money management agreement (before it may hold the client's card)."""
    require(acting_user, "deputyship.work_client", client)
    third_party = _text(third_party, "name of who manages the money")
    if signed_on > timezone.localdate():
        raise CardError("The agreement cannot be signed in the future.")
    if review_on <= signed_on:
        raise CardError("The review date must be after the date the agreement was signed.")
    agreement = MoneyManagementAgreement(client=client, third_party=third_party, signed_on=signed_on,
                                         review_on=review_on, recorded_by=acting_user)
    save_attributed(agreement, user=acting_user, reason=f"Money management agreement with {third_party} recorded")
    return agreement


def prepaid_card_issue(*, acting_user, client, provider: str, last_four: str, holder: str, weekly_spend,
                       issued_on: dt.date, holder_name: str = "",
                       agreement: MoneyManagementAgreement | None = None) -> PrepaidCard:
    """Record the client's prepaid card, who holds it and the agreed weekly spend.

    A card is given to a care provider to hold only under a money management agreement with that client,
    signed on or before the day, and not ended (also a CHECK in the database)."""
    require(acting_user, "deputyship.work_client", client)
    provider = _text(provider, "card provider", 100)
    last_four = (last_four or "").strip()
    if not re.fullmatch(r"[0-9]{4}", last_four):
        raise CardError("Give the last four digits of the card number (four digits only).")
    if holder not in CardHolder.values:
        raise CardError("Choose who holds the card.")
    holder_name = " ".join((holder_name or "").split())
    if holder != CardHolder.CLIENT and not holder_name:
        raise CardError("Give the name of the carer or care provider who holds the card.")
    weekly_spend = _money(weekly_spend, "agreed weekly spend")
    if weekly_spend <= 0:
        raise CardError("The agreed weekly spend must be more than £0.00.")
    if issued_on > timezone.localdate():
        raise CardError("The card cannot be issued in the future.")
    if holder == CardHolder.CARE_PROVIDER:
        if agreement is None:
            raise CardError("A care provider may hold the card only under a third-party money management "
                            "agreement: record the signed agreement first.")
        if agreement.client_id != client.pk:
            raise CardError("That agreement is for another client.")
        if agreement.signed_on > issued_on or (agreement.ended_on is not None and agreement.ended_on < issued_on):
            raise CardError("The agreement was not in force on the day the card was given.")
    with transaction.atomic():
        if PrepaidCard.objects.select_for_update().filter(client=client, ended_on__isnull=True).exists():
            raise CardError("The client already has a card in use: end it first.")
        card = PrepaidCard(client=client, provider=provider, last_four=last_four, holder=holder,
                           holder_name=holder_name, agreement=agreement, weekly_spend=weekly_spend,
                           agreed_by=acting_user, issued_on=issued_on)
        save_attributed(card, user=acting_user, reason=f"Prepaid card issued, held by {card.get_holder_display()}")
    return card


def prepaid_card_end(*, acting_user, card: PrepaidCard, ended_on: dt.date, reason: str) -> PrepaidCard:
    require(acting_user, "deputyship.work_client", card.client)
    reason = _text(reason, "reason the card ended", 500)
    with transaction.atomic():
        card = PrepaidCard.objects.select_for_update().get(pk=card.pk)
        if card.ended_on is not None:
            raise CardError("This card has already ended.")
        if ended_on < card.issued_on:
            raise CardError("The card cannot end before it was issued.")
        card.ended_on = ended_on
        save_attributed(card, user=acting_user, reason=reason)
    return card


def card_weekly_spend_change(*, acting_user, card: PrepaidCard, weekly_spend, reason: str) -> PrepaidCard:
    """Agree a new weekly spend for the card. The next weekly top-up tops the card up to the new level, and it
    is made for the officer who agreed it (:func:`_payer_for`); the old level and the reason stay in the card's
    history."""
    require(acting_user, "deputyship.work_client", card.client)
    weekly_spend = _money(weekly_spend, "agreed weekly spend")
    if weekly_spend <= 0:
        raise CardError("The agreed weekly spend must be more than £0.00.")
    reason = _text(reason, "reason for the change", 500)
    with transaction.atomic():
        card = PrepaidCard.objects.select_for_update().get(pk=card.pk)
        if card.ended_on is not None:
            raise CardError("This card has ended: issue a new card instead.")
        if weekly_spend == card.weekly_spend:
            raise CardError(f"The agreed weekly spend is already £{weekly_spend:,.2f}.")
        before = card.weekly_spend
        card.weekly_spend, card.agreed_by = weekly_spend, acting_user
        save_attributed(card, user=acting_user,
                        reason=f"Weekly spend changed from £{before:,.2f} to £{weekly_spend:,.2f}: {reason}")
    return card


def card_balance_record(*, acting_user, card: PrepaidCard, balance, on: dt.date) -> PrepaidCard:
    """Record the card's balance as seen (a receipt, the provider's portal)."""
    require(acting_user, "deputyship.work_client", card.client)
    balance = _money(balance, "balance")
    if balance < 0:
        raise CardError("A prepaid card's balance cannot be below £0.00.")
    if on > timezone.localdate():
        raise CardError("The balance cannot be dated in the future.")
    with transaction.atomic():
        card = PrepaidCard.objects.select_for_update().get(pk=card.pk)
        card.balance, card.balance_on = balance, on
        save_attributed(card, user=acting_user, reason=f"Card balance recorded: £{balance:,.2f}")
    return card


# --- the weekly top-up ----------------------------------------------------------------------------

def _payer_for(card: PrepaidCard):
    """Who the payment is made for: the officer who agreed the weekly spend if they still hold the case,
    else the officer the client's client affairs case is allocated to."""
    from people.choices import Service
    from people.models import Allocation

    candidates = [card.agreed_by]
    allocation = (Allocation.objects.filter(client=card.client, service=Service.CLIENT_AFFAIRS, end_date__isnull=True,
                                            officer__isnull=False).select_related("officer").first())
    if allocation is not None:
        candidates.append(allocation.officer)
    for user in candidates:
        if user.is_active and can(user, "ledger.record_client_money", card.client):
            return user
    return None


@dataclass
class TopUpRun:
    paid: int = 0
    held: int = 0
    not_needed: int = 0
    refused: int = 0

    def as_dict(self) -> dict:
        return {"paid": self.paid, "held": self.held, "not_needed": self.not_needed, "refused": self.refused}


def _topup_one(card: PrepaidCard, week: dt.date, run: TopUpRun) -> None:
    from deputyship.death.services import payment_allowed_after_death
    from ledger.client_money import client_payment_make
    from people.services import task_create

    with transaction.atomic():
        card = PrepaidCard.objects.select_for_update().select_related("client").get(pk=card.pk)
        if card.ended_on is not None or CardTopUp.objects.filter(card=card, week_of=week).exists():
            return
        amount = max(card.weekly_spend - card.balance, Decimal("0.00"))
        topup = CardTopUp(card=card, week_of=week, balance_before=card.balance, amount=amount)
        payer = _payer_for(card)
        if amount == 0:
            topup.status = TopUpStatus.NOT_NEEDED
            save_attributed(topup, user=card.agreed_by, reason="Card at the agreed level: no top-up")
            run.not_needed += 1
            return
        refusal = None
        decision = payment_allowed_after_death(client=card.client, category=MoneyOutCategory.PERSONAL_ALLOWANCE,
                                               amount=amount)
        if not decision.allowed:
            refusal = decision.reason
        elif payer is None:
            refusal = "No officer of the client affairs team holding this client's case can make the payment."
        else:
            try:
                with transaction.atomic(), acting_as_job("deputyship-card-topups", on_behalf_of=payer):
                    payment = client_payment_make(
                        acting_user=payer, client=card.client, amount=amount, effective_date=week,
                        category=MoneyOutCategory.PERSONAL_ALLOWANCE,
                        payee=f"{card.provider} card ending {card.last_four}",
                        reference=f"Top-up w/c {week:%d/%m/%Y}",
                        idempotency_key=f"card-topup:{card.pk}:{week.isoformat()}",
                        memo=f"Prepaid card top-up to the agreed £{card.weekly_spend:,.2f} a week")
            except (LedgerError, ApplicationError) as exc:
                refusal = str(getattr(exc, "message", "") or exc)
        if refusal is not None:
            topup.amount = amount
            topup.status = TopUpStatus.REFUSED
            topup.note = refusal
            assignee = payer or card.agreed_by
            if assignee.is_active:
                topup.task = task_create(
                    acting_user=assignee, title=f"Card top-up not made: {card.client.display_name}",
                    assigned_to=assignee,
                    due_date=timezone.localdate(), client=card.client if payer else None,
                    details=f"The top-up of £{amount:,.2f} for the week of {week:%d %B %Y} was not made: {refusal}")
            save_attributed(topup, user=card.agreed_by, reason="Card top-up refused")
            run.refused += 1
            return
        topup.payment = payment
        if payment.status == PaymentStatus.HELD:
            topup.status = TopUpStatus.HELD
            topup.note = payment.hold_reason
            run.held += 1
        else:
            topup.status = TopUpStatus.PAID
            run.paid += 1
        save_attributed(topup, user=payer, reason=f"Card topped up by £{amount:,.2f}")
        card.balance = card.balance + amount
        card.balance_on = week
        save_attributed(card, user=payer, reason="Balance after the weekly top-up")


def card_topups_run(*, on: dt.date) -> dict:
    """Top up every card in use for ``on``'s week (its Monday), each at most once.

    Unique outputs: one :class:`CardTopUp` per (card, week) whatever the outcome, and its payment's ledger
    idempotency key ``card-topup:<card>:<monday>``. Each card is its own transaction, so a crash part way
    leaves the cards done so far done, and a re-run does only the rest."""
    week = week_of(on)
    run = TopUpRun()
    cards = (PrepaidCard.objects.filter(ended_on__isnull=True, issued_on__lte=on)
             .exclude(topups__week_of=week).order_by("pk"))
    for card in cards:
        _topup_one(card, week, run)
    return run.as_dict()


# --- card statements -----------------------------------------------------------------------------

#: The card statement layout we read (a CSV with a header row), documented in
#: docs/deputyship-life-events.md: no prepaid card issuer publishes a statement export layout we could
#: cite, so the council maps its provider's download to these four columns.
STATEMENT_COLUMNS = ("Date", "Description", "Amount", "Balance")
STATEMENT_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class StatementLine:
    number: int
    spent_on: dt.date
    description: str
    amount: Decimal
    balance: Decimal


def card_statement_read(content: bytes) -> list[StatementLine]:
    """Read and check the whole file first; every fault is listed, by line, and nothing is kept."""
    if not content:
        raise CardError("The file is empty.")
    if len(content) > STATEMENT_MAX_BYTES:
        raise CardError("The file is larger than 2 MB; is it a card statement?")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CardError("The file is not text (UTF-8); export the statement as CSV.") from None
    rows = list(csv.reader(io.StringIO(text)))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows or tuple(cell.strip() for cell in rows[0]) != STATEMENT_COLUMNS:
        raise CardError(f"The first row must be the headings {', '.join(STATEMENT_COLUMNS)}.")
    errors: list[str] = []
    lines: list[StatementLine] = []
    today = timezone.localdate()
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 4:
            errors.append(f"Line {number}: expected 4 columns, found {len(row)}.")
            continue
        date_text, description, amount_text, balance_text = (cell.strip() for cell in row)
        try:
            spent_on = dt.datetime.strptime(date_text, "%d/%m/%Y").date()
        except ValueError:
            errors.append(f"Line {number}: the date {date_text!r} is not a date as DD/MM/YYYY.")
            continue
        if spent_on > today:
            errors.append(f"Line {number}: the date {date_text} is in the future.")
        if not description or len(description) > 200:
            errors.append(f"Line {number}: give a description of up to 200 characters.")
        try:
            amount = _money(amount_text, "amount")
            balance = _money(balance_text, "balance")
        except CardError as exc:
            errors.append(f"Line {number}: {exc.message}")
            continue
        if amount == 0:
            errors.append(f"Line {number}: the amount is £0.00.")
        if balance < 0:
            errors.append(f"Line {number}: a prepaid card's balance cannot be below £0.00.")
        if lines and lines[-1].balance + amount != balance:
            errors.append(f"Line {number}: the balance £{balance:,.2f} is not the previous balance "
                          f"£{lines[-1].balance:,.2f} plus the amount {amount:,.2f}.")
        lines.append(StatementLine(number, spent_on, description, amount, balance))
    if not lines and not errors:
        errors.append("The file has no statement lines.")
    if any(later.spent_on < earlier.spent_on for earlier, later in zip(lines, lines[1:])):
        errors.append("The lines are not in date order.")
    if errors:
        raise CardError("The statement was not imported: " + " ".join(errors[:20]),
                        extra={"lines": errors})
    return lines


def card_statement_import(*, acting_user, card: PrepaidCard, filename: str, content: bytes) -> CardStatementImport:
    """Record a card statement's spending against the client: all the lines or none. The same file again
    (by its SHA-256) returns the first import and records nothing."""
    require(acting_user, "deputyship.work_client", card.client)
    fingerprint = hashlib.sha256(content or b"").hexdigest()
    existing = CardStatementImport.objects.filter(fingerprint=fingerprint).first()
    if existing is not None:
        if existing.card_id != card.pk:
            raise CardError("This statement file was already imported for another card.")
        return existing
    lines = card_statement_read(content)
    filename = (filename or "statement.csv")[:255]
    with transaction.atomic():
        card = PrepaidCard.objects.select_for_update().get(pk=card.pk)
        statement = CardStatementImport(
            card=card, filename=filename, fingerprint=fingerprint, lines=len(lines),
            spent=-sum((line.amount for line in lines if line.amount < 0), Decimal("0")),
            loaded=sum((line.amount for line in lines if line.amount > 0), Decimal("0")),
            closing_balance=lines[-1].balance, imported_by=acting_user)
        save_attributed(statement, user=acting_user, reason=f"Card statement {filename} imported")
        for line in lines:
            save_attributed(CardSpend(statement=statement, card=card, client_id=card.client_id,
                                      line_number=line.number, spent_on=line.spent_on,
                                      description=line.description, amount=line.amount, balance_after=line.balance),
                            user=acting_user, reason="Card statement line")
        last = lines[-1]
        if card.balance_on is None or last.spent_on >= card.balance_on:
            card.balance, card.balance_on = last.balance, last.spent_on
            save_attributed(card, user=acting_user, reason="Balance from the card statement")
    return statement
