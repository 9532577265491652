"""The deputyship API: cards, cherished documents and estates, limited to the clients one may see."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from deputyship.cards.choices import CardHolder
from deputyship.cards.services import prepaid_card_issue
from deputyship.death.choices import NotifiedHow
from deputyship.death.services import death_record
from deputyship.lifeevents.choices import DocumentKind
from deputyship.lifeevents.services import cherished_document_record

TODAY = dt.date.today()


@pytest.mark.django_db
def test_each_list_shows_the_records_of_clients_one_may_see(client_as, officer, north_client, auditor, other_officer):
    prepaid_card_issue(acting_user=officer, client=north_client, provider="Allpay", last_four="2222",
                       holder=CardHolder.CLIENT, weekly_spend=Decimal("30.00"), issued_on=TODAY)
    cherished_document_record(acting_user=officer, client=north_client, kind=DocumentKind.WILL, description="Will",
                              location="Safe", received_on=TODAY)
    death_record(acting_user=officer, client=north_client, died_on=TODAY, notified_on=TODAY,
                 notified_how=NotifiedHow.HOSPITAL)
    api = client_as(officer)
    cards = api.get("/api/v1/deputyship/cards/").json()["results"]
    assert cards[0]["last_four"] == "2222" and cards[0]["weekly_spend"] == "30.00"
    assert api.get("/api/v1/deputyship/cherished-documents/?held=true").json()["results"][0]["kind"] == "will"
    estates = api.get("/api/v1/deputyship/estates/?awaiting_grant=true").json()["results"]
    assert estates[0]["grant"] is None and estates[0]["client"] == north_client.pk
    assert api.get("/api/v1/deputyship/cards/?client=x").status_code == 400
    assert client_as(auditor).get("/api/v1/deputyship/cards/").json()["count"] == 1
    assert client_as(other_officer).get("/api/v1/deputyship/cards/").status_code == 403
