"""Winding up a client's affairs after their death.

- :func:`death_record` records the death, ends the council's legal authority (``authority_end``), gives a
  task for each notification (DWP through Tell Us Once or the Bereavement Service, the OPG, the Court of
  Protection, banks, executors, relatives) and one to hand over keys and belongings (Ombudsman: East
  Sussex 24 002 429).
- :func:`payment_allowed_after_death` is the check every maker of client payments calls before paying
  (payment runs, scheduled payments, card top-ups): after the death the account is frozen except for
  funeral costs within a recorded executor's consent, and the estate's release once a grant is recorded.
- :func:`bona_vacantia_decide` records whether the estate goes to the Government Legal Department's Bona
  Vacantia Division, refusing a referral the division would refuse (gov.uk, "Refer a deceased person's
  estate to the Treasury Solicitor",
  https://www.gov.uk/guidance/refer-a-deceased-persons-estate-to-the-treasury-solicitor,
  "Before you refer an estate")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from deputyship.death.choices import (
    ESTATE_RELEASE, FUNERAL_COSTS, GrantKind, LetterTo, NotificationTo, NotifiedHow, WillStatus,
)
from deputyship.death.models import (
    BonaVacantiaDecision, Death, DeathLetter, DeathNotification, EstateRelease, FinalAccount, FuneralConsent,
    FuneralPayment, Grant,
)
from deputyship.authority.choices import AuthorityKind
from ledger.choices import MoneyOutCategory, PaymentStatus

#: The Bona Vacantia Division does not deal with an estate whose net value is below £500 (gov.uk, "Refer a
#: deceased person's estate to the Treasury Solicitor", "Before you refer an estate").
BONA_VACANTIA_MINIMUM_NET_ESTATE = Decimal("500.00")

#: Days after the council hears of the death by which each notification task is due (a working choice of
#: the service, not a statutory figure).
NOTIFY_WITHIN_DAYS = 5


class DeathError(ApplicationError):
    code = "death"


@dataclass(frozen=True)
class PaymentDecision:
    allowed: bool
    reason: str


def _text(value, what: str, limit: int = 200) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise DeathError(f"Give the {what}.")
    if len(text) > limit:
        raise DeathError(f"Keep the {what} to {limit} characters.")
    return text


def _amount(value, what: str) -> Decimal:
    if isinstance(value, float) or not isinstance(value, (Decimal, int, str)):
        raise DeathError(f"The {what} must be an exact amount.")
    try:
        amount = Decimal(str(value))
    except Exception:  # noqa: BLE001 - any unreadable amount is the same mistake
        raise DeathError(f"The {what} must be an amount in pounds and pence.") from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise DeathError(f"The {what} must be an amount in pounds and pence.")
    return amount


def funeral_consent_remaining(death: Death) -> Decimal:
    consented = death.funeral_consents.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    paid = (FuneralPayment.objects.filter(consent__death=death)
            .exclude(payment__status=PaymentStatus.CANCELLED).aggregate(total=Sum("amount"))["total"] or Decimal("0"))
    return consented - paid


def payment_allowed_after_death(*, client, category: str, amount: Decimal) -> PaymentDecision:
    """May a payment out of ``client``'s money be made? Writes nothing.

    Before a death is recorded, yes. After it, only funeral costs (``category`` :data:`FUNERAL_COSTS`)
    within the executor's recorded consent not yet used, and the estate's release (:data:`ESTATE_RELEASE`)
    once a grant of probate or letters of administration is recorded. Every service that pays out of a
    client's money must ask this first."""
    death = Death.objects.filter(client=client).first()
    if death is None:
        return PaymentDecision(True, "The client is alive.")
    if category == FUNERAL_COSTS:
        remaining = funeral_consent_remaining(death)
        if not death.funeral_consents.exists():
            return PaymentDecision(False, "Funeral costs are paid only with the executor's consent: record it first.")
        if amount > remaining:
            return PaymentDecision(False, f"The executor's consent covers £{remaining:,.2f} more of funeral costs; "
                                          f"this payment of £{amount:,.2f} is more than that.")
        return PaymentDecision(True, "A funeral cost within the executor's consent.")
    if category == ESTATE_RELEASE:
        if not Grant.objects.filter(death=death).exists():
            return PaymentDecision(False, "The estate is released only on sight of the grant of probate or letters "
                                          "of administration: record the grant first.")
        return PaymentDecision(True, "The estate's release to the personal representative named in the grant.")
    return PaymentDecision(False, f"{client.full_name} died on {death.died_on:%d %B %Y}: the account is frozen except "
                                  "for funeral costs with the executor's consent and the estate's release on a grant.")


