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
    assert body["weekly_spend"] == "35.50" and body["agreement"] == made.json()["id"]
    assert body["holder"] == "care_provider"
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


@pytest.fixture
def card(officer, north_client):
    from decimal import Decimal

    from deputyship.cards.services import prepaid_card_issue

    return prepaid_card_issue(acting_user=officer, client=north_client, provider="Allpay", last_four="4821",
                              holder="client", weekly_spend=Decimal("35.00"), issued_on=TODAY - dt.timedelta(days=7))


@pytest.mark.django_db
def test_the_weekly_spend_balance_and_end_of_a_card(officer, card):
    api = client_as(officer)
    base = f"/api/v1/deputyship/prepaid-cards/{card.pk}"
    for bad in ({"weekly_spend": 40.5, "reason": "A float"}, {"weekly_spend": "0.00", "reason": "x"},
                {"weekly_spend": "40.00"}, {"weekly_spend": "35.00", "reason": "The same"}):
        assert api.post(f"{base}/weekly-spend/", bad, format="json").status_code == 400, bad
    card.refresh_from_db()
    assert str(card.weekly_spend) == "35.00"
    changed = api.post(f"{base}/weekly-spend/", {"weekly_spend": "45.00", "reason": "Review"}, format="json")
    assert changed.status_code == 200 and changed.json()["weekly_spend"] == "45.00"
    assert card.history.first().history_change_reason == "Weekly spend changed from £35.00 to £45.00: Review"
    balance = api.post(f"{base}/balance/", {"balance": "12.30", "on": TODAY.isoformat()}, format="json")
    assert balance.status_code == 200 and balance.json()["balance"] == "12.30"
    assert api.post(f"{base}/end/", {"ended_on": (TODAY - dt.timedelta(days=30)).isoformat(), "reason": "Lost"},
                    format="json").status_code == 400
    ended = api.post(f"{base}/end/", {"ended_on": TODAY.isoformat(), "reason": "Lost"}, format="json")
    assert ended.status_code == 200 and ended.json()["ended_on"] == TODAY.isoformat()
    assert api.post(f"{base}/weekly-spend/", {"weekly_spend": "50.00", "reason": "Too late"},
                    format="json").status_code == 400


@pytest.mark.django_db
def test_importing_a_card_statement(officer, card):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from deputyship.cards.models import CardSpend, CardStatementImport

    api = client_as(officer)
    url = f"/api/v1/deputyship/prepaid-cards/{card.pk}/statements/"
    day = (TODAY - dt.timedelta(days=2)).strftime("%d/%m/%Y")
    bad = f"Date,Description,Amount,Balance\n{day},Top-up,35.00,35.00\n{day},Cafe,-3.00,31.00\n".encode()
    refused = api.post(url, {"file": SimpleUploadedFile("bad.csv", bad)}, format="multipart")
    assert refused.status_code == 400
    assert "Line 3: the balance £31.00" in str(refused.json())
    assert not CardStatementImport.objects.exists() and not CardSpend.objects.exists()
    good = f"Date,Description,Amount,Balance\n{day},Top-up,35.00,35.00\n{day},Cafe,-3.00,32.00\n".encode()
    made = api.post(url, {"file": SimpleUploadedFile("week.csv", good)}, format="multipart")
    assert made.status_code == 201, made.json()
    assert made.json()["spent"] == "3.00" and made.json()["closing_balance"] == "32.00"
    again = api.post(url, {"file": SimpleUploadedFile("again.csv", good)}, format="multipart")
    assert again.status_code == 200 and again.json()["id"] == made.json()["id"]
    assert CardSpend.objects.count() == 2


@pytest.mark.django_db
def test_another_team_cannot_touch_the_card(other_officer, card):
    response = client_as(other_officer).post(f"/api/v1/deputyship/prepaid-cards/{card.pk}/weekly-spend/",
                                             {"weekly_spend": "99.00", "reason": "x"}, format="json")
    assert response.status_code in (403, 404)
    card.refresh_from_db()
    assert str(card.weekly_spend) == "35.00"
