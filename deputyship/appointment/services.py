"""On appointment: tell every organisation holding the client's accounts or bills of the council's authority,
in one go, and track the client's accounts to closure or consolidation into the client account."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from deputyship.appointment.choices import AccountAction, NotificationStatus
from deputyship.appointment.models import AccountClosure, OrderNotification
from documents.choices import DocumentKind
from people.choices import ContactKind, Relationship
from people.models import ClientContact
from people.selectors import today


class AppointmentError(ApplicationError):
    code = "appointment"


def organisations_to_notify(*, authority) -> list[ClientContact]:
    """The client's current links to organisations (banks, DWP, utilities, insurers, pension providers...),
    one per organisation, that have not yet been told of this authority."""
    on = today()
    told = set(OrderNotification.objects.filter(authority=authority).values_list("contact_id", flat=True))
    links = (ClientContact.objects.filter(client=authority.client, contact__kind=ContactKind.ORGANISATION)
             .exclude(relationship__in=[Relationship.DEPUTY, Relationship.APPOINTEE, Relationship.CARE_PROVIDER])
             .select_related("contact").order_by("contact__name", "id"))
    chosen: dict[int, ClientContact] = {}
    for link in links:
        current = (link.start_date is None or link.start_date <= on) and (link.end_date is None or link.end_date >= on)
        if current and link.contact_id not in told and link.contact_id not in chosen:
            chosen[link.contact_id] = link
    return list(chosen.values())


def order_notifications_send(*, acting_user, authority) -> list[OrderNotification]:
    """One letter to each organisation not yet told, in one go, each tracked. Refused, writing nothing, when
    the authority is not in force or an organisation has no postal address."""
    from documents.services import document_request

    require(acting_user, "deputyship.work_client", authority.client)
    if authority.ends_on is not None:
        raise AppointmentError("This authority has ended.")
    links = organisations_to_notify(authority=authority)
    if not links:
        raise AppointmentError("Every organisation recorded for this client has been told. Add the client's banks, "
                               "utilities and other organisations on the Contacts tab first.")
    no_address = [link.contact.name for link in links if not link.contact.address.strip()]
    if no_address:
        raise AppointmentError(f"Record a postal address first for: {', '.join(no_address)}.")
    sent = []
    with transaction.atomic():
        for link in links:
            letter = document_request(
                acting_user=acting_user, client=authority.client, kind=DocumentKind.DEPUTYSHIP_ORDER_NOTICE,
                request_key=f"dep-order-{authority.pk}-{link.contact_id}",
                letter_args={"contact": link.contact, "authority": authority, "description": link.description})
            notice = OrderNotification(authority=authority, client=authority.client, contact=link.contact,
                                       letter=letter, sent_on=today(), sent_by=acting_user)
            save_attributed(notice, user=acting_user, reason="Told of the council's authority by letter")
            sent.append(notice)
    return sent


def order_notification_update(*, acting_user, notification: OrderNotification, status: str, on: dt.date,
                              note: str = "") -> OrderNotification:
    require(acting_user, "deputyship.work_client", notification.client)
    if status not in NotificationStatus.values or status == NotificationStatus.SENT:
        raise AppointmentError("Choose what happened.")
    if on > today() or on < notification.sent_on:
        raise AppointmentError("The date must be between the letter and today.")
    with transaction.atomic():
        notification = OrderNotification.objects.select_for_update().get(pk=notification.pk)
        notification.status, notification.updated_on, notification.note = status, on, (note or "").strip()
        save_attributed(notification, user=acting_user, reason=NotificationStatus(status).label)
    return notification


def account_closure_add(*, acting_user, authority, institution: str, account_description: str, holder: str,
                        balance: Decimal, action: str) -> AccountClosure:
    require(acting_user, "deputyship.work_client", authority.client)
    if action not in AccountAction.values:
        raise AppointmentError("Choose what happens to the account.")
    if not (institution or "").strip() or not (account_description or "").strip() or not (holder or "").strip():
        raise AppointmentError("Enter the bank, the account and whose name it is in.")
    if balance is None:
        raise AppointmentError("Enter the balance.")
    account = AccountClosure(client=authority.client, authority=authority, institution=institution.strip(),
                             account_description=account_description.strip(), holder=holder.strip(), balance=balance,
                             action=action, recorded_by=acting_user)
    with transaction.atomic():
        save_attributed(account, user=acting_user, reason="Account found on appointment")
    return account


def account_closure_close(*, acting_user, account: AccountClosure, closed_on: dt.date,
                          amount_transferred: Decimal) -> AccountClosure:
    """The account closed (or consolidated) and what arrived in the client account."""
    require(acting_user, "deputyship.work_client", account.client)
    if amount_transferred is None or amount_transferred < 0:
        raise AppointmentError("The amount transferred must be £0 or more.")
    if closed_on > today():
        raise AppointmentError("The closing date cannot be in the future.")
    with transaction.atomic():
        account = AccountClosure.objects.select_for_update().get(pk=account.pk)
        if account.action == AccountAction.KEEP:
            raise AppointmentError("This account is being kept open.")
        if account.closed_on is not None:
            raise AppointmentError("This account is already closed.")
        account.closed_on, account.amount_transferred = closed_on, amount_transferred
        save_attributed(account, user=acting_user, reason="Closed; balance transferred to the client account")
    return account