def _assignee(client, acting_user):
    from people.choices import Service
    from people.models import Allocation

    allocation = (Allocation.objects.filter(client=client, service=Service.CLIENT_AFFAIRS, end_date__isnull=True,
                                            officer__isnull=False, officer__is_active=True)
                  .select_related("officer").first())
    return allocation.officer if allocation is not None else acting_user


NOTIFICATION_TASKS = {
    NotificationTo.DWP: "Tell the DWP of the death (Tell Us Once, or the Bereavement Service) and stop benefits",
    NotificationTo.OPG: "Tell the Office of the Public Guardian of the death and send the final report",
    NotificationTo.COURT: "Tell the Court of Protection of the death",
    NotificationTo.BANK: "Tell the banks and building societies of the death and freeze the accounts",
    NotificationTo.EXECUTOR: "Tell the executors of the death and of the funeral arrangements",
    NotificationTo.RELATIVES: "Tell the relatives of the death",
}


def death_record(*, acting_user, client, died_on: dt.date, notified_on: dt.date, notified_how: str,
                 will: str = WillStatus.UNKNOWN, executor: str = "") -> Death:
    """Record the client's death: the authority ends on the day, and the notification and keys tasks are
    given to the officer holding the case. Recording it twice is refused."""
    from deputyship.authority.services import authority_end, authority_in_force
    from people.services import task_create

    require(acting_user, "deputyship.work_client", client)
    today = timezone.localdate()
    if died_on > today or notified_on > today:
        raise DeathError("The dates cannot be in the future.")
    if notified_on < died_on:
        raise DeathError("The council cannot have been told before the date of death.")
    if notified_how not in NotifiedHow.values:
        raise DeathError("Choose how the council was told.")
    if will not in WillStatus.values:
        raise DeathError("Say whether there is a will.")
    executor = " ".join((executor or "").split())[:200]
    with transaction.atomic():
        if Death.objects.select_for_update().filter(client=client).exists():
            raise DeathError("The client's death is already recorded.")
        death = Death(client=client, died_on=died_on, notified_on=notified_on, notified_how=notified_how, will=will,
                      executor=executor, recorded_by=acting_user)
        save_attributed(death, user=acting_user, reason="Death recorded")
        authority = authority_in_force(client=client, on=died_on)
        if authority is not None and authority.ends_on is None:
            authority_end(acting_user=acting_user, authority=authority, ends_on=max(died_on, authority.starts_on),
                          reason=f"The client died on {died_on:%d %B %Y}.")
        officer = _assignee(client, acting_user)
        due = notified_on + dt.timedelta(days=NOTIFY_WITHIN_DAYS)
        for to, title in NOTIFICATION_TASKS.items():
            task = task_create(acting_user=acting_user, title=f"{client.display_name}: {title}", assigned_to=officer,
                               due_date=max(due, today), client=client, subject=death)
            save_attributed(DeathNotification(death=death, to=to, task=task), user=acting_user,
                            reason=f"Notification to {NotificationTo(to).label}")
        death.keys_task = task_create(
            acting_user=acting_user, title=f"{client.display_name}: hand over the keys and belongings",
            assigned_to=officer, due_date=max(due, today), client=client, subject=death,
            details="Hand the keys and belongings to the executor or next of kin promptly, with a receipt "
                    "(Ombudsman: East Sussex 24 002 429).")
        save_attributed(death, user=acting_user, reason="Keys and belongings task given")
        _death_letters_make(acting_user=acting_user, death=death)
        if authority is not None and authority.kind == AuthorityKind.DEPUTY:
            _final_report_make(acting_user=acting_user, authority=authority)
    return death


