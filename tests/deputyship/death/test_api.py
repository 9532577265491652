"""The death API: the same services and rules as the pages; bad input is a 400 naming what is wrong, and nothing
is written."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from deputyship.death.models import BonaVacantiaDecision, Death, DeathLetter, FuneralConsent, Grant
from ledger.models import Payment
from tests.deputyship.death.conftest import DIED, TODAY

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_estate_wound_up_through_the_api(officer, north_client, deputy, contacts, fund):
    fund(north_client, "800.00", on=DIED - dt.timedelta(days=3))
    browser = api(officer)
    url = f"/api/v1/deputyship/clients/{north_client.pk}/death/"
    bad = browser.post(url, {"died_on": str(TODAY + dt.timedelta(days=1)), "notified_on": str(TODAY),
                             "notified_how": "care_home"}, format="json")
    assert bad.status_code == 400 and not Death.objects.exists()
    made = browser.post(url, {"died_on": str(DIED), "notified_on": str(DIED), "notified_how": "care_home",
                              "will": "valid_will", "executor": "Ann Smith"}, format="json")
    assert made.status_code == 201, made.content
    estate = made.json()["id"]
    base = f"/api/v1/deputyship/estates/{estate}"
    assert browser.get(f"{base}/").json()["executor"] == "Ann Smith"
    letters = browser.get(f"{base}/letters/").json()
    assert len(letters) == DeathLetter.objects.count() == 6
    assert browser.post(f"{base}/letters/", format="json").status_code == 400  # the one left has no address

    consent = browser.post(f"{base}/funeral-consents/", {"consented_by": "Ann Smith", "consented_on": str(TODAY),
                                                         "funeral_director": "Co-op", "amount": "500.00"},
                           format="json")
    assert consent.status_code == 201
    pay_url = f"/api/v1/deputyship/funeral-consents/{consent.json()['id']}/payments/"
    over = browser.post(pay_url, {"amount": "600.00", "effective_date": str(TODAY), "reference": "INV",
                                  "idempotency_key": "funeral-api-1"}, format="json")
    assert over.status_code == 400 and not Payment.objects.filter(payee="Co-op").exists()
    for _ in range(2):
        paid = browser.post(pay_url, {"amount": "400.00", "effective_date": str(TODAY), "reference": "INV",
                                      "idempotency_key": "funeral-api-1"}, format="json")
        assert paid.status_code == 201
    assert Payment.objects.filter(payee="Co-op").count() == 1

    account = browser.post(f"{base}/final-account/", {}, format="json")
    assert account.status_code == 201
    assert account.json()["balance_now"] == "400.00" and account.json()["document"] is not None

    assert browser.post(f"{base}/release/", {"released_on": str(TODAY)}, format="json").status_code == 400
    bad_grant = browser.post(f"{base}/grant/", {"kind": "will", "issued_on": str(TODAY), "reference": "P1",
                                                "granted_to": "Ann Smith"}, format="json")
    assert bad_grant.status_code == 400 and "kind" in str(bad_grant.json()) and not Grant.objects.exists()
    assert browser.post(f"{base}/grant/", {"kind": "probate", "issued_on": str(TODAY), "reference": "P1",
                                           "granted_to": "Ann Smith"}, format="json").status_code == 201
    released = browser.post(f"{base}/release/", {"released_on": str(TODAY)}, format="json")
    assert released.status_code == 201 and released.json()["amount"] == "400.00"

    refer = browser.post(f"{base}/bona-vacantia/", {
        "refer": True, "valid_will": True, "known_entitled_relatives": False, "grant_issued": True,
        "gross_estate": "800.00", "funeral_and_debts": "400.00"}, format="json")
    assert refer.status_code == 400 and not BonaVacantiaDecision.objects.exists()
    decided = browser.post(f"{base}/bona-vacantia/", {"refer": False, "valid_will": True,
                                                      "known_entitled_relatives": False, "grant_issued": True,
                                                      "gross_estate": "800.00", "funeral_and_debts": "400.00"},
                           format="json")
    assert decided.status_code == 201 and decided.json()["reasons"].startswith("Not referred")
    assert FuneralConsent.objects.count() == 1


def test_other_team_and_auditors(other_officer, officer, north_client, deputy, auditor):
    url = f"/api/v1/deputyship/clients/{north_client.pk}/death/"
    fields = {"died_on": str(DIED), "notified_on": str(DIED), "notified_how": "care_home"}
    assert api(other_officer).post(url, fields, format="json").status_code == 404
    assert api(auditor).post(url, fields, format="json").status_code == 403
    assert not Death.objects.exists()
