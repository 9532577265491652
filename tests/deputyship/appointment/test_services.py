"""On appointment: one letter to each organisation holding the client's accounts or bills, from the contacts
already recorded, each tracked; and the accounts closed or consolidated into the client account."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pypdf import PdfReader

from core.exceptions import ApplicationError
from deputyship.appointment import services
from deputyship.appointment.models import AccountClosure, OrderNotification
from documents.models import Document
from documents.services import document_render
from people import services as people_services
from tests.deputyship.authority.conftest import TODAY
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations(officer, north_client):
    made = []
    for name, kind, description in (("Barclays Bank UK PLC", "bank", "Current account ending 4411"),
                                    ("British Gas", "utility", "Gas and electricity"),
                                    ("DWP Pension Service", "dwp", "State Pension")):
        contact = ContactFactory(name=name, kind="organisation", organisation_type=kind,
                                 address=f"{name}\nPO Box 1\nQB9 9ZZ")
        made.append(people_services.client_contact_link(acting_user=officer, client=north_client, contact=contact,
                                                        relationship="organisation", description=description))
    relative = ContactFactory(name="Susan Thornton", address="18 Larkspur Way")
    people_services.client_contact_link(acting_user=officer, client=north_client, contact=relative,
                                        relationship="relative")
    return made


def test_one_letter_to_each_organisation_in_one_go(officer, deputy_order, organisations):
    sent = services.order_notifications_send(acting_user=officer, authority=deputy_order)
    assert {n.contact.name for n in sent} == {"Barclays Bank UK PLC", "British Gas", "DWP Pension Service"}
    assert Document.objects.filter(kind="deputyship.order_notice").count() == 3
    assert all(n.status == "sent" for n in sent)
    with pytest.raises(ApplicationError, match="has been told"):
        services.order_notifications_send(acting_user=officer, authority=deputy_order)


def test_an_organisation_added_later_is_told_on_its_own(officer, north_client, deputy_order, organisations):
    services.order_notifications_send(acting_user=officer, authority=deputy_order)
    insurer = ContactFactory(name="Aviva", kind="organisation", organisation_type="other", address="Aviva\nYork")
    people_services.client_contact_link(acting_user=officer, client=north_client, contact=insurer,
                                        relationship="organisation", description="Home insurance")
    assert [n.contact.name for n in services.order_notifications_send(acting_user=officer, authority=deputy_order)] \
        == ["Aviva"]
    assert OrderNotification.objects.count() == 4


def test_an_organisation_without_an_address_stops_the_run(officer, deputy_order, organisations):
    gas = organisations[1].contact
    gas.address = ""
    gas.save()
    with pytest.raises(ApplicationError, match="British Gas"):
        services.order_notifications_send(acting_user=officer, authority=deputy_order)
    assert not OrderNotification.objects.exists() and not Document.objects.exists()


def test_the_letter_renders_with_the_order_and_the_address_for_correspondence(officer, deputy_order, organisations,
                                                                               settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    notice = services.order_notifications_send(acting_user=officer, authority=deputy_order)[0]
    document = document_render(document_id=notice.letter_id)
    text = " ".join(page.extract_text() for page in PdfReader(document.file.path).pages)
    assert "1234567T" in text and "property and affairs" in text and notice.contact.name in text


def test_replies_are_tracked(officer, deputy_order, organisations):
    notice = services.order_notifications_send(acting_user=officer, authority=deputy_order)[0]
    services.order_notification_update(acting_user=officer, notification=notice, status="acknowledged", on=TODAY,
                                       note="Records updated")
    notice.refresh_from_db()
    assert notice.status == "acknowledged" and notice.updated_on == TODAY
    with pytest.raises(ApplicationError):
        services.order_notification_update(acting_user=officer, notification=notice, status="sent", on=TODAY)


def test_accounts_are_tracked_to_closure(officer, deputy_order):
    account = services.account_closure_add(acting_user=officer, authority=deputy_order, institution="Nationwide",
                                           account_description="Savings ending 0021", holder="Margaret Thornton",
                                           balance=Decimal("3210.55"), action="close")
    services.account_closure_close(acting_user=officer, account=account, closed_on=TODAY,
                                   amount_transferred=Decimal("3214.02"))
    account.refresh_from_db()
    assert account.closed_on == TODAY and account.amount_transferred == Decimal("3214.02")
    with pytest.raises(ApplicationError, match="already closed"):
        services.account_closure_close(acting_user=officer, account=account, closed_on=TODAY,
                                       amount_transferred=Decimal("1"))
    kept = services.account_closure_add(acting_user=officer, authority=deputy_order, institution="Post Office",
                                        account_description="Card account", holder="Margaret Thornton",
                                        balance=Decimal("10"), action="keep")
    with pytest.raises(ApplicationError, match="kept open"):
        services.account_closure_close(acting_user=officer, account=kept, closed_on=TODAY,
                                       amount_transferred=Decimal("10"))
    with pytest.raises(ApplicationError, match="future"):
        services.account_closure_close(acting_user=officer, account=AccountClosure.objects.create(
            client=deputy_order.client, authority=deputy_order, institution="X", account_description="Y", holder="Z",
            balance=Decimal("1"), action="close", recorded_by=officer),
            closed_on=TODAY + dt.timedelta(days=1), amount_transferred=Decimal("1"))