def _final_report_make(*, acting_user, authority) -> None:
    # The deputyship ended with the death, so its last reporting period ends that day and its report is the final
    # report (deputyship.returns): made now when the day has passed, or else by the court returns' morning job.
    from deputyship.returns.services import returns_make

    returns_make(acting_user=acting_user, authority=authority)


def final_report_of(death: Death):
    """The final report to the OPG of the deputyship the death ended, once it has been made (court returns)."""
    from deputyship.returns.models import CourtReturn

    return (CourtReturn.objects.filter(client=death.client, final=True, authority__ends_on=death.died_on)
            .order_by("-period_end").first())


# --- the notification letters -----------------------------------------------------------------------------

#: The notification task each kind of letter is done under.
LETTER_TASK = {LetterTo.DWP: NotificationTo.DWP, LetterTo.OPG: NotificationTo.OPG, LetterTo.COURT: NotificationTo.COURT,
               LetterTo.ORGANISATION: NotificationTo.BANK, LetterTo.EXECUTOR: NotificationTo.EXECUTOR,
               LetterTo.RELATIVE: NotificationTo.RELATIVES}


@dataclass(frozen=True)
class LetterRecipient:
    to: str
    contact: object | None
    name: str
    has_address: bool

    @property
    def label(self) -> str:
        return LetterTo(self.to).label


def death_letter_recipients(*, death: Death) -> list[LetterRecipient]:
    """Who is told of the death by letter: the OPG and the Court of Protection when the council was the client's
    deputy; and from the client's contacts as they stood on the day of death, each executor, each relative or
    next of kin, and each organisation holding an account, bill or benefit (the DWP office, banks, utilities,
    pension providers...; not the care provider, nor the council itself as deputy or appointee). One letter per
    contact: an executor who is also a relative is written to as executor."""
    from deputyship.authority.models import LegalAuthority
    from people.choices import ContactKind, OrganisationType, Relationship
    from people.models import ClientContact

    client, on = death.client, death.died_on
    found: list[LetterRecipient] = []
    if LegalAuthority.objects.filter(client=client, kind=AuthorityKind.DEPUTY).exists():
        found += [LetterRecipient(LetterTo.OPG, None, "Office of the Public Guardian", True),
                  LetterRecipient(LetterTo.COURT, None, "Court of Protection", True)]
    chosen: dict[int, tuple[int, LetterRecipient]] = {}
    rank = {LetterTo.EXECUTOR: 0, LetterTo.RELATIVE: 1, LetterTo.DWP: 2, LetterTo.ORGANISATION: 2}
    links = ClientContact.objects.filter(client=client).select_related("contact").order_by("contact__name", "pk")
    for link in links:
        if (link.start_date is not None and link.start_date > on) or (link.end_date is not None and link.end_date < on):
            continue
        contact = link.contact
        if link.relationship == Relationship.EXECUTOR:
            to = LetterTo.EXECUTOR
        elif link.relationship in (Relationship.RELATIVE, Relationship.NEXT_OF_KIN) or link.is_next_of_kin:
            to = LetterTo.RELATIVE
        elif (contact.kind == ContactKind.ORGANISATION
              and link.relationship not in (Relationship.DEPUTY, Relationship.APPOINTEE, Relationship.CARE_PROVIDER)
              and contact.organisation_type not in (OrganisationType.CARE_PROVIDER, OrganisationType.COURT,
                                                    OrganisationType.COUNCIL)):
            to = LetterTo.DWP if contact.organisation_type == OrganisationType.DWP else LetterTo.ORGANISATION
        else:
            continue
        recipient = LetterRecipient(to, contact, contact.name, bool(contact.address.strip()))
        if contact.pk not in chosen or rank[to] < chosen[contact.pk][0]:
            chosen[contact.pk] = (rank[to], recipient)
    return found + [recipient for _rank, recipient in chosen.values()]


