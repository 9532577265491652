"""The authority API: a client's authority (read) and the check (writes nothing), with the same rules as the pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from deputyship.authority.models import LegalAuthority

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_authority_of_a_client(officer, north_client, deputy_order):
    answer = _api(officer).get(f"/api/v1/deputyship/clients/{north_client.pk}/authority/")
    assert answer.status_code == 200
    body = answer.json()["authority"]
    assert body["reference"] == "1234567T" and body["may_sell_property"] is False
    assert body["payment_limit"] == "10000.00" and body["bond"] is None and body["permissions"] == []


def test_no_authority_is_null(officer, north_client):
    assert _api(officer).get(f"/api/v1/deputyship/clients/{north_client.pk}/authority/").json()["authority"] is None


def test_the_check_answers_and_writes_nothing(officer, north_client, deputy_order):
    before = LegalAuthority.history.count()
    for user in (officer,):
        answer = _api(user).post(f"/api/v1/deputyship/clients/{north_client.pk}/authority-check/",
                                 {"action": "payment", "amount": "10000.01"}, format="json")
        assert answer.status_code == 200
        assert answer.json()["allowed"] is False and "£10,000.00" in answer.json()["reason"]
    answer = _api(officer).post(f"/api/v1/deputyship/clients/{north_client.pk}/authority-check/",
                                {"action": "payment", "amount": "25.00"}, format="json")
    assert answer.json()["allowed"] is True and answer.json()["authority"] == deputy_order.pk
    assert LegalAuthority.history.count() == before


@pytest.mark.parametrize("body", [{"action": "buy_a_yacht"}, {"action": "gift", "amount": 10.5}, {}])
def test_bad_input_is_refused(officer, north_client, body):
    answer = _api(officer).post(f"/api/v1/deputyship/clients/{north_client.pk}/authority-check/", body, format="json")
    assert answer.status_code == 400


def test_another_teams_client_is_404(other_officer, north_client):
    assert _api(other_officer).get(f"/api/v1/deputyship/clients/{north_client.pk}/authority/").status_code == 404
    assert _api(other_officer).post(f"/api/v1/deputyship/clients/{north_client.pk}/authority-check/",
                                    {"action": "gift"}, format="json").status_code == 404
