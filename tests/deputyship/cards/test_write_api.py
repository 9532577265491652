"""The cards write API: a money management agreement, then a card a care provider holds under it; bad input
and a care provider without an agreement change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from deputyship.cards.models import MoneyManagementAgreement, PrepaidCard

TODAY = dt.date.today()


def client_as(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _card(**changes):
    return {"provider": "Allpay", "last_four": "4321", "holder": "care_provider", "holder_name": "Oakwood Care Home",
            "weekly_spend": "35.50", "issued_on": TODAY.isoformat(), **changes}


@pytest.mark.django_db
def test_a_care_provider_holds_the_card_only_under_an_agreement(officer, north_client):
    api = client_as(officer)
    url = f"/api/v1/deputyship/clients/{north_client.pk}/prepaid-cards/"
    refused = api.post(url, _card(), format="json")
    assert refused.status_code == 400 and "money management agreement" in str(refused.json())
    assert not PrepaidCard.objects.exists()
    made = api.post(f"/api/v1/deputyship/clients/{north_client.pk}/money-management-agreements/",
                    {"third_party": "Oakwood Care Home", "signed_on": TODAY.isoformat(),
                     "review_on": (TODAY + dt.timedelta(days=365)).isoformat()}, format="json")
    assert made.status_code == 201 and made.json()["third_party"] == "Oakwood Care Home"
    issued = api.post(url, _card(agreement=made.json()["id"]), format="json")
    assert issued.status_code == 201, issued.json()
    body = issued.json()
    assert body["weekly_spend"] == "35.50" and body["agreement"] == made.json()["id"] and body["holder"] == "care_provider"
    card = PrepaidCard.objects.get()
    assert card.agreed_by == officer and str(card.weekly_spend) == "35.50"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [{"last_four": "12a4"}, {"weekly_spend": "0.00"}, {"weekly_spend": "1.234"},
                                 {"holder": "neighbour"}, {"issued_on": (TODAY + dt.timedelta(days=1)).isoformat()},
                                 {"agreement": 999999}])
def test_bad_input_changes_nothing(officer, north_client, bad):
    response = client_as(officer).post(f"/api/v1/deputyship/clients/{north_client.pk}/prepaid-cards/",
                                       _card(**{"holder": "client", "holder_name": "", **bad}), format="json")
    assert response.status_code == 400
    assert not PrepaidCard.objects.exists()


@pytest.mark.django_db
def test_a_bad_agreement_or_another_team_changes_nothing(officer, other_officer, north_client):
    url = f"/api/v1/deputyship/clients/{north_client.pk}/money-management-agreements/"
    late = {"third_party": "Oakwood", "signed_on": TODAY.isoformat(), "review_on": TODAY.isoformat()}
    assert client_as(officer).post(url, late, format="json").status_code == 400
    good = dict(late, review_on=(TODAY + dt.timedelta(days=30)).isoformat())
    assert client_as(other_officer).post(url, good, format="json").status_code in (403, 404)
    assert not MoneyManagementAgreement.objects.exists()