def _death_letters_make(*, acting_user, death: Death) -> tuple[list[DeathLetter], list[LetterRecipient]]:
    """Make the letter of each recipient not yet written to who has a postal address; returns the letters made
    and the recipients left out for want of an address."""
    from documents.services import document_request

    from deputyship.death.letters import NOTICE

    sent = list(death.letters.values_list("to", "contact_id"))
    contacts_written_to = {contact for _to, contact in sent if contact is not None}
    fixed_written_to = {to for to, contact in sent if contact is None}
    notifications = {n.to: n for n in death.notifications.all()}
    made, no_address = [], []
    for recipient in death_letter_recipients(death=death):
        contact_id = recipient.contact.pk if recipient.contact is not None else None
        if contact_id in contacts_written_to or (contact_id is None and recipient.to in fixed_written_to):
            continue
        if not recipient.has_address:
            no_address.append(recipient)
            continue
        letter = document_request(
            acting_user=acting_user, client=death.client, kind=NOTICE,
            request_key=f"death-{death.pk}-{recipient.to}-{contact_id or 0}",
            letter_args={"death_id": death.pk, "to": recipient.to, "contact": recipient.contact})
        notification = notifications[LETTER_TASK[recipient.to]]
        record = DeathLetter(death=death, notification=notification, to=recipient.to, contact=recipient.contact,
                             recipient=recipient.name[:200], letter=letter, sent_on=timezone.localdate(),
                             sent_by=acting_user)
        save_attributed(record, user=acting_user, reason=f"Death notified by letter to {recipient.name}"[:200])
        if recipient.to in (LetterTo.OPG, LetterTo.COURT) and notification.letter_id is None:
            notification.letter = letter
            save_attributed(notification, user=acting_user, reason="Letter made")
        made.append(record)
    return made, no_address


def death_letters_send(*, acting_user, death: Death) -> list[DeathLetter]:
    """Make, in one go, the notification letters not made yet (e.g. once an address or an executor has been
    added to the client's contacts). Refused, writing nothing, when there is nobody left to write to."""
    require(acting_user, "deputyship.work_client", death.client)
    with transaction.atomic():
        death = Death.objects.select_for_update().select_related("client").get(pk=death.pk)
        made, no_address = _death_letters_make(acting_user=acting_user, death=death)
        if not made:
            if no_address:
                raise DeathError("Record a postal address first for: "
                                 + ", ".join(r.name for r in no_address) + ".")
            raise DeathError("Everyone recorded has been written to. Add the executor, relatives and the client's "
                             "banks and other organisations on the Contacts tab first.")
    return made


def funeral_consent_record(*, acting_user, death: Death, consented_by: str, consented_on: dt.date,
                           funeral_director: str, amount) -> FuneralConsent:
    require(acting_user, "deputyship.work_client", death.client)
    consented_by = _text(consented_by, "name of the executor or next of kin who consented")
    funeral_director = _text(funeral_director, "funeral director")
    amount = _amount(amount, "amount consented to")
    if amount <= 0:
        raise DeathError("The amount consented to must be more than £0.00.")
    if consented_on > timezone.localdate() or consented_on < death.died_on:
        raise DeathError("The consent must be dated between the death and today.")
    consent = FuneralConsent(death=death, consented_by=consented_by, consented_on=consented_on,
                             funeral_director=funeral_director, amount=amount, recorded_by=acting_user)
    save_attributed(consent, user=acting_user, reason=f"Funeral costs consent by {consented_by}")
    return consent


def funeral_cost_pay(*, acting_user, consent: FuneralConsent, amount, effective_date: dt.date, reference: str,
                     idempotency_key: str):
    """Pay funeral costs to the funeral director named in the consent, within what the consent covers."""
    from ledger.client_money import client_payment_make

    death = consent.death
    require(acting_user, "deputyship.work_client", death.client)
    amount = _amount(amount, "amount")
    if amount <= 0:
        raise DeathError("The amount must be more than £0.00.")
    with transaction.atomic():
        Death.objects.select_for_update().get(pk=death.pk)
        existing = FuneralPayment.objects.filter(payment__idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing.payment
        decision = payment_allowed_after_death(client=death.client, category=FUNERAL_COSTS, amount=amount)
        if not decision.allowed:
            raise DeathError(decision.reason)
        payment = client_payment_make(
            acting_user=acting_user, client=death.client, amount=amount, effective_date=effective_date,
            category=MoneyOutCategory.OTHER_SPENDING, payee=consent.funeral_director, reference=reference,
            memo=f"Funeral costs, with the consent of {consent.consented_by}", idempotency_key=idempotency_key)
        save_attributed(FuneralPayment(consent=consent, payment=payment, amount=amount), user=acting_user,
                        reason="Funeral costs paid with the executor's consent")
    return payment


def _final_account_postings(*, death: Death, as_at: dt.date):
    from ledger.models import Posting
    from ledger.selectors import client_funds_account

    funds = client_funds_account(client=death.client)
    if funds is None:
        return None, Posting.objects.none()
    return funds, Posting.objects.filter(account=funds, effective_date__gt=death.died_on, effective_date__lte=as_at)


def final_account_lines(*, death: Death, as_at: dt.date) -> list[dict]:
    """The ledger lines after the death up to ``as_at`` that make the final account's money in and out (the
    same postings :func:`final_account_prepare` adds up), oldest first."""
    _funds, since = _final_account_postings(death=death, as_at=as_at)
    zero = Decimal("0.00")
    return [{"on": p.effective_date, "description": p.transaction.memo or p.transaction.get_kind_display(),
             # The client's funds account is a liability: money in is a credit (negative), out a debit.
             "money_in": -p.amount if p.amount < 0 else zero, "money_out": p.amount if p.amount > 0 else zero}
            for p in since.select_related("transaction").order_by("effective_date", "pk")]


def final_account_prepare(*, acting_user, death: Death, as_at: dt.date | None = None) -> FinalAccount:
    """The client's money at death and since: the balance at the date of death, the money in and out after
    it, and the balance now. Prepared once; the figures come from the ledger."""
    from ledger.selectors import account_balance

    require(acting_user, "deputyship.work_client", death.client)
    as_at = as_at or timezone.localdate()
    if as_at < death.died_on:
        raise DeathError("The final account cannot be made up to a date before the death.")
    if as_at > timezone.localdate():
        raise DeathError("The final account cannot be made up to a date in the future.")
    with transaction.atomic():
        Death.objects.select_for_update().get(pk=death.pk)
        existing = FinalAccount.objects.filter(death=death).first()
        if existing is not None:
            return existing
        funds, since = _final_account_postings(death=death, as_at=as_at)
        zero = Decimal("0.00")
        at_death = account_balance(account=funds, as_at=death.died_on) if funds else zero
        # The client's funds account is a liability: money in is a credit (negative amount), out a debit.
        money_in = -(since.filter(amount__lt=0).aggregate(t=Sum("amount"))["t"] or zero)
        money_out = since.filter(amount__gt=0).aggregate(t=Sum("amount"))["t"] or zero
        account = FinalAccount(death=death, balance_at_death=at_death, money_in_since=money_in,
                               money_out_since=money_out, balance_now=at_death + money_in - money_out, as_at=as_at,
                               prepared_by=acting_user)
        save_attributed(account, user=acting_user, reason="Final account prepared")
    return account


def final_account_render(*, acting_user, death: Death, as_at: dt.date | None = None,
                         request_key: str | None = None):
    """The final account as a PDF, stored on the client (documents): the account is prepared first if it is
    not yet (:func:`final_account_prepare`), and the PDF prints the figures recorded there. Asking again
    returns the document already made."""
    from documents.services import document_request

    from deputyship.death.letters import FINAL_ACCOUNT

    require(acting_user, "deputyship.work_client", death.client)
    with transaction.atomic():
        account = final_account_prepare(acting_user=acting_user, death=death, as_at=as_at)
        account = FinalAccount.objects.select_for_update().get(pk=account.pk)
        if account.document_id is not None:
            return account.document
        lines = final_account_lines(death=death, as_at=account.as_at)
        if (sum((line["money_in"] for line in lines), Decimal("0.00")) != account.money_in_since
                or sum((line["money_out"] for line in lines), Decimal("0.00")) != account.money_out_since):
            raise DeathError("The ledger has changed for the period of the final account since it was prepared: "
                             "ask a team leader to look at the late postings before the account is sent.")
        document = document_request(acting_user=acting_user, client=death.client, kind=FINAL_ACCOUNT,
                                    request_key=request_key or f"death-final-account-{death.pk}",
                                    letter_args={"final_account_id": account.pk})
        account.document = document
        save_attributed(account, user=acting_user, reason="Final account made as a PDF")
    return document


def grant_record(*, acting_user, death: Death, kind: str, issued_on: dt.date, reference: str,
                 granted_to: str) -> Grant:
    require(acting_user, "deputyship.work_client", death.client)
    if kind not in GrantKind.values:
        raise DeathError("Choose a grant of probate or letters of administration.")
    reference = _text(reference, "grant's reference", 60)
    granted_to = _text(granted_to, "name of the person the grant was made to")
    if issued_on > timezone.localdate() or issued_on < death.died_on:
        raise DeathError("The grant must be dated between the death and today.")
    with transaction.atomic():
        Death.objects.select_for_update().get(pk=death.pk)
        if Grant.objects.filter(death=death).exists():
            raise DeathError("A grant is already recorded for this estate.")
        grant = Grant(death=death, kind=kind, issued_on=issued_on, reference=reference, granted_to=granted_to,
                      recorded_by=acting_user)
        save_attributed(grant, user=acting_user, reason=f"{grant.get_kind_display()} recorded")
    return grant


def estate_release(*, acting_user, death: Death, released_on: dt.date) -> EstateRelease:
    """Pay what the client's funds hold to the personal representative named in the grant: once."""
    from ledger.client_money import client_payment_make
    from ledger.selectors import available_funds

    require(acting_user, "deputyship.work_client", death.client)
    with transaction.atomic():
        Death.objects.select_for_update().get(pk=death.pk)
        existing = EstateRelease.objects.filter(death=death).first()
        if existing is not None:
            return existing
        grant = Grant.objects.filter(death=death).first()
        decision = payment_allowed_after_death(client=death.client, category=ESTATE_RELEASE, amount=Decimal("0"))
        if grant is None or not decision.allowed:
            raise DeathError(decision.reason)
        if released_on < grant.issued_on or released_on > timezone.localdate():
            raise DeathError("The release must be dated between the grant and today.")
        amount = available_funds(client=death.client)
        payment = None
        if amount > 0:
            payment = client_payment_make(
                acting_user=acting_user, client=death.client, amount=amount, effective_date=released_on,
                category=MoneyOutCategory.TRANSFERS_OUT, payee=grant.granted_to, reference=grant.reference,
                memo=f"Estate released on the {grant.get_kind_display().lower()} {grant.reference}",
                idempotency_key=f"estate-release:{death.pk}")
        release = EstateRelease(death=death, grant=grant, amount=amount, paid_to=grant.granted_to, payment=payment,
                                released_on=released_on, released_by=acting_user)
        save_attributed(release, user=acting_user, reason="Estate released on the grant")
    return release


def bona_vacantia_reasons_not_to_refer(*, valid_will: bool, known_entitled_relatives: bool, grant_issued: bool,
                                       gross_estate: Decimal, funeral_and_debts: Decimal) -> list[str]:
    """The Bona Vacantia Division's reasons for refusing a referral that apply (gov.uk, "Refer a deceased
    person's estate to the Treasury Solicitor", "Before you refer an estate"); empty when none do."""
    reasons = []
    if valid_will:
        reasons.append("There is a valid will: the division does not deal with the estate even if the executor "
                       "and beneficiaries cannot be traced.")
    if known_entitled_relatives:
        reasons.append("There are known or likely entitled relatives.")
    if grant_issued:
        reasons.append("A grant of probate or letters of administration has already been issued.")
    net = gross_estate - funeral_and_debts
    if net < 0:
        reasons.append(f"The estate is insolvent: funeral costs and debts (£{funeral_and_debts:,.2f}) are more than "
                       f"its assets (£{gross_estate:,.2f}).")
    elif net < BONA_VACANTIA_MINIMUM_NET_ESTATE:
        reasons.append(f"The net estate after funeral costs and debts is £{net:,.2f}, below the division's "
                       f"£{BONA_VACANTIA_MINIMUM_NET_ESTATE:,.2f}.")
    return reasons


def bona_vacantia_decide(*, acting_user, death: Death, refer: bool, valid_will: bool, known_entitled_relatives: bool,
                         grant_issued: bool, gross_estate, funeral_and_debts, reason: str = "") -> BonaVacantiaDecision:
    """Record whether the estate is referred to the Bona Vacantia Division (form BV1A) and why. A referral
    the division would refuse is refused here; a decision not to refer when the criteria are met needs the
    officer's reason."""
    require(acting_user, "deputyship.work_client", death.client)
    gross_estate = _amount(gross_estate, "estate's assets")
    funeral_and_debts = _amount(funeral_and_debts, "funeral costs and debts")
    if gross_estate < 0 or funeral_and_debts < 0:
        raise DeathError("The amounts cannot be below £0.00.")
    reason = " ".join((reason or "").split())
    against = bona_vacantia_reasons_not_to_refer(
        valid_will=valid_will, known_entitled_relatives=known_entitled_relatives, grant_issued=grant_issued,
        gross_estate=gross_estate, funeral_and_debts=funeral_and_debts)
    if refer and against:
        raise DeathError("The Bona Vacantia Division would refuse this referral: " + " ".join(against))
    if refer:
        reasons = ("No valid will, no known entitled relatives, no grant issued and a net estate of "
                   f"£{gross_estate - funeral_and_debts:,.2f}: referred to the Bona Vacantia Division (BV1A).")
        if reason:
            reasons += f" {reason}"
    elif against:
        reasons = "Not referred: " + " ".join(against) + (f" {reason}" if reason else "")
    else:
        if not reason:
            raise DeathError("The estate meets the division's criteria: say why it is not being referred.")
        reasons = f"Not referred: {reason}"
    with transaction.atomic():
        Death.objects.select_for_update().get(pk=death.pk)
        if BonaVacantiaDecision.objects.filter(death=death).exists():
            raise DeathError("The Bona Vacantia decision for this estate is already recorded.")
        decision = BonaVacantiaDecision(
            death=death, valid_will=valid_will, known_entitled_relatives=known_entitled_relatives,
            grant_issued=grant_issued, gross_estate=gross_estate, funeral_and_debts=funeral_and_debts, refer=refer,
            reasons=reasons, decided_on=timezone.localdate(), decided_by=acting_user)
        save_attributed(decision, user=acting_user, reason="Bona Vacantia decision recorded")
    return decision
